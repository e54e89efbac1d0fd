/**
 * `channel setkg hex|plain <key> [channel]` (an ipmits addition; ipmitool 1.8.19 has none): Set
 * Channel Security Keys, operation "set", key K_G (IPMI v2.0 §22.25). The key is checked before
 * anything is sent and never appears in output, traces or error messages.
 */
import { HelpRequest, UsageError } from '../../errors.js';
import { KeyId, KeyOperation, setChannelSecurityKeys } from '../../ipmi/cmds/app/set-channel-security-keys.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { parseChannelNumber } from '../shared/channel-args.js';
import { SETKG_USAGE } from './usage.js';

export interface SetKgReport {
  channel: number;
  /** Bytes in the key as given (the rest of the 20 bytes are zero); the key itself is not kept. */
  keyLength: number;
}

const KG_MAX = 20;

/** The key bytes; errors never quote the key. */
export function parseKg(format: string, key: string): Buffer {
  if (format === 'hex') {
    const digits = key.startsWith('0x') || key.startsWith('0X') ? key.slice(2) : key;
    if (digits.length === 0 || digits.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(digits)) {
      throw new UsageError('Invalid Kg: give an even number of hex digits (at most 40)', undefined, 'invalid-kg');
    }
    if (digits.length > KG_MAX * 2) throw new UsageError(`Kg is too long (> ${KG_MAX} bytes)`, undefined, 'invalid-kg');
    return Buffer.from(digits, 'hex');
  }
  const b = Buffer.from(key, 'utf8');
  if (b.length === 0) throw new UsageError('Invalid Kg: the key is empty', undefined, 'invalid-kg');
  if (b.length > KG_MAX) throw new UsageError(`Kg is too long (> ${KG_MAX} bytes)`, undefined, 'invalid-kg');
  return b;
}

export async function setKg(ctx: Context, args: string[]): Promise<Report<SetKgReport>> {
  if (args[0] === 'help') throw new HelpRequest(SETKG_USAGE);
  if (args.length < 2 || args.length > 3 || (args[0] !== 'hex' && args[0] !== 'plain')) throw new HelpRequest(SETKG_USAGE, true);
  const key = parseKg(args[0], args[1]!);
  const channel = args.length === 3 ? parseChannelNumber(args[2]!) : 0x0e;
  await invoke(
    ctx,
    setChannelSecurityKeys,
    { channel, operation: KeyOperation.Set, keyId: KeyId.Kg, key },
    {
      failed: 'Set Channel Security Keys failed',
      noResponse: 'Unable to Set Channel Security Keys',
    },
  );
  return report('channel.setkg', { channel, keyLength: key.length });
}
