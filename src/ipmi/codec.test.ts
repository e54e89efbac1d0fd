import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './codec.js';

describe('ByteWriter', () => {
  it('lays numbers and byte arrays out in call order, little-endian unless named otherwise', () => {
    const w = new ByteWriter()
      .u8(0x1ff)
      .u16(0x1234)
      .bytes(Uint8Array.of(0xaa, 0xbb))
      .u24(0x563412)
      .bytes([0x1cc, 0xdd])
      .u32(0x89abcdef)
      .u16be(0x0102)
      .padded(Uint8Array.of(1, 2, 3), 5)
      .padded([7, 8, 9], 2);
    expect(w.length).toBe(23);
    expect(w.done().toString('hex')).toBe('ff3412aabb123456ccddefcdab8901020102030000' + '0708');
  });

  it('copies a byte array when given it: changing it afterwards changes nothing written', () => {
    const b = Uint8Array.of(1, 2, 3);
    const buf = Buffer.from([4, 5]);
    const w = new ByteWriter().bytes(b).bytes(buf);
    b[0] = 9;
    buf[0] = 9;
    expect([...w.done()]).toEqual([1, 2, 3, 4, 5]);
  });

  it('nothing written: an empty buffer', () => {
    expect(new ByteWriter().done().length).toBe(0);
  });

  it('reads back what it wrote', () => {
    const r = new ByteReader(new ByteWriter().u8(7).u16(0xbeef).u32(0xdeadbeef).bytes(Uint8Array.of(5, 6)).done(), 'test');
    expect([r.u8(), r.u16(), r.u32(), [...r.bytes(2)]]).toEqual([7, 0xbeef, 0xdeadbeef, [5, 6]]);
    expect(r.remaining).toBe(0);
  });
});
