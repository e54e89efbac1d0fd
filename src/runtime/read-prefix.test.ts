import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFilePrefix } from './read-prefix.js';
import { bunReadPrefix, type BunFileSlices } from './read-prefix-bun.js';

const dir = mkdtempSync(path.join(tmpdir(), 'read-prefix-'));
const file = path.join(dir, 'f.txt');
const content = Buffer.from('0123456789'.repeat(1000));
writeFileSync(file, content);

describe('readFilePrefix (node:fs/promises)', () => {
  it('a longer prefix starts with the shorter one it was given, and ends at the file', async () => {
    const a = await readFilePrefix(file, 1000);
    expect(Buffer.from(a).equals(content.subarray(0, 1000))).toBe(true);
    const b = await readFilePrefix(file, 5000, a);
    expect(Buffer.from(b).equals(content.subarray(0, 5000))).toBe(true);
    expect(Buffer.from(await readFilePrefix(file, content.length + 10, b)).equals(content)).toBe(true);
  });

  it("errors carry node:fs's codes", async () => {
    await expect(readFilePrefix(path.join(dir, 'none'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFilePrefix(dir, 10)).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(readFilePrefix(path.join(file, 'x'), 10)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('bunReadPrefix (Bun.file slices, faked here)', () => {
  /** A fake Bun.file over real files that records the slices asked for; errors as Bun 1.4.5 gives them. */
  const fakeBun = () => {
    const slices: [string, number, number][] = [];
    const bun: BunFileSlices = {
      file: (p) => ({
        slice: (begin, end) => ({
          bytes: async () => {
            slices.push([p, begin, end]);
            return new Uint8Array(readFileSync(p).subarray(begin, end));
          },
        }),
      }),
    };
    return { bun, slices };
  };

  it('reads the prefix from the start each time, and ends at the file', async () => {
    const { bun, slices } = fakeBun();
    const read = bunReadPrefix(bun);
    const a = await read(file, 1000);
    const b = await read(file, 5000, a);
    expect(Buffer.from(b).equals(content.subarray(0, 5000))).toBe(true);
    expect((await read(file, content.length + 10, b)).length).toBe(content.length);
    expect(slices).toEqual([
      [file, 0, 1000],
      [file, 0, 5000],
      [file, 0, content.length + 10],
    ]);
  });

  it("passes the file's error on (its code is what the registry loader reports)", async () => {
    const read = bunReadPrefix(fakeBun().bun);
    await expect(read(path.join(dir, 'none'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
