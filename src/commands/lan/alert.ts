/**
 * `lan alert print [channel] [destination]` and `lan alert set <channel> <destination> <command> <value>`:
 * the LAN alert destinations (IPMI v2.0 §23.1 parameters 17-19), as lib/ipmi_lanp.c prints and sets them.
 */
import { CommandError, HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';
import { LanParam, lanParamName } from '../../spec/lan-parameters.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { findLanChannel, isLanChannel, notLan } from './channel.js';
import { readParam, writeParam } from './params.js';
import { ALERT_PRINT_USAGE, ALERT_SET_USAGE } from './usage.js';
import { ipString, macString } from '../../format/address.js';
import { parseIp, parseMac } from './values.js';

export interface AlertDestination {
  destination: number;
  acknowledged: boolean;
  /** Parameter 18 byte 2 bits 2:0: 0 PET trap, 6 OEM 1, 7 OEM 2. */
  type: number;
  /** Acknowledge timeout (acknowledged) or retry interval, seconds. */
  timeout: number;
  retries: number;
  /** Absent when the address format is not IPv4+MAC (parameter 19 byte 2 bits 7:4 non-zero). */
  address?: { backupGateway: boolean; ip: string; mac: string };
}

export interface LanAlerts {
  channel: number;
  destinations: AlertDestination[];
}

async function destinationCount(ctx: Context, channel: number): Promise<number | null> {
  const d = await readParam(ctx, channel, LanParam.DestinationCount);
  return d && d.length > 0 ? d[0]! & 0x0f : null;
}

/** ipmi_lan_alert_print(): undefined when a parameter is missing or short (ipmitool then prints nothing for it). */
async function readDestination(ctx: Context, channel: number, dest: number): Promise<AlertDestination | undefined> {
  const type = await readParam(ctx, channel, LanParam.DestinationType, dest);
  if (!type || type.length < 4) return undefined;
  const addr = await readParam(ctx, channel, LanParam.DestinationAddress, dest);
  if (!addr || addr.length < 13) return undefined;
  const a: AlertDestination = {
    destination: type[0]!,
    acknowledged: (type[1]! & 0x80) !== 0,
    type: type[1]! & 0x07,
    timeout: type[2]!,
    retries: type[3]! & 0x07,
  };
  if ((addr[1]! & 0xf0) === 0) a.address = { backupGateway: (addr[2]! & 1) !== 0, ip: ipString(addr.subarray(3, 7)), mac: macString(addr.subarray(7, 13)) };
  return a;
}

async function lanChannelArg(ctx: Context, arg: string): Promise<number> {
  const channel = parseU8(arg);
  if (channel === undefined) throw new UsageError(`Invalid channel: ${arg}`);
  const check = await isLanChannel(ctx, channel);
  if (!check.ok) throw notLan(check, `Channel ${channel} is not a LAN channel`, channel >= 1 && channel <= 14);
  return channel;
}

async function checkDestination(ctx: Context, channel: number, arg: string): Promise<number> {
  const dest = parseU8(arg);
  if (dest === undefined) throw new UsageError(`Invalid alert: ${arg}`);
  const count = await destinationCount(ctx, channel);
  if (count === null || dest > count) throw new CommandError(`Alert ${dest} is not a valid destination`, 'invalid-destination');
  return dest;
}

export async function alertPrint(ctx: Context, args: string[]): Promise<Report<LanAlerts>> {
  if (args[0] === 'help') throw new HelpRequest(ALERT_PRINT_USAGE);
  if (args.length > 2) throw new UsageError(`Unexpected argument for 'lan alert print': ${args[2]}`);
  let channel: number;
  let notes: string[] = [];
  if (args.length === 0) {
    const found = await findLanChannel(ctx);
    notes = found.lines;
    const check = found.channel ? await isLanChannel(ctx, found.channel) : { ok: false, lines: [] };
    if (!check.ok)
      throw notLan(
        { lines: [...notes, ...check.lines], ...(found.error ? { error: found.error } : {}) },
        `Channel ${found.channel} is not a LAN channel`,
        true,
      );
    channel = found.channel;
  } else channel = await lanChannelArg(ctx, args[0]!);
  const extra = notes.length ? { notes } : {};
  if (args.length === 2) {
    const dest = await checkDestination(ctx, channel, args[1]!);
    const d = await readDestination(ctx, channel, dest);
    if (!d) throw new CommandError(`Unable to read LAN alert destination ${dest} on channel ${channel}`, 'alert-destination');
    return report('lan.alert.print', { channel, destinations: [d] }, extra);
  }
  const count = await destinationCount(ctx, channel);
  if (count === null)
    throw new CommandError(`LAN parameter '${lanParamName(LanParam.DestinationCount)}' is not supported by this BMC`, 'unsupported-parameter');
  const destinations: AlertDestination[] = [];
  // Destination 0 is the volatile one; ipmitool lists 0..count and skips what it cannot read.
  for (let j = 0; j <= count; j++) {
    try {
      const d = await readDestination(ctx, channel, j);
      if (d) destinations.push(d);
    } catch (e) {
      if (!(e instanceof IpmiError) || e.layer === 'transport' || e.layer === 'device') throw e;
      ctx.log.verbose(1, e.message);
    }
  }
  return report('lan.alert.print', { channel, destinations }, extra);
}

export interface LanAlertSet {
  channel: number;
  destination: number;
  setting: string;
  value: unknown;
  text: string;
}

type Edit = { param: number; setting: string; value: unknown; apply(data: Buffer, dest: number): string };

/** The change asked for, checked before anything is sent. */
function edit(cmd: string, arg: string): Edit {
  const c = cmd.toLowerCase();
  const v = arg.toLowerCase();
  const usage = (): never => {
    throw new HelpRequest(ALERT_SET_USAGE, true);
  };
  switch (c) {
    case 'ipaddr': {
      const ip = parseIp(arg, ALERT_SET_USAGE);
      return {
        param: LanParam.DestinationAddress,
        setting: 'ipaddr',
        value: ipString(ip),
        apply: (d, n) => {
          ip.copy(d, 3);
          return `Setting LAN Alert ${n} IP Address to ${ipString(ip)}\n`;
        },
      };
    }
    case 'macaddr': {
      const mac = parseMac(arg, ALERT_SET_USAGE);
      return {
        param: LanParam.DestinationAddress,
        setting: 'macaddr',
        value: macString(mac),
        apply: (d, n) => {
          mac.copy(d, 7);
          return `Setting LAN Alert ${n} MAC Address to ${macString(mac)}\n`;
        },
      };
    }
    case 'gateway': {
      const backup = v === 'bak' || v === 'backup' ? true : v === 'def' || v === 'default' ? false : usage();
      return {
        param: LanParam.DestinationAddress,
        setting: 'gateway',
        value: backup ? 'backup' : 'default',
        apply: (d, n) => {
          d[2] = backup ? 1 : 0;
          return `Setting LAN Alert ${n} to use ${backup ? 'Backup' : 'Default'} Gateway\n`;
        },
      };
    }
    case 'ack': {
      const on = v === 'on' || v === 'yes' ? true : v === 'off' || v === 'no' ? false : usage();
      return {
        param: LanParam.DestinationType,
        setting: 'ack',
        value: on,
        apply: (d, n) => {
          d[1] = on ? d[1]! | 0x80 : d[1]! & ~0x80;
          return `Setting LAN Alert ${n} to ${on ? 'Acknowledged' : 'Unacknowledged'}\n`;
        },
      };
    }
    case 'type': {
      const type = v === 'pet' ? 0 : v === 'oem1' ? 6 : v === 'oem2' ? 7 : usage();
      const name = ['PET Trap', '', '', '', '', '', 'OEM 1', 'OEM 2'][type]!;
      return {
        param: LanParam.DestinationType,
        setting: 'type',
        value: v,
        apply: (d, n) => {
          d[1] = (d[1]! & ~0x07) | type;
          return `Setting LAN Alert ${n} destination to ${name}\n`;
        },
      };
    }
    case 'time': {
      const t = parseU8(arg);
      if (t === undefined) throw new UsageError(`Invalid time: ${arg}`);
      return {
        param: LanParam.DestinationType,
        setting: 'time',
        value: t,
        apply: (d, n) => {
          d[2] = t;
          return `Setting LAN Alert ${n} timeout/retry to ${t} seconds\n`;
        },
      };
    }
    case 'retry': {
      const r = parseU8(arg);
      if (r === undefined) throw new UsageError(`Invalid retry: ${arg}`);
      return {
        param: LanParam.DestinationType,
        setting: 'retry',
        value: r & 7,
        apply: (d, n) => {
          d[3] = r & 7;
          return `Setting LAN Alert ${n} number of retries to ${r & 7}\n`;
        },
      };
    }
    default:
      return usage();
  }
}

export async function alertSet(ctx: Context, args: string[]): Promise<Report<LanAlertSet>> {
  if (args.length < 4) throw new HelpRequest(ALERT_SET_USAGE, true);
  if (args[0] === 'help') throw new HelpRequest(ALERT_SET_USAGE);
  if (args[2] === 'help' || args[3] === 'help') throw new HelpRequest(ALERT_SET_USAGE);
  const channelNo = parseU8(args[0]!);
  if (channelNo === undefined) throw new UsageError(`Invalid channel: ${args[0]}`);
  if (parseU8(args[1]!) === undefined) throw new UsageError(`Invalid alert: ${args[1]}`);
  const e = edit(args[2]!, args[3]!);
  if (args.length > 4) throw new UsageError(`Unexpected argument for 'lan alert set': ${args[4]}`);
  const channel = await lanChannelArg(ctx, args[0]!);
  const dest = await checkDestination(ctx, channel, args[1]!);
  const cur = await readParam(ctx, channel, e.param, dest);
  if (!cur || cur.length === 0) throw new CommandError(`LAN parameter '${lanParamName(e.param)}' is not supported by this BMC`, 'unsupported-parameter');
  const data = Buffer.from(cur);
  const text = e.apply(data, dest);
  const out: LanAlertSet = { channel, destination: dest, setting: e.setting, value: e.value, text };
  try {
    // ipmitool writes destinations without the read-back check (set_lan_param_nowait).
    await writeParam(ctx, channel, e.param, data, { verify: false });
  } catch (err) {
    if (err instanceof IpmiError) return report('lan.alert.set', out, { failure: err });
    throw err;
  }
  return report('lan.alert.set', out);
}
