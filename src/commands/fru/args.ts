/** Arguments shared by the fru verbs, checked as ipmitool checks them (lib/helper.c is_fru_id, lib/ipmi_fru.c is_valid_filename). */
import { UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';

export function fruId(s: string): number {
  const id = parseU8(s);
  if (id === undefined) throw new UsageError(`FRU ID '${s}' is either invalid or out of range.`);
  return id;
}

export function fileName(s: string): string {
  if (s.length < 1) throw new UsageError('File/path is invalid.');
  if (Buffer.byteLength(s) >= 512) throw new UsageError('File/path must be shorter than 512 bytes.');
  return s;
}
