/**
 * `sol set <parameter> <value> [channel] [noguard]`: Set SOL Configuration
 * Parameters (IPMI v2.0 §26.2) with ipmitool's set-in-progress guard: mark
 * set-in-progress, write, commit-write (its failure ignored), set-complete;
 * after a refused write, set-complete only. Parameters that share a byte with
 * others are read first and merged.
 */
import { CommandError, HelpRequest, UsageError } from '../../errors.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { SolParam } from '../../ipmi/cmds/transport/get-sol-configuration-parameters.js';
import { setSolConfigurationParameters } from '../../ipmi/cmds/transport/set-sol-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { parseU8 } from '../../runtime/numbers.js';
import { isNoResponse } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { CURRENT_CHANNEL, SOL_SET_USAGE, parseChannel } from './args.js';
import { readSolConfig, type SolConfig } from './config.js';

export interface SolSet {
  channel: number;
  parameter: string;
  value: string;
  /** The parameter selector and data bytes written. */
  selector: number;
  data: number[];
  guarded: boolean;
}

const SET_IN_PROGRESS: Readonly<Record<string, number>> = { 'set-complete': 0, 'set-in-progress': 1, 'commit-write': 2 };
const BOOL: Readonly<Record<string, number>> = { true: 1, false: 0 };
const PRIVILEGE: Readonly<Record<string, number>> = { user: 2, operator: 3, admin: 4, oem: 5 };
const BIT_RATE: Readonly<Record<string, number>> = { serial: 0, '9.6': 6, '19.2': 7, '38.4': 8, '57.6': 9, '115.2': 10 };
const BIT_RATE_HELP = 'Valid values are serial, 9.6 19.2, 38.4, 57.6 and 115.2';

const lookup = (table: Readonly<Record<string, number>>, v: string): number | undefined => (Object.hasOwn(table, v) ? table[v] : undefined);

function invalid(value: string, param: string, help: string, quoted = false): never {
  throw new UsageError(quoted ? `Invalid value "${value}" for parameter "${param}"` : `Invalid value ${value} for parameter ${param}`, `${help}\n`);
}

function byteIn(value: string, param: string, min: number, max: number): number {
  const v = parseU8(value);
  if (v === undefined || v < min || v > max) invalid(value, param, `Valid values are ${min}-${max}`);
  return v;
}

interface Plan {
  selector: number;
  /** Data bytes, given the current configuration when the parameter shares a byte. */
  data: (current: SolConfig | undefined) => number[];
  /** Needs the current configuration (ipmitool reads all of it). */
  merge: boolean;
}

/** The checks ipmitool makes before sending anything. */
function plan(param: string, value: string): Plan {
  const flag = (help: string): number => lookup(BOOL, value) ?? invalid(value, param, help);
  switch (param) {
    case 'set-in-progress': {
      const v = lookup(SET_IN_PROGRESS, value) ?? invalid(value, param, 'Valid values are set-complete, set-in-progress and commit-write');
      return { selector: SolParam.SetInProgress, data: () => [v], merge: false };
    }
    case 'enabled': {
      const v = flag('Valid values are true and false');
      return { selector: SolParam.Enable, data: () => [v], merge: false };
    }
    case 'force-encryption': {
      const v = flag('Valid values are true and false') ? 0x80 : 0;
      return { selector: SolParam.Authentication, data: (c) => [v | (c!.forceAuthentication ? 0x40 : 0) | c!.privilegeLevel], merge: true };
    }
    case 'force-authentication': {
      const v = flag('Valid values are true and false') ? 0x40 : 0;
      return { selector: SolParam.Authentication, data: (c) => [v | (c!.forceEncryption ? 0x80 : 0) | c!.privilegeLevel], merge: true };
    }
    case 'privilege-level': {
      const v = lookup(PRIVILEGE, value) ?? invalid(value, param, 'Valid values are user, operator, admin, and oem');
      return { selector: SolParam.Authentication, data: (c) => [v | (c!.forceEncryption ? 0x80 : 0) | (c!.forceAuthentication ? 0x40 : 0)], merge: true };
    }
    case 'character-accumulate-level': {
      const v = byteIn(value, param, 1, 255);
      return { selector: SolParam.CharacterInterval, data: (c) => [v, c!.characterSendThreshold], merge: true };
    }
    case 'character-send-threshold': {
      const v = byteIn(value, param, 0, 255);
      return { selector: SolParam.CharacterInterval, data: (c) => [c!.characterAccumulateLevel, v], merge: true };
    }
    case 'retry-count': {
      const v = byteIn(value, param, 0, 7);
      return { selector: SolParam.Retry, data: (c) => [v, c!.retryInterval], merge: true };
    }
    case 'retry-interval': {
      const v = byteIn(value, param, 0, 255);
      return { selector: SolParam.Retry, data: (c) => [c!.retryCount, v], merge: true };
    }
    case 'non-volatile-bit-rate':
    case 'volatile-bit-rate': {
      const v = lookup(BIT_RATE, value) ?? invalid(value, param, BIT_RATE_HELP, true);
      return { selector: param === 'volatile-bit-rate' ? SolParam.VolatileBitRate : SolParam.NonVolatileBitRate, data: () => [v], merge: false };
    }
    default:
      throw new UsageError(`Error: invalid SOL parameter ${param}`);
  }
}

