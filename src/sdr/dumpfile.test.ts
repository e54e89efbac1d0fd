/** The `sdr dump` / `-S` file: SDR records (IPMI v2.0 §43 header + body) back to back, read as ipmitool reads them. */
import { describe, expect, it } from 'vitest';
import { parseDump, serializeDump } from './dumpfile.js';

const A = Buffer.from([0x01, 0x00, 0x51, 0x12, 0x03, 0xaa, 0xbb, 0xcc]);
const B = Buffer.from([0x02, 0x00, 0x02, 0x01, 0x02, 0x11, 0x22]);

describe('parseDump', () => {
  it('splits records by their header length; SDR versions 51h, 01h and 02h', () => {
    expect(parseDump(Buffer.concat([A, B]))).toEqual({ records: [A, B], errors: [] });
    expect(serializeDump([{ bytes: A }, { bytes: B }])).toEqual(Buffer.concat([A, B]));
  });
  it('skips zero-length records', () => {
    const empty = Buffer.from([0x09, 0x00, 0x51, 0x01, 0x00]);
    expect(parseDump(Buffer.concat([empty, A])).records).toEqual([A]);
  });
  it("stops at an unknown SDR version, keeping what came before, with ipmitool's words", () => {
    const bad = Buffer.from([0x03, 0x00, 0x33, 0x01, 0x01, 0x00]);
    expect(parseDump(Buffer.concat([A, bad, B]))).toEqual({ records: [A], errors: ['invalid sdr header version 33'] });
  });
  it('stops at a truncated header or body', () => {
    expect(parseDump(Buffer.concat([A, B.subarray(0, 3)]))).toEqual({ records: [A], errors: ['header read 3 bytes, expected 5'] });
    expect(parseDump(Buffer.concat([A, B.subarray(0, 6)]))).toEqual({ records: [A], errors: ['record 0002 read 1 bytes, expected 2'] });
  });
  it('an empty file has no records and no errors', () => {
    expect(parseDump(Buffer.alloc(0))).toEqual({ records: [], errors: [] });
  });
});
