/**
 * Argument checks shared by channel, user, lan and session, worded as ipmitool's helpers
 * (lib/helper.c is_ipmi_channel_num, is_ipmi_user_id, is_ipmi_user_priv_limit). Every bad
 * value is refused before anything is sent.
 */
import { UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';

/** 0x0-0xB and 0xE-0xF (IPMI v2.0 §6.3 Table 6-1). */
export function parseChannelNumber(arg: string): number {
  const v = parseU8(arg);
  if (v !== undefined && (v <= 0x0b || v === 0x0e || v === 0x0f)) return v;
  throw new UsageError(
    `Given Channel number '${arg}' is either invalid or out of range.\nChannel number must be from ranges: <0x0..0xB>, <0xE..0xF>`,
    undefined,
    'invalid-channel',
  );
}

/** User IDs 1-63 (IPMI v2.0 §22.26). */
export function parseUserId(arg: string): number {
  const v = parseU8(arg);
  if (v !== undefined && v >= 1 && v <= 63) return v;
  throw new UsageError(`Given User ID '${arg}' is either invalid or out of range.\nUser ID is limited to range <1..63>.`, undefined, 'invalid-user-id');
}

/** Privilege limits 1-5 and 0xF (no access). */
export function parsePrivilegeLimit(arg: string): number {
  const v = parseU8(arg);
  if (v !== undefined && ((v >= 1 && v <= 5) || v === 0x0f)) return v;
  throw new UsageError(`Given Privilege Limit '${arg}' is invalid.\nPrivilege Limit is limited to <0x1..0x5> and <0xF>.`, undefined, 'invalid-privilege');
}