/** ipmitool's wording for a refused Set SOL Configuration Parameters. */
function refusal(param: string, value: string, cc: number): string {
  const specific: Readonly<Record<number, string>> = {
    0x80: 'Parameter not supported',
    0x81: 'Attempt to set set-in-progress when not in set-complete state',
    0x82: 'Attempt to write read-only parameter',
    0x83: 'Attempt to read write-only parameter',
  };
  const s = specific[cc];
  return s ? `Error setting SOL parameter '${param}': ${s}` : `Error setting SOL parameter '${param}' to '${value}': ${describeCompletionCode(cc)}`;
}

export async function set(ctx: Context, args: string[]): Promise<Report<SolSet>> {
  if (args.length < 2 || args.length > 4) throw new HelpRequest(SOL_SET_USAGE, true);
  const [param, value] = args as [string, string];
  let channel = CURRENT_CHANNEL;
  let guard = true;
  if (args.length === 3) {
    if (args[2] === 'noguard') guard = false;
    else channel = parseChannel(args[2]!);
  } else if (args.length === 4) {
    channel = parseChannel(args[2]!);
    // ipmitool ignores any other fourth word.
    if (args[3] === 'noguard') guard = false;
  }
  const p = plan(param, value);
  const lines: string[] = [];
  let current: SolConfig | undefined;
  if (p.merge) {
    try {
      const r = await readSolConfig(ctx, channel);
      current = r.config;
      lines.push(...r.notes);
    } catch (e) {
      if (e instanceof CommandError) throw new CommandError(`Error fetching SOL parameters for ${param} update`, e.code, [...e.preamble, e.message]);
      throw e;
    }
  }
  const guarded = guard && param !== 'set-in-progress';
  const client = await ctx.client();
  const fail = (line: string, code = 'completion-code'): never => {
    throw new CommandError(line, code, lines);
  };
  /** One Set; the completion code, or undefined when the BMC did not answer. */
  const write = async (selector: number, data: number[]): Promise<number | undefined> => {
    try {
      return (await client.try(setSolConfigurationParameters, { channel, param: selector, data })).cc;
    } catch (e) {
      if (isNoResponse(e)) return undefined;
      throw e;
    }
  };
  /** ipmitool's recursive ipmi_sol_set_param(..., "set-in-progress", v): its messages, its result. */
  const setInProgress = async (v: 'set-in-progress' | 'set-complete' | 'commit-write'): Promise<boolean> => {
    const cc = await write(SolParam.SetInProgress, [SET_IN_PROGRESS[v]!]);
    if (cc === undefined) {
      lines.push("Error setting SOL parameter 'set-in-progress'");
      return false;
    }
    if (cc !== 0 && v !== 'commit-write') {
      lines.push(refusal('set-in-progress', v, cc));
      return false;
    }
    return true;
  };

  if (guarded && !(await setInProgress('set-in-progress'))) fail(`Error: set of parameter "${param}" failed`);
  const data = p.data(current);
  const cc = await write(p.selector, data);
  if (cc === undefined) fail(`Error setting SOL parameter '${param}'`, 'no-response');
  if (cc !== 0 && !(param === 'set-in-progress' && value === 'commit-write')) {
    lines.push(refusal(param, value, cc!));
    if (guarded && !(await setInProgress('set-complete'))) lines.push('Error could not set "set-in-progress" to "set-complete"');
    fail(lines.pop()!);
  }
  if (guarded) {
    // "The commit write could very well fail, but that's ok."
    await setInProgress('commit-write');
    if (!(await setInProgress('set-complete'))) fail('Error could not set "set-in-progress" to "set-complete"');
  }
  return report('sol.set', { channel, parameter: param, value, selector: p.selector, data, guarded }, { notes: lines });
}
