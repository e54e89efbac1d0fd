/** Argument checks and help texts of `sol` (ipmitool's lib/ipmi_sol.c and lib/helper.c wording). */
import { UsageError } from '../../errors.js';
import { parseRange, parseU8 } from '../../runtime/numbers.js';

export const SOL_USAGE = `SOL Commands: info [<channel number>]
              set <parameter> <value> [channel]
              payload <enable|disable|status> [channel] [userid]
              activate [<usesolkeepalive|nokeepalive>] [instance=<number>]
              deactivate [instance=<number>]
              looptest [<loop times> [<loop interval(in ms)> [<instance>]]]
`;

export const SOL_SET_USAGE = `
SOL set parameters and values: 

  set-in-progress             set-complete | set-in-progress | commit-write
  enabled                     true | false
  force-encryption            true | false
  force-authentication        true | false
  privilege-level             user | operator | admin | oem
  character-accumulate-level  <in 5 ms increments>
  character-send-threshold    N
  retry-count                 N
  retry-interval              <in 10 ms increments>
  non-volatile-bit-rate       serial | 9.6 | 19.2 | 38.4 | 57.6 | 115.2
  volatile-bit-rate           serial | 9.6 | 19.2 | 38.4 | 57.6 | 115.2

`;

/** The channel ipmitool means by "this channel". */
export const CURRENT_CHANNEL = 0x0e;

/** is_ipmi_channel_num(): 0-11 and 14-15. */
export function parseChannel(s: string): number {
  const v = parseU8(s);
  if (v !== undefined && (v <= 0x0b || v === 0x0e || v === 0x0f)) return v;
  throw new UsageError(`Given Channel number '${s}' is either invalid or out of range.`, 'Channel number must be from ranges: <0x0..0xB>, <0xE..0xF>\n');
}

/** is_ipmi_user_id(): 1-63. */
export function parseUserId(s: string): number {
  const v = parseU8(s);
  if (v !== undefined && v >= 1 && v <= 63) return v;
  throw new UsageError(`Given User ID '${s}' is either invalid or out of range.`, 'User ID is limited to range <1..63>.\n');
}

/** `instance=N` (str2uchar); the 1-15 range is checked where ipmitool checks it. */
export function parseInstanceArg(value: string): number {
  const v = parseU8(value);
  if (v === undefined) throw new UsageError(`Given instance '${value}' is invalid.`, SOL_USAGE);
  return v;
}

export function checkInstance(instance: number): void {
  if (instance < 1 || instance > 15) throw new UsageError('Error: Instance must range from 1 to 15');
}

/** ipmitool's str2int(): a C integer that fits in 32 bits. */
export const parseInt32 = (s: string): number | undefined => parseRange(s, -0x80000000, 0x7fffffff);
