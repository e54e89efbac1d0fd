/** Chunked FRU reads and writes (IPMI v2.0 §34.2, §34.3) against a fake BMC. */
import { describe, expect, it } from 'vitest';
import { FakeFruBmc } from '../../test/unit/fakes/fake-fru-bmc.js';
import { CompletionCodeError, DecodeError } from '../errors.js';
import { FruAccessError, FruDevice, firstDifference } from './device.js';
import { readInventory } from './inventory.js';
import { parseFru } from './parse.js';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
// The image of parse.test.ts: header, internal use, chassis, board, product, two multi-records (124 bytes).
const IMAGE = h(
  '01 01 02 04 08 0c 00 e4' +
    '01 aa bb cc 00 00 00 00' +
    '01 02 17 c4 43 50 2d 31 42 12 34 c2 78 79 c1 35' +
    '01 04 00 78 05 dc c4 41 43 4d 45 83 29 dc a6 c2 53 31 c2 50 31 c0 02 de ad c1 00 00 00 00 00 03' +
    '01 04 00 c4 41 43 4d 45 c3 42 6f 78 c2 50 4e c3 31 2e 30 c2 53 4e c2 41 54 c0 c1 00 00 00 00 48' +
    '01 02 0d e7 09 81 b0 04 74 04 ec 04 32 00 00 00 60 ea c0 82 05 a5 14 57 01 00 01 02',
);
const padded = (n: number): Buffer => Buffer.concat([IMAGE, Buffer.alloc(n - IMAGE.length)]);
const info = (size: number, byWords = false) => ({ size, byWords });

describe('reads', () => {
  it('reads the whole device in chunks of 32 by default, larger when asked', async () => {
    const bmc = new FakeFruBmc(padded(256));
    const dev = new FruDevice(bmc.client(), 0, info(256), { chunk: 64 });
    expect(await dev.readAll()).toEqual(padded(256));
    expect(bmc.reads()).toEqual([
      [0, 64],
      [64, 64],
      [128, 64],
      [192, 64],
    ]);
    const b2 = new FakeFruBmc(padded(128));
    await new FruDevice(b2.client(), 0, info(128)).readAll();
    expect(b2.reads()).toEqual([
      [0, 32],
      [32, 32],
      [64, 32],
      [96, 32],
    ]);
  });

  it.each([0xc7, 0xc8, 0xca])('backs off on %s: 64 → 48 → 32', async (cc) => {
    const bmc = new FakeFruBmc(padded(128), { maxRead: 40, tooLargeCc: cc });
    const lines: string[] = [];
    const dev = new FruDevice(bmc.client(), 0, info(128), { chunk: 64, log: (_l, s) => lines.push(s) });
    expect(await dev.readAll()).toEqual(padded(128));
    expect(bmc.reads()).toEqual([
      [0, 64],
      [0, 48],
      [0, 32],
      [32, 32],
      [64, 32],
      [96, 32],
    ]);
    expect(lines).toEqual(['Retrying FRU read with request size 48', 'Retrying FRU read with request size 32']);
  });

  it('gives up after the smallest size (bounded)', async () => {
    const bmc = new FakeFruBmc(padded(128), { maxRead: 4 });
    const dev = new FruDevice(bmc.client(), 0, info(128), { chunk: 64 });
    const e = await dev.readAll().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FruAccessError);
    expect((e as FruAccessError).cc).toBe(0xc8);
    expect(bmc.reads().map((r) => r[1])).toEqual([64, 48, 32, 24, 16, 8]);
  });

  it('other completion codes fail at once, naming the offset', async () => {
    const bmc = new FakeFruBmc(padded(128), { readCc: 0x81 });
    const e = await new FruDevice(bmc.client(), 0, info(128)).readAll().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CompletionCodeError);
    expect((e as Error).message).toBe('Read FRU Data failed at offset 0: FRU device busy');
  });

  it('word-accessed devices: offsets in words, even counts', async () => {
    const bmc = new FakeFruBmc(padded(128), { byWords: true, maxRead: 40 });
    const dev = new FruDevice(bmc.client(), 0, info(128, true), { chunk: 64 });
    expect(await dev.readAll()).toEqual(padded(128));
    expect(bmc.reads()).toEqual([
      [0, 64],
      [0, 48],
      [0, 32],
      [16, 32],
      [32, 32],
      [48, 32],
    ]);
  });

  it('a size larger than the data: the rest is empty', async () => {
    const bmc = new FakeFruBmc(padded(128), { claimedSize: 200 });
    const dev = new FruDevice(bmc.client(), 0, info(200));
    const all = await dev.readAll();
    expect(all.subarray(0, 128)).toEqual(padded(128));
    expect(all.length).toBe(200);
  });

  it('a reply longer than asked is a decode error', async () => {
    const bmc = new FakeFruBmc(padded(128));
    bmc.request = async () => ({ cc: 0, data: Uint8Array.of(70, ...Buffer.alloc(70)) });
    const e = await new FruDevice(bmc.client(), 0, info(128)).readAll().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DecodeError);
  });

  it('fru print reads only the header, the areas and the record chain', async () => {
    const bmc = new FakeFruBmc(padded(2048), { maxRead: 32 });
    const dev = new FruDevice(bmc.client(), 0, info(2048));
    const inv = await readInventory(dev);
    expect(inv.problems).toEqual([]);
    expect(parseFru(IMAGE).product).toEqual(inv.product);
    expect(inv.multiRecords).toHaveLength(2);
    // 124 bytes of data: four 32-byte reads, not 64.
    expect(bmc.reads()).toEqual([
      [0, 32],
      [32, 32],
      [64, 32],
      [96, 32],
    ]);
  });

  it('reports progress', async () => {
    const bmc = new FakeFruBmc(padded(128));
    const seen: string[] = [];
    await new FruDevice(bmc.client(), 0, info(128)).readAll((d, t) => seen.push(`${d}/${t}`));
    expect(seen).toEqual(['32/128', '64/128', '96/128', '128/128']);
  });
});

