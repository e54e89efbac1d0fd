/**
 * `lan print [channel]`: the LAN configuration parameters in ipmitool's order
 * (lib/ipmi_lanp.c ipmi_lan_print). Unsupported parameters are left out (Debian's
 * 0801 patch); any other failure ends the listing, as in ipmitool, but with a message.
 */
import { IpmiError, UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';
import { LanParam } from '../../spec/lan-parameters.js';
import { cString } from '../../ipmi/codec.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { findLanChannel, isLanChannel, notLan } from './channel.js';
import { readParam } from './params.js';

export interface BadPasswordThreshold {
  threshold: number;
  generateEvent: boolean;
  /** In tens of seconds, as sent. */
  resetInterval: number;
  lockoutInterval: number;
}

/** What was read; absent: not reached or not supported; null: printed as "Not Available"/"None". */
export interface LanConfig {
  channel: number;
  setInProgress?: number;
  authTypeSupport?: number;
  /** Callback, User, Operator, Admin, OEM. */
  authTypeEnable?: number[];
  ipSource?: number;
  ipAddress?: Buffer;
  subnetMask?: Buffer;
  macAddress?: Buffer;
  snmpCommunity?: string;
  /** TTL, flags byte, precedence/TOS byte (parameter 7). */
  ipHeader?: Buffer;
  arpControl?: number;
  gratuitousArpInterval?: number;
  defaultGatewayIp?: Buffer;
  defaultGatewayMac?: Buffer;
  backupGatewayIp?: Buffer;
  backupGatewayMac?: Buffer;
  /** The two bytes of parameter 20. */
  vlanId?: Buffer;
  vlanPriority?: number;
  /** null: the list was too long to be valid ("None"). */
  cipherSuites?: number[] | null;
  /** 15 privilege levels, one per suite 0-14; null: "Not Available". */
  cipherSuitePrivileges?: number[] | null;
  badPasswordThreshold?: BadPasswordThreshold | null;
}

const fixed = (d: Buffer, n: number): Buffer => {
  const b = Buffer.alloc(n);
  d.copy(b, 0, 0, n);
  return b;
};

type Field = Exclude<keyof LanConfig, 'channel' | 'vlanId' | 'vlanPriority' | 'cipherSuites' | 'cipherSuitePrivileges' | 'badPasswordThreshold'>;

/** Parameters 1-15 in ipmitool's print order: where each goes and how its data is read. */
const SIMPLE: readonly [number, Field, (d: Buffer) => unknown][] = [
  [LanParam.SetInProgress, 'setInProgress', (d) => fixed(d, 1)[0]! & 3],
  [LanParam.AuthTypeSupport, 'authTypeSupport', (d) => fixed(d, 1)[0]!],
  [LanParam.AuthTypeEnable, 'authTypeEnable', (d) => [...fixed(d, 5)]],
  [LanParam.IpAddressSource, 'ipSource', (d) => fixed(d, 1)[0]! & 0x0f],
  [LanParam.IpAddress, 'ipAddress', (d) => fixed(d, 4)],
  [LanParam.SubnetMask, 'subnetMask', (d) => fixed(d, 4)],
  [LanParam.MacAddress, 'macAddress', (d) => fixed(d, 6)],
  [LanParam.SnmpCommunity, 'snmpCommunity', (d) => cString(d)],
  [LanParam.IpHeader, 'ipHeader', (d) => fixed(d, 3)],
  [LanParam.BmcArpControl, 'arpControl', (d) => fixed(d, 1)[0]!],
  [LanParam.GratuitousArpInterval, 'gratuitousArpInterval', (d) => fixed(d, 1)[0]!],
  [LanParam.DefaultGatewayIp, 'defaultGatewayIp', (d) => fixed(d, 4)],
  [LanParam.DefaultGatewayMac, 'defaultGatewayMac', (d) => fixed(d, 6)],
  [LanParam.BackupGatewayIp, 'backupGatewayIp', (d) => fixed(d, 4)],
  [LanParam.BackupGatewayMac, 'backupGatewayMac', (d) => fixed(d, 6)],
];

/** Everything `lan print` shows; a failure other than "not supported" ends the reading (ipmitool stops printing there). */
export async function readLanConfig(ctx: Context, channel: number): Promise<{ config: LanConfig; failure?: IpmiError }> {
  const c: LanConfig = { channel };
  const get = (p: number): Promise<Buffer | null> => readParam(ctx, channel, p);
  try {
    let d: Buffer | null;
    for (const [param, field, read] of SIMPLE) {
      d = await get(param);
      if (d) Object.assign(c, { [field]: read(d) });
    }
    // ipmitool carries on when the VLAN parameters fail.
    d = await get(LanParam.VlanId).catch(softFailure(ctx));
    if (d) c.vlanId = fixed(d, 2);
    d = await get(LanParam.VlanPriority).catch(softFailure(ctx));
    if (d) c.vlanPriority = fixed(d, 1)[0]! & 0x07;
    d = await get(LanParam.CipherSuiteCount);
    if (d) {
      const count = fixed(d, 1)[0]!;
      const list = await get(LanParam.CipherSuites);
      // "There are only 15 fixed cipher suite IDs, but the spec allows for 16": byte 0 is reserved.
      if (list && list.length <= 17) {
        const ids = fixed(list, 17);
        c.cipherSuites = Array.from({ length: Math.min(16, count) }, (_, i) => ids[i + 1]!);
      } else c.cipherSuites = null;
    }
    d = await get(LanParam.CipherSuitePrivileges);
    if (d && d.length === 9) {
      c.cipherSuitePrivileges = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? d![1 + i / 2]! & 0x0f : d![1 + (i - 1) / 2]! >> 4));
    } else c.cipherSuitePrivileges = null;
    d = await get(LanParam.BadPasswordThreshold);
    c.badPasswordThreshold =
      d && d.length === 6 ? { threshold: d[1]!, generateEvent: (d[0]! & 1) !== 0, resetInterval: d.readUInt16LE(2), lockoutInterval: d.readUInt16LE(4) } : null;
  } catch (e) {
    if (e instanceof IpmiError) return { config: c, failure: e };
    throw e;
  }
  return { config: c };
}

function softFailure(ctx: Context) {
  return (e: unknown): null => {
    if (!(e instanceof IpmiError) || e.layer === 'transport' || e.layer === 'device') throw e;
    ctx.log.verbose(1, e.message);
    return null;
  };
}

export async function print(ctx: Context, args: string[], usage: string): Promise<Report<LanConfig>> {
  if (args.length > 1) throw new UsageError('', usage);
  let channel: number;
  let lines: string[] = [];
  let error: IpmiError | undefined;
  if (args.length === 1) {
    const v = parseU8(args[0]!);
    if (v === undefined) throw new UsageError(`Invalid channel: ${args[0]}`);
    channel = v;
  } else {
    ({ channel, lines, error } = await findLanChannel(ctx));
  }
  if (channel < 1 || channel > 14) throw notLan({ lines, ...(error ? { error } : {}) }, `Invalid channel: ${channel}`, args.length === 0);
  const check = await isLanChannel(ctx, channel);
  if (!check.ok) throw notLan({ lines: [...lines, ...check.lines], ...(check.error ? { error: check.error } : {}) }, `Invalid channel: ${channel}`, true);
  const { config, failure } = await readLanConfig(ctx, channel);
  return report('lan.print', config, { ...(lines.length ? { notes: lines } : {}), ...(failure ? { failure } : {}) });
}
