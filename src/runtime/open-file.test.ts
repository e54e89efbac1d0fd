import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFile } from './open-file.js';
import { bunOpenFile, type BunFileSlices } from './open-file-bun.js';
import type { CFile, CFiles } from './c-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'open-file-'));
const file = path.join(dir, 'f.txt');
const content = Buffer.from('0123456789'.repeat(1000));
writeFileSync(file, content);

/** Reads `n` bytes at `at` through `read` into a window of its own. */
const readAt = async (f: { read(into: Uint8Array, position: number): Promise<number> }, at: number, n: number) => {
  const into = Buffer.alloc(n);
  const got = await f.read(into, at);
  return into.subarray(0, got).toString();
};

describe('openFile (node:fs/promises)', () => {
  it('reads at offsets, short at the end of the file, nothing past it', async () => {
    const f = await openFile(file);
    expect(await readAt(f, 3, 4)).toBe('3456');
    expect(await readAt(f, content.length - 2, 10)).toBe('89');
    expect(await readAt(f, content.length + 5, 10)).toBe('');
    await f.close();
  });

  it("errors carry node:fs's codes, at the open or (a directory) at the first read", async () => {
    await expect(openFile(path.join(dir, 'none'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(openFile(path.join(file, 'x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    const d = await openFile(dir);
    await expect(d.read(Buffer.alloc(4), 0)).rejects.toMatchObject({ code: 'EISDIR' });
    await d.close();
  });
});

describe('bunOpenFile (Bun.file slices and the C library, faked here)', () => {
  /** A fake Bun.file over real files that records the slices asked for; errors as Bun 1.4.5 gives them (at the read). */
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
  /** A fake C library over `content`: pread fails with EISDIR at `failAt`, open fails with `errno` for other paths. */
  const fakeC = (errno: number, failAt = -1) => {
    const calls: string[] = [];
    const open = (p: string): CFile | number => {
      calls.push(`open ${path.basename(p)}`);
      if (p !== file) return errno;
      return {
        pread: (into, position) => {
          calls.push(`pread ${position} ${into.length}`);
          if (position === failAt) return -21;
          const got = content.subarray(position, position + into.length);
          into.set(got);
          return got.length;
        },
        close: () => void calls.push('close'),
      };
    };
    const openC: CFiles = { open, lstat: () => errno };
    return { openC, calls };
  };

  it('without the C library: a slice per read, copied into the window', async () => {
    const { bun, slices } = fakeBun();
    const f = (await bunOpenFile(bun)(file))!;
    expect(await readAt(f, 10, 5)).toBe('01234');
    expect(await readAt(f, content.length - 3, 10)).toBe('789');
    expect(slices).toEqual([
      [file, 10, 15],
      [file, content.length - 3, content.length + 7],
    ]);
  });

  it("passes Bun.file's error on (its code is what the registry loader reports)", async () => {
    const f = (await bunOpenFile(fakeBun().bun)(path.join(dir, 'none')))!;
    await expect(f.read(Buffer.alloc(10), 0)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('with the C library: pread into the window, no slice; closed by close()', async () => {
    const { bun, slices } = fakeBun();
    const c = fakeC(2);
    const f = (await bunOpenFile(bun, c.openC)(file))!;
    expect(await readAt(f, 20, 3)).toBe('012');
    await f.close();
    expect(c.calls).toEqual(['open f.txt', 'pread 20 3', 'close']);
    expect(slices).toEqual([]);
  });

  it("a file that does not exist is undefined; another failed open throws node:fs's code for its errno (Linux's numbers), without Bun.file", async () => {
    expect(await bunOpenFile(fakeBun().bun, fakeC(2).openC)(path.join(dir, 'none'))).toBeUndefined();
    for (const [errno, code] of [
      [13, 'EACCES'],
      [20, 'ENOTDIR'],
      [21, 'EISDIR'],
      [40, 'ELOOP'],
      [5, 'errno 5'],
    ] as const) {
      const { bun, slices } = fakeBun();
      await expect(bunOpenFile(bun, fakeC(errno).openC)(path.join(dir, 'none'))).rejects.toMatchObject({ code });
      expect(slices).toEqual([]);
    }
  });

  it("a failed pread throws node:fs's code for its errno (a directory opened for reading: EISDIR)", async () => {
    const { bun, slices } = fakeBun();
    const f = (await bunOpenFile(bun, fakeC(2, 40).openC)(file))!;
    expect(await readAt(f, 36, 4)).toBe('6789');
    await expect(readAt(f, 40, 4)).rejects.toMatchObject({ code: 'EISDIR', syscall: 'read' });
    expect(slices).toEqual([]);
  });
});
