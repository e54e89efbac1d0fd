/**
 * `lan set <channel> <command> <parameter>` (lib/ipmi_lanp.c ipmi_lan_set). Every argument is
 * checked before anything is sent; then the channel is checked (one Get Channel Info) and the
 * parameter written with the Set In Progress protocol (params.ts). Messages are ipmitool's.
 */
import { CommandError, HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { parseCNumber, parseU16, parseU8 } from '../../runtime/numbers.js';
import { getChannelAccess } from '../../ipmi/cmds/app/get-channel-access.js';
import { setChannelAccess } from '../../ipmi/cmds/app/set-channel-access.js';
import { setUserAccess } from '../../ipmi/cmds/app/set-user-access.js';
import { PasswordOperation, setUserPassword } from '../../ipmi/cmds/app/set-user-password.js';
import { LanParam, cipherPrivilegeFromChar, lanParamName } from '../../spec/lan-parameters.js';
import type { Context } from '../../runtime/context.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { report, type Report } from '../../report.js';
import { isLanChannel, notLan } from './channel.js';
import { readParam, writeParam } from './params.js';
import {
  ACCESS_USAGE,
  ARP_USAGE,
  AUTH_USAGE,
  BAD_PASS_USAGE,
  BAKGW_USAGE,
  CIPHER_PRIVS_USAGE,
  DEFGW_USAGE,
  IPSRC_USAGE,
  LAN_SET_USAGE,
  SNMP_USAGE,
  VLAN_USAGE,
} from './usage.js';
import { ipString, macString } from '../../format/address.js';
import { parseIp, parseMac } from './values.js';

export interface LanSet {
  channel: number;
  /** The `lan set` command word (ipaddr, defgw, arp, ...). */
  setting: string;
  /** What was written, for --json (never a password). */
  value?: unknown;
  /** ipmitool's stdout, byte for byte (some lines have no newline, as in ipmitool). */
  text: string;
}

type Step = (ctx: Context, channel: number, out: string[]) => Promise<unknown>;

interface Plan {
  setting: string;
  value?: unknown;
  run: Step;
}

const help = (usage: string): never => {
  throw new HelpRequest(usage);
};
const fail = (usage: string): never => {
  throw new HelpRequest(usage, true);
};

/** A parameter the command must read first; "not supported" is an error here (ipmitool fails silently). */
async function current(ctx: Context, channel: number, param: number, size: number): Promise<Buffer> {
  const d = await readParam(ctx, channel, param);
  if (!d) throw new CommandError(`LAN parameter '${lanParamName(param)}' is not supported by this BMC`, 'unsupported-parameter');
  const b = Buffer.alloc(Math.max(size, d.length));
  d.copy(b);
  return b;
}

const setParam =
  (param: number, data: Uint8Array, message?: string): Step =>
  async (ctx, channel, out) => {
    if (message) out.push(message);
    await writeParam(ctx, channel, param, data);
  };

function ipPlan(setting: string, param: number, arg: string, usage?: string): Plan {
  const ip = parseIp(arg, usage);
  return { setting, value: ipString(ip), run: setParam(param, ip, `Setting LAN ${lanParamName(param)} to ${ipString(ip)}\n`) };
}

function macPlan(setting: string, param: number, arg: string, usage?: string): Plan {
  const mac = parseMac(arg, usage);
  return { setting, value: macString(mac), run: setParam(param, mac, `Setting LAN ${lanParamName(param)} to ${macString(mac)}\n`) };
}

/** `defgw|bakgw ipaddr|macaddr <value>`. */
function gatewayPlan(args: string[], usage: string, ipParam: number, macParam: number): Plan {
  if (args.length < 4) fail(usage);
  if (args[2] === 'help') help(usage);
  if (args[2] === 'ipaddr') return ipPlan(`${args[1]} ipaddr`, ipParam, args[3]!, LAN_SET_USAGE);
  if (args[2] === 'macaddr') return macPlan(`${args[1]} macaddr`, macParam, args[3]!, LAN_SET_USAGE);
  return fail(LAN_SET_USAGE);
}

type Access = Awaited<ReturnType<typeof readAccess>>;

const readAccess = (ctx: Context, channel: number, volatile: boolean) => evalInvoke(ctx, getChannelAccess, { channel, volatile });

/** ipmi_set_channel_access(): access mode and ADMINISTRATOR limit, non-volatile then volatile, each read first. */
async function setAccessMode(ctx: Context, channel: number, mode: number): Promise<void> {
  for (const [volatile, which] of [
    [false, 'non-volatile'],
    [true, 'volatile'],
  ] as const) {
    const a = await orSay(() => readAccess(ctx, channel, volatile), `Unable to Get Channel Access(${which}) for channel ${channel}`);
    const option = volatile ? 2 : 1;
    await orSay(
      () => evalInvoke(ctx, setChannelAccess, { channel, ...a, accessMode: mode, privilegeLimit: 4, accessOption: option, privilegeOption: option }),
      `Unable to Set Channel Access(${which}) for channel ${channel}`,
    );
  }
}

/** ipmi_set_alert_enable(): the non-volatile settings with the alerting bit changed, written to both sets. */
async function setAlerting(ctx: Context, channel: number, on: boolean): Promise<void> {
  const a: Access = await orSay(() => readAccess(ctx, channel, false), `Unable to Get Channel Access(non-volatile) for channel ${channel}`);
  // The spec's bit means "PEF alerting disabled"; ipmitool 1.8.19 sets it for "on" (fixed upstream after 1.8.19).
  a.alertingDisabled = !on;
  for (const [option, which] of [
    [1, 'non-volatile'],
    [2, 'volatile'],
  ] as const) {
    await orSay(
      () => evalInvoke(ctx, setChannelAccess, { channel, ...a, accessOption: option, privilegeOption: 0 }),
      `Unable to Set Channel Access(${which}) for channel ${channel}`,
    );
  }
}

function onOff(word: string | undefined): boolean | undefined {
  return word === 'on' ? true : word === 'off' ? false : undefined;
}

const AUTH_TYPES: Readonly<Record<string, number>> = { none: 0x01, md2: 0x02, md5: 0x04, password: 0x10, key: 0x10, oem: 0x20 };
const AUTH_LEVELS: Readonly<Record<string, number>> = { callback: 0, user: 1, operator: 2, admin: 3 };

function authPlan(args: string[]): Plan {
  if (args.length < 3) fail(AUTH_USAGE);
  if (args[2] === 'help') help(AUTH_USAGE);
  // ipmitool silently does nothing without the types.
  if (args.length < 4) fail(AUTH_USAGE);
  // ipmitool compares the rest of the list from each comma, so only the last item counts; ipmits takes every item.
  let types = 0;
  for (const t of args[3]!.split(',')) {
    const bit = AUTH_TYPES[t.toLowerCase()];
    if (bit === undefined) throw new UsageError(`Invalid authentication type: ${t}`);
    types |= bit;
  }
  const levels = args[2]!.split(',').map((l) => {
    const i = AUTH_LEVELS[l.toLowerCase()];
    if (i === undefined) throw new UsageError(`Invalid authentication level: ${l}`);
    return i;
  });
  return {
    setting: 'auth',
    value: { levels: args[2]!.split(',').map((l) => l.toLowerCase()), types: args[3]!.split(',').map((t) => t.toUpperCase()) },
    run: async (ctx, channel) => {
      const data = await current(ctx, channel, LanParam.AuthTypeEnable, 5);
      const next = Buffer.from(data.subarray(0, 5));
      for (const i of levels) next[i] = types;
      await writeParam(ctx, channel, LanParam.AuthTypeEnable, next);
    },
  };
}

function arpPlan(args: string[]): Plan {
  if (args.length < 3) fail(ARP_USAGE);
  const what = args[2]!;
  if (what === 'interval') {
    const v = args[3] === undefined ? undefined : parseU8(args[3]);
    if (v === undefined) throw new UsageError(`Given ARP interval '${args[3] ?? '(null)'}' is invalid.`);
    if (v > 127) throw new UsageError(`Given ARP interval '${v}' is too big.`);
    return {
      setting: 'arp interval',
      value: v,
      run: async (ctx, channel, out) => {
        const cur = await current(ctx, channel, LanParam.GratuitousArpInterval, 1);
        // In 500 ms units: seconds * 2 - 1; 0 keeps the current interval.
        const interval = v !== 0 ? v * 2 - 1 : cur[0]!;
        const line = `BMC-generated Gratuitous ARP interval:  ${Math.trunc((interval + 1) / 2).toFixed(1)} seconds\n`;
        try {
          if (v !== 0) await writeParam(ctx, channel, LanParam.GratuitousArpInterval, Uint8Array.of(interval));
        } finally {
          out.push(line);
        }
      },
    };
  }
  if (what === 'generate' || what === 'respond') {
    if (args.length < 4) fail(ARP_USAGE);
    const on = onOff(args[3]);
    if (on === undefined) fail(ARP_USAGE);
    const mask = what === 'generate' ? 0x01 : 0x02;
    const message = what === 'generate' ? 'BMC-generated Gratuitous ARPs' : 'BMC-generated ARP responses';
    return {
      setting: `arp ${what}`,
      value: on,
      run: async (ctx, channel, out) => {
        const cur = await current(ctx, channel, LanParam.BmcArpControl, 1);
        out.push(`${on ? 'En' : 'Dis'}abling ${message}\n`);
        await writeParam(ctx, channel, LanParam.BmcArpControl, Uint8Array.of(on ? cur[0]! | mask : cur[0]! & ~mask));
      },
    };
  }
  // ipmitool prints the usage and succeeds for `arp help` and unknown words alike.
  if (what === 'help') help(ARP_USAGE);
  return fail(ARP_USAGE);
}

function vlanPlan(args: string[]): Plan {
  if (args.length < 4) fail(VLAN_USAGE);
  if (args[2] === 'help') help(VLAN_USAGE);
  if (args[2] === 'id') {
    if (args[3] === 'off') {
      return {
        setting: 'vlan id',
        value: 'off',
        run: async (ctx, channel, out) => {
          let data = Buffer.from([0, 0]);
          const cur = await readParam(ctx, channel, LanParam.VlanId);
          if (cur && cur.length > 1) {
            const id = ((cur[1]! & 0x0f) << 8) + cur[0]!;
            if (id === 0) {
              out.push(`VLAN is already disabled for channel ${channel}\n`);
              return;
            }
            if (id > 4094) throw new CommandError(`Retrieved VLAN ID ${id} is out of range <1..4094>.`);
            data = Buffer.from([cur[0]!, cur[1]! & 0x0f]);
          }
          await writeParam(ctx, channel, LanParam.VlanId, data);
        },
      };
    }
    const id = parseCNumber(args[3]!);
    if (id === undefined || id < -0x80000000 || id > 0x7fffffff) throw new UsageError(`Given VLAN ID '${args[3]}' is invalid.`);
    if (id < 1 || id > 4094) throw new UsageError('VLAN ID must be between 1 and 4094.');
    return { setting: 'vlan id', value: id, run: setParam(LanParam.VlanId, Uint8Array.of(id & 0xff, (id >> 8) | 0x80)) };
  }
  if (args[2] === 'priority') {
    const p = parseCNumber(args[3]!);
    if (p === undefined || p < -0x80000000 || p > 0x7fffffff) throw new UsageError(`Given VLAN priority '${args[3]}' is invalid.`);
    if (p < 0 || p > 7) throw new UsageError('VLAN priority must be between 0 and 7.');
    return { setting: 'vlan priority', value: p, run: setParam(LanParam.VlanPriority, Uint8Array.of(p)) };
  }
  return fail(VLAN_USAGE);
}

function cipherPrivsPlan(args: string[]): Plan {
  if (args.length !== 3) fail(CIPHER_PRIVS_USAGE);
  const spec = args[2]!;
  if (spec === 'help') help(CIPHER_PRIVS_USAGE);
  if (spec.length !== 15) throw new UsageError(`Invalid privilege specification length: ${spec.length}`, CIPHER_PRIVS_USAGE);
  const data = Buffer.alloc(9);
  for (let i = 0; i < 15; i++) {
    const level = cipherPrivilegeFromChar[spec[i]!];
    if (level === undefined || !Object.hasOwn(cipherPrivilegeFromChar, spec[i]!))
      throw new UsageError(`Invalid privilege specification char: ${spec[i]}`, CIPHER_PRIVS_USAGE);
    data[1 + (i >> 1)]! |= i % 2 === 0 ? level : level << 4;
  }
  return { setting: 'cipher_privs', value: spec, run: setParam(LanParam.CipherSuitePrivileges, data) };
}

function badPassPlan(args: string[]): Plan {
  if (args.length === 3 && args[2] === 'help') help(BAD_PASS_USAGE);
  if (args.length < 6) fail(BAD_PASS_USAGE);
  const threshold = parseU8(args[2]!);
  const event = parseU8(args[3]!);
  const reset = parseU16(args[4]!);
  const lockout = parseU16(args[5]!);
  if (threshold === undefined || event === undefined || event > 1 || reset === undefined || lockout === undefined) fail(BAD_PASS_USAGE);
  const data = Buffer.from([event!, threshold!, reset! & 0xff, reset! >> 8, lockout! & 0xff, lockout! >> 8]);
  return {
    setting: 'bad_pass_thresh',
    value: { threshold, generateEvent: event === 1, resetInterval: reset, lockoutInterval: lockout },
    run: setParam(LanParam.BadPasswordThreshold, data),
  };
}

/** Everything about the command except the channel check, decided before anything is sent. */
function plan(args: string[]): Plan {
  const what = args[1]!;
  switch (what) {
    case 'user':
      return {
        setting: 'user',
        run: async (ctx, channel, out) => {
          // User 1 (the null user) gets ADMINISTRATOR on this channel; only the privilege limit changes.
          await orSay(
            () =>
              evalInvoke(ctx, setUserAccess, {
                channel,
                userId: 1,
                changeBits: false,
                callbackOnly: false,
                linkAuth: false,
                ipmiMessaging: false,
                privilegeLimit: 4,
                sessionLimit: 0,
              }),
            `Set User Access for channel ${channel} failed`,
          );
          // Sic: no newline.
          out.push(`Set User Access for channel ${channel} was successful.`);
        },
      };
    case 'access': {
      if (args.length < 3) fail(ACCESS_USAGE);
      if (args[2] === 'help') help(ACCESS_USAGE);
      const on = onOff(args[2]);
      if (on === undefined) fail(ACCESS_USAGE);
      return {
        setting: 'access',
        value: on,
        run: async (ctx, channel, out) => {
          await setAccessMode(ctx, channel, on ? 2 : 0);
          out.push(`Set Channel Access for channel ${channel} was successful.\n`);
        },
      };
    }
    case 'alert': {
      if (args.length < 3) throw new UsageError("LAN set alert must be 'on' or 'off'");
      const on = args[2] === 'on' || args[2] === 'enable' ? true : args[2] === 'off' || args[2] === 'disable' ? false : undefined;
      if (on === undefined) throw new UsageError("LAN set alert must be 'on' or 'off'");
      return {
        setting: 'alert',
        value: on,
        run: async (ctx, channel, out) => {
          out.push(`${on ? 'Enabling' : 'Disabling'} PEF alerts for LAN channel ${channel}\n`);
          await setAlerting(ctx, channel, on);
          out.push(`PEF alerts for channel ${channel} ${on ? 'enabled' : 'disabled'}.\n`);
        },
      };
    }
    case 'arp':
      return arpPlan(args);
    case 'auth':
      return authPlan(args);
    case 'ipsrc': {
      if (args.length < 3) fail(IPSRC_USAGE);
      if (args[2] === 'help') help(IPSRC_USAGE);
      const src = ['none', 'static', 'dhcp', 'bios'].indexOf(args[2]!);
      if (src < 0) fail(IPSRC_USAGE);
      return { setting: 'ipsrc', value: args[2], run: setParam(LanParam.IpAddressSource, Uint8Array.of(src)) };
    }
    case 'password': {
      const pw = args[2] === undefined ? undefined : Buffer.from(args[2], 'utf8');
      // ipmitool silently cuts longer passwords to 16 bytes.
      if (pw && pw.length > 16) throw new UsageError('Password is too long (> 16 bytes)', undefined, 'invalid-password');
      return {
        setting: 'password',
        run: async (ctx, _channel, out) => {
          await orSay(
            () =>
              evalInvoke(ctx, setUserPassword, { userId: 1, operation: PasswordOperation.SetPassword, twentyBytes: false, ...(pw ? { password: pw } : {}) }),
            'Unable to Set LAN Password for user 1',
          );
          out.push(`Password ${pw ? 'set' : 'cleared'} for user 1\n`);
        },
      };
    }
    case 'snmp': {
      if (args.length < 3) fail(SNMP_USAGE);
      if (args[2] === 'help') help(SNMP_USAGE);
      const s = Buffer.from(args[2]!, 'latin1');
      // ipmitool silently cuts it to 18 bytes.
      if (s.length > 18) throw new UsageError(`SNMP community string is too long (> 18 bytes): ${args[2]}`);
      const data = Buffer.alloc(18);
      s.copy(data);
      return { setting: 'snmp', value: args[2], run: setParam(LanParam.SnmpCommunity, data, `Setting LAN SNMP Community String to ${args[2]}\n`) };
    }
    case 'ipaddr':
      if (args.length !== 3) fail(LAN_SET_USAGE);
      return ipPlan('ipaddr', LanParam.IpAddress, args[2]!);
    case 'netmask':
      if (args.length !== 3) fail(LAN_SET_USAGE);
      return ipPlan('netmask', LanParam.SubnetMask, args[2]!);
    case 'macaddr':
      if (args.length !== 3) fail(LAN_SET_USAGE);
      return macPlan('macaddr', LanParam.MacAddress, args[2]!);
    case 'defgw':
      return gatewayPlan(args, DEFGW_USAGE, LanParam.DefaultGatewayIp, LanParam.DefaultGatewayMac);
    case 'bakgw':
      return gatewayPlan(args, BAKGW_USAGE, LanParam.BackupGatewayIp, LanParam.BackupGatewayMac);
    case 'vlan':
      return vlanPlan(args);
    case 'cipher_privs':
      return cipherPrivsPlan(args);
    case 'bad_pass_thresh':
      return badPassPlan(args);
    default:
      return fail(LAN_SET_USAGE);
  }
}

export async function set(ctx: Context, args: string[]): Promise<Report<LanSet>> {
  if (args.length < 2) fail(LAN_SET_USAGE);
  if (args[0] === 'help' || args[1] === 'help') help(LAN_SET_USAGE);
  const channel = parseU8(args[0]!);
  if (channel === undefined) throw new UsageError(`Invalid channel: ${args[0]}`);
  const p = plan(args);
  const check = await isLanChannel(ctx, channel);
  if (!check.ok) {
    const e = notLan(check, `Channel ${channel} is not a LAN channel!`, channel >= 1 && channel <= 14);
    throw new UsageErrorWithUsage(e);
  }
  const out: string[] = [];
  const data = (): LanSet => ({ channel, setting: p.setting, ...(p.value !== undefined ? { value: p.value } : {}), text: out.join('') });
  try {
    await p.run(ctx, channel, out);
  } catch (e) {
    if (e instanceof IpmiError) return report('lan.set', data(), { failure: e });
    throw e;
  }
  return report('lan.set', data());
}

/** "Channel N is not a LAN channel!" is followed by the `lan set` usage. */
class UsageErrorWithUsage extends IpmiError {
  constructor(e: IpmiError) {
    super(e.layer, e.code, `${e.message}\n${LAN_SET_USAGE.replace(/\n$/, '')}`, e.preamble);
    if (e.detail) this.withDetail(e.detail);
  }
}
