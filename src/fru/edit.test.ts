/** `fru edit ... field`: in place or with the area rebuilt and the later areas moved (FRU spec §8, §10-§12, §16.2). */
import { describe, expect, it } from 'vitest';
import { setField, type Edit } from './edit.js';
import { parseFru } from './parse.js';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
// The image of parse.test.ts (124 bytes) in a 256-byte device.
const IMAGE = Buffer.concat([
  h(
    '01 01 02 04 08 0c 00 e4' +
      '01 aa bb cc 00 00 00 00' +
      '01 02 17 c4 43 50 2d 31 42 12 34 c2 78 79 c1 35' +
      '01 04 00 78 05 dc c4 41 43 4d 45 83 29 dc a6 c2 53 31 c2 50 31 c0 02 de ad c1 00 00 00 00 00 03' +
      '01 04 00 c4 41 43 4d 45 c3 42 6f 78 c2 50 4e c3 31 2e 30 c2 53 4e c2 41 54 c0 c1 00 00 00 00 48' +
      '01 02 0d e7 09 81 b0 04 74 04 ec 04 32 00 00 00 60 ea c0 82 05 a5 14 57 01 00 01 02',
  ),
  Buffer.alloc(132),
]);

const edit = (...a: Parameters<typeof setField>): Edit => {
  const r = setField(...a);
  if (typeof r === 'string') throw new Error(r);
  return r;
};

describe('setField', () => {
  it('same length, 8-bit text: in place, checksum fixed, only the area written', () => {
    const e = edit(IMAGE, 'p', 1, 'Bin');
    expect(e).toMatchObject({ old: 'Box', resized: false, from: 64, to: 96 });
    expect(e.image.subarray(73, 76).toString()).toBe('Bin');
    const inv = parseFru(e.image);
    expect(inv.problems).toEqual([]);
    expect(inv.product?.productName?.value).toBe('Bin');
  });

  it('longer: the area grows by 8 bytes, the multi-record area moves, the header follows', () => {
    const e = edit(IMAGE, 'b', 0, 'A much longer maker');
    expect(e.resized).toBe(true);
    const inv = parseFru(e.image);
    expect(inv.problems).toEqual([]);
    expect(inv.board?.manufacturer?.value).toBe('A much longer maker');
    expect(inv.board?.length).toBe(48);
    expect(inv.header).toMatchObject({ chassis: 16, board: 32, product: 80, multiRecord: 112 });
    expect(inv.product?.productName?.value).toBe('Box');
    expect(inv.multiRecords.map((r) => r.type)).toEqual([1, 0xc0]);
    expect([e.from, e.to]).toEqual([0, 140]);
  });

  it('shorter: the later areas move back and the freed bytes are cleared', () => {
    const e = edit(IMAGE, 'c', 2, ''); // custom "xy" → empty: still 16 bytes (no move)
    expect(parseFru(e.image).chassis?.custom[0]?.value).toBe('');
    const grown = edit(IMAGE, 'b', 0, 'A much longer maker').image;
    const back = edit(grown, 'b', 0, 'ACME');
    expect(back.image).toEqual(IMAGE);
  });

  it('a 6-bit ASCII field is replaced by 8-bit text', () => {
    const e = edit(IMAGE, 'b', 1, 'IPMJ');
    expect(parseFru(e.image).board?.productName).toMatchObject({ encoding: 'text', value: 'IPMJ' });
  });

  it('refusals', () => {
    expect(setField(IMAGE, 'p', 7, 'x')).toBe('Field not found !');
    expect(setField(IMAGE, 'c', 1, 'x'.repeat(64))).toBe('The value must be at most 63 Latin-1 characters');
    expect(setField(IMAGE.subarray(0, 124), 'b', 0, 'x'.repeat(40))).toBe('The FRU data would need 156 bytes; the device holds 124');
    expect(setField(Buffer.alloc(64, 0xff), 'b', 0, 'x')).toBe('Unknown FRU header version 0xff');
  });
});
