/**
 * `mc getsysinfo <param>` / `mc setsysinfo <param> <string>`: the System Info
 * string parameters. IPMI v2.0 §22.14a/b: set 0 carries encoding, length and the
 * first 14 bytes, sets 1.. carry 16 bytes each.
 */
import { CompletionCodeError, HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { getSystemInfoParameters, SystemInfoParam } from '../../ipmi/cmds/app/get-system-info-parameters.js';
import { setSystemInfoParameters } from '../../ipmi/cmds/app/set-system-info-parameters.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { noMoreArgs } from './args.js';
import { invoke, isNoResponse } from '../shared/invoke.js';

const PARAM_LIST = `    system_fw_version   System firmware (e.g. BIOS) version
    primary_os_name     Primary operating system name
    os_name             Operating system name
    system_name         System Name of server(vendor dependent)
    delloem_os_version  Running version of operating system
    delloem_url         URL of BMC webserver

`;

/** The tail of `mc help`. */
export const SYSINFO_SHORT_HELP = `  getsysinfo <argument>
  setsysinfo <argument> <string>
${PARAM_LIST}`;

export const SYSINFO_HELP = `usage:
  getsysinfo <argument>
    Retrieves system info from BMC for given argument
  setsysinfo <argument> <string>
    Stores system info string for given argument to BMC

  Valid arguments are:
${PARAM_LIST}`;

interface ParamSpec {
  selector: number;
  /** How many 16-byte sets ipmitool reads or writes at most. */
  maxSets: number;
}

export const SYSINFO_PARAMS: Readonly<Record<string, ParamSpec>> = {
  system_fw_version: { selector: SystemInfoParam.SystemFirmwareVersion, maxSets: 4 },
  system_name: { selector: SystemInfoParam.SystemName, maxSets: 4 },
  primary_os_name: { selector: SystemInfoParam.PrimaryOsName, maxSets: 4 },
  os_name: { selector: SystemInfoParam.OsName, maxSets: 4 },
  delloem_os_version: { selector: SystemInfoParam.DellOsVersion, maxSets: 4 },
  delloem_url: { selector: SystemInfoParam.DellUrl, maxSets: 2 },
};

const SET0_SIZE = 14;
const SETN_SIZE = 16;
/** ipmitool's reply buffer: revision, set selector, then 16 bytes. */
const BLOCK = 18;

function parseParam(verb: string, args: readonly string[], need: number): { name: string; spec: ParamSpec } {
  if (args.length === 1 && args[0] === 'help') throw new HelpRequest(SYSINFO_HELP);
  if (args.length < need) throw new UsageError('Not enough parameters given.', SYSINFO_HELP);
  const name = args[0]!;
  const spec = Object.hasOwn(SYSINFO_PARAMS, name) ? SYSINFO_PARAMS[name] : undefined;
  if (!spec) throw new UsageError(`Invalid mc/bmc ${verb} command: ${name}`, SYSINFO_HELP);
  noMoreArgs(args.slice(need), `mc ${verb} ${name}`);
  return { name, spec };
}

/** ipmitool's stderr line for a failed get or set. */
function failure(e: unknown, verb: string, name: string, set: number): unknown {
  if (e instanceof CompletionCodeError) {
    const message = e.cc === 0x80 ? `${verb} ${name} parameter not supported` : `${verb} command failed: ${e.description}`;
    return new CompletionCodeError(e.command, e.cc, e.description, message);
  }
  if (isNoResponse(e) && e instanceof IpmiError)
    return new IpmiError(e.layer, e.code, `${verb} ${name} set ${set} command failed`).withDetail(e.detail ?? e.message);
  return e;
}

export interface SysInfo {
  parameter: string;
  selector: number;
  /** The text up to the first NUL byte, as ipmitool prints it. */
  value: string;
  /** Set 0's encoding nibble (0 ASCII+Latin-1, 1 UTF-8, 2 UCS-2) and length, when set 0 was read. */
  encoding?: number;
  length?: number;
}

/** Reassemble the string from ipmitool's 18-byte blocks (zero-padded replies). */
export function assembleSysInfo(blocks: readonly Buffer[]): { text: Buffer; encoding?: number; length?: number } {
  const parts: Buffer[] = [];
  let encoding: number | undefined;
  let length: number | undefined;
  blocks.forEach((b, set) => {
    if (set === 0) {
      encoding = b[2]! & 0x0f;
      length = b[3]!;
      parts.push(b.subarray(4, 4 + SET0_SIZE));
    } else parts.push(b.subarray(2, 2 + SETN_SIZE));
  });
  const all = Buffer.concat(parts);
  const nul = all.indexOf(0);
  return { text: nul < 0 ? all : all.subarray(0, nul), ...(encoding !== undefined ? { encoding, length } : {}) };
}

/** Sets to read, as ipmitool decides after set 0 (only for encoding 0). */
export function setsToRead(first: Buffer, maxSets: number): number {
  return (first[2]! & 0x0f) === 0 ? Math.floor((first[3]! + 2 + 15) / 16) : maxSets;
}

export async function getsysinfo(ctx: Context, args: string[]): Promise<Report<SysInfo>> {
  const { name, spec } = parseParam('getsysinfo', args, 1);
  const blocks: Buffer[] = [];
  let sets = spec.maxSets;
  let failed: unknown;
  for (let set = 0; set < sets; set++) {
    try {
      // failure() below words the error (it depends on the code and the set).
      const r = await invoke(ctx, getSystemInfoParameters, { param: spec.selector, set, block: 0 }, { failed: (d) => d, noResponse: '' });
      const b = Buffer.alloc(BLOCK);
      Buffer.from([r.revision, ...r.data]).copy(b, 0, 0, BLOCK);
      blocks.push(b);
      if (set === 0) sets = setsToRead(b, sets);
    } catch (e) {
      failed = failure(e, 'getsysinfo', name, set);
      break;
    }
  }
  const { text, encoding, length } = assembleSysInfo(blocks);
  const data: SysInfo = { parameter: name, selector: spec.selector, value: text.toString('utf8') };
  if (encoding !== undefined) Object.assign(data, { encoding, length });
  // ipmitool prints what it has (an empty line when nothing) before the error.
  if (failed instanceof IpmiError) return report('mc.getsysinfo', data, { failure: failed });
  if (failed !== undefined) throw failed;
  return report('mc.getsysinfo', data);
}

export interface SysInfoSet {
  parameter: string;
  selector: number;
  value: string;
  /** Request data of each Set System Info Parameters sent (after the selector). */
  blocks: Buffer[];
}

/** The blocks to send: set 0 = [0, encoding 0, length, 14 bytes], set n = [n, 16 bytes]. */
export function sysInfoBlocks(value: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  let pos = 0;
  let set = 0;
  do {
    const size = set === 0 ? SET0_SIZE : SETN_SIZE;
    const head = set === 0 ? [0, 0, value.length] : [set];
    const b = Buffer.alloc(head.length + size);
    Buffer.from(head).copy(b);
    value.copy(b, head.length, pos, Math.min(pos + size, value.length));
    blocks.push(b);
    pos += size;
    set++;
  } while (pos < value.length);
  return blocks;
}

export async function setsysinfo(ctx: Context, args: string[]): Promise<Report<SysInfoSet>> {
  const { name, spec } = parseParam('setsysinfo', args, 2);
  const value = Buffer.from(args[1]!, 'utf8');
  const max = spec.maxSets * 16 - 2;
  // ipmitool silently cuts longer strings.
  if (value.length > max) throw new UsageError(`String for ${name} is too long: ${value.length} bytes (at most ${max})`);
  const blocks = sysInfoBlocks(value);
  for (const [set, data] of blocks.entries()) {
    try {
      await invoke(ctx, setSystemInfoParameters, { param: spec.selector, data }, { failed: (d) => d, noResponse: '' });
    } catch (e) {
      throw failure(e, 'setsysinfo', name, set);
    }
  }
  return report('mc.setsysinfo', { parameter: name, selector: spec.selector, value: args[1]!, blocks });
}