describe('writes', () => {
  it('writes in chunks the BMC accepts, then reads back the same', async () => {
    const bmc = new FakeFruBmc(Buffer.alloc(256), { maxWrite: 40, maxRead: 40 });
    const dev = new FruDevice(bmc.client(), 0, info(256), { chunk: 64 });
    await dev.write(IMAGE);
    expect(bmc.writes()).toEqual([
      [0, 64],
      [0, 48],
      [0, 32],
      [32, 32],
      [64, 32],
      [96, 28],
    ]);
    expect(bmc.data.subarray(0, IMAGE.length)).toEqual(IMAGE);
    await dev.ensure(0, IMAGE.length);
    expect(firstDifference(IMAGE, dev.image())).toBeUndefined();
  });

  it('read-back finds a byte the device did not keep', async () => {
    const bmc = new FakeFruBmc(Buffer.alloc(256), { flipOnWrite: 70 });
    const dev = new FruDevice(bmc.client(), 0, info(256));
    await dev.ensure(0, 256);
    await dev.write(IMAGE);
    await dev.ensure(0, IMAGE.length);
    expect(firstDifference(IMAGE, dev.image())).toEqual({ offset: 70, wrote: IMAGE[70], read: IMAGE[70]! ^ 1 });
  });

  it('a write-protected offset (80h) fails with the offset', async () => {
    const bmc = new FakeFruBmc(Buffer.alloc(256), { protectFrom: 100 });
    const e = await new FruDevice(bmc.client(), 0, info(256), { chunk: 64 }).write(IMAGE).catch((x: unknown) => x);
    expect((e as Error).message).toBe('Write FRU Data failed at offset 64: Write-protected offset');
  });

  it('refuses data larger than the device', async () => {
    const bmc = new FakeFruBmc(Buffer.alloc(64));
    await expect(new FruDevice(bmc.client(), 0, info(64)).write(IMAGE)).rejects.toThrow(RangeError);
    expect(bmc.writes()).toEqual([]);
  });
});
