/** Get Channel Cipher Suites (App 54h). IPMI v2.0 §22.15 Table 22-18. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetChannelCipherSuitesRequest {
  channel: number; // 0x0E = this channel
  payloadType: number; // 0 = IPMI, 1 = SOL
  /** 0..63; bit 7 "list algorithms by cipher suite" is always set. */
  index: number;
}

export interface CipherSuitesChunk {
  channel: number;
  /** Up to 16 bytes of cipher suite record data for this index. */
  records: Buffer;
}

export const getChannelCipherSuites = defineCommand<GetChannelCipherSuitesRequest, CipherSuitesChunk>({
  name: 'Get Channel Cipher Suites',
  netFn: NetFn.App,
  cmd: 0x54,
  spec: 'IPMI v2.0 §22.15',
  encode: (r) => Uint8Array.of(r.channel & 0x0f, r.payloadType & 0x3f, 0x80 | (r.index & 0x3f)),
  decode(data) {
    const r = new ByteReader(data, 'Get Channel Cipher Suites');
    return { channel: r.u8(), records: Buffer.from(r.rest()) };
  },
});

export interface CipherSuiteRecord {
  id: number;
  /** IANA for OEM suites (start-of-record C1h). */
  iana?: number;
  auth: number[];
  integrity: number[];
  crypt: number[];
}

/**
 * Parse the concatenated record data (§22.15.1 Table 22-19): C0h id | algorithm bytes,
 * or C1h id iana(3) | algorithm bytes; algorithm tags 00b auth, 01b integrity, 10b crypt.
 */
export function parseCipherSuiteRecords(data: Uint8Array): CipherSuiteRecord[] {
  const out: CipherSuiteRecord[] = [];
  let i = 0;
  while (i < data.length) {
    const start = data[i]!;
    if (start !== 0xc0 && start !== 0xc1) {
      i++;
      continue;
    }
    if (i + 1 >= data.length) break;
    const rec: CipherSuiteRecord = { id: data[i + 1]!, auth: [], integrity: [], crypt: [] };
    i += 2;
    if (start === 0xc1) {
      if (i + 3 > data.length) break;
      rec.iana = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16);
      i += 3;
    }
    while (i < data.length && data[i] !== 0xc0 && data[i] !== 0xc1) {
      const b = data[i]!;
      const kind = b >> 6;
      if (kind === 0) rec.auth.push(b & 0x3f);
      else if (kind === 1) rec.integrity.push(b & 0x3f);
      else if (kind === 2) rec.crypt.push(b & 0x3f);
      i++;
    }
    out.push(rec);
  }
  return out;
}
