/** Address arguments of `lan set` and `lan alert set`, checked before anything is sent. */
import { UsageError } from '../../errors.js';

/** A dotted quad with every part 0-255 (ipmitool: sscanf "%u.%u.%u.%u", which also takes trailing junk). */
export function parseIp(arg: string, usage?: string): Buffer {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(arg);
  const parts = m ? m.slice(1).map(Number) : [];
  if (!m || parts.some((p) => p > 255)) throw new UsageError(`Invalid IP address: ${arg}`, usage, 'invalid-ip');
  return Buffer.from(parts);
}

/** Six colon-separated hex octets (ipmitool: sscanf "%02x:%02x:%02x:%02x:%02x:%02x"). */
export function parseMac(arg: string, usage?: string): Buffer {
  const m = /^([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})$/.exec(arg);
  if (!m) throw new UsageError(`Invalid MAC address: ${arg}`, usage, 'invalid-mac');
  return Buffer.from(m.slice(1).map((h) => parseInt(h, 16)));
}
