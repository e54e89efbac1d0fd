/**
 * The `sdr dump` file format (ipmitool's, also read by -S): records back to back, each the
 * 5-byte SDR header (record ID LSB first, SDR version, type, body length) and the body, no
 * file header. Parsing follows ipmitool's -S reader: a zero-length record is skipped, an
 * unknown SDR version or a truncated record ends the file (the records before it are kept).
 */
import { SDR_HEADER_LENGTH, parseHeader } from './records.js';

export interface ParsedDump {
  records: Buffer[];
  /** ipmitool's wording for what ended the file early. */
  errors: string[];
}

const VERSIONS = new Set([0x51, 0x01, 0x02]);

export function parseDump(b: Buffer): ParsedDump {
  const records: Buffer[] = [];
  const errors: string[] = [];
  let at = 0;
  while (at < b.length) {
    if (b.length - at < SDR_HEADER_LENGTH) {
      errors.push(`header read ${b.length - at} bytes, expected 5`);
      break;
    }
    const h = parseHeader(b, at);
    if (h.length === 0) {
      at += SDR_HEADER_LENGTH;
      continue;
    }
    if (!VERSIONS.has(h.version)) {
      errors.push(`invalid sdr header version ${h.version.toString(16).padStart(2, '0')}`);
      break;
    }
    const end = at + SDR_HEADER_LENGTH + h.length;
    if (end > b.length) {
      errors.push(`record ${h.recordId.toString(16).padStart(4, '0')} read ${b.length - at - SDR_HEADER_LENGTH} bytes, expected ${h.length}`);
      break;
    }
    records.push(Buffer.from(b.subarray(at, end)));
    at = end;
  }
  return { records, errors };
}

/** The dump file for a list of records: their bytes, concatenated. */
export const serializeDump = (records: readonly { bytes: Buffer }[]): Buffer => Buffer.concat(records.map((r) => r.bytes));
