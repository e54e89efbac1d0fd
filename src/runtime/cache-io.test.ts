import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodePrimitives } from '../primitives/node.js';
import { readCache, writeCache, type CacheFile } from '../sdr/cache.js';
import type { CacheIo } from './cache-files.js';
import { errnoError, readWhole, type CFiles } from './c-files.js';
import { bunCacheIo } from './cache-io-bun.js';
import { nodeCacheIo } from './cache-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cache-io-'));

/** The C library's calls, faked over node:fs (lstat's answer and errno as the C library gives them), recording the calls. */
const fakeC = () => {
  const calls: string[] = [];
  const errnoOf = (e: unknown): number => -((e as NodeJS.ErrnoException).errno ?? -5);
  const c: CFiles = {
    open: (p) => {
      calls.push(`open ${path.basename(p)}`);
      let data: Buffer;
      try {
        data = readFileSync(p);
      } catch (e) {
        return errnoOf(e);
      }
      return {
        pread: (into, position) => {
          const got = data.subarray(position, position + into.length);
          into.set(got);
          return got.length;
        },
        close: () => void calls.push('close'),
      };
    },
    lstat: (p) => {
      calls.push(`lstat ${path.basename(p)}`);
      try {
        const st = nodeCacheIo.lstat(p);
        return { uid: st.uid, mode: st.mode };
      } catch (e) {
        return errnoOf(e);
      }
    },
  };
  return { c, calls };
};

describe('the C library readers (src/runtime/c-files.ts)', () => {
  it('readWhole reads past its first window, and closes the file', () => {
    const f = path.join(dir, 'big');
    const data = Buffer.alloc(150_000, 7);
    data.write('end', 149_997);
    writeFileSync(f, data);
    const { c, calls } = fakeC();
    expect(readWhole(c, f).equals(data)).toBe(true);
    expect(calls).toEqual(['open big', 'close']);
  });

  it('a failed read throws with its errno too (pread gives minus the errno)', () => {
    const c: CFiles = { open: () => ({ pread: () => -21, close: () => undefined }), lstat: () => 2 };
    expect(() => readWhole(c, '/d')).toThrow(expect.objectContaining({ code: 'EISDIR', syscall: 'read', path: '/d' }));
  });

  it("errors carry node:fs's code, syscall and path", () => {
    expect(() => readWhole(fakeC().c, path.join(dir, 'none'))).toThrow(expect.objectContaining({ code: 'ENOENT', syscall: 'open' }));
    expect(errnoError(13, 'lstat', '/x')).toMatchObject({ code: 'EACCES', syscall: 'lstat', path: '/x', message: "EACCES: lstat '/x'" });
    expect(errnoError(5, 'open', '/x').code).toBe('errno 5');
  });
});

describe('bunCacheIo: the SDR cache through the crypto seam and the C library', () => {
  const meta: CacheFile['meta'] = { bmc: 'h:623', source: 'repository', info: '51', guid: null, manufacturerId: 1, productId: 2, written: 'now' };
  // One full sensor record (ID 1, type 01h, "T")
  const record = Buffer.from('0100510130' + '20000001'.padEnd(2 * 0x30, '0') + 'c154', 'hex');
  const cache = (io: CacheIo) => readCache(io, path.join(dir, 'ipmits', 'sdr', 'h_623.sdr'));
  const random = (n: number) => Buffer.alloc(n, 0xab);

  it('writes what node:fs and node:crypto read back, and reads it without node:fs (lstat and read by the C library)', () => {
    const { c, calls } = fakeC();
    const io = bunCacheIo(nodePrimitives, c);
    expect(io.sha256(Buffer.from('abc')).equals(createHash('sha256').update('abc').digest())).toBe(true);
    record[4] = record.length - 5;
    expect(writeCache(io, path.join(dir, 'ipmits', 'sdr'), 'h_623.sdr', { meta, records: [record] }, random)).toBeUndefined();
    const back = cache(nodeCacheIo);
    expect(typeof back === 'string' ? back : back.records[0]!.equals(record)).toBe(true);
    calls.length = 0;
    const mine = cache(io);
    expect(typeof mine === 'string' ? mine : mine.meta).toEqual(meta);
    expect(calls).toEqual(['lstat ipmits', 'lstat sdr', 'lstat h_623.sdr', 'open h_623.sdr', 'close']);
  });

  it('refuses what node:fs refuses: a symbolic link, a file others may write', () => {
    const link = path.join(dir, 'link');
    mkdirSync(link);
    symlinkSync(path.join(dir, 'ipmits', 'sdr', 'h_623.sdr'), path.join(link, 'x.sdr'));
    const io = bunCacheIo(nodePrimitives, fakeC().c);
    expect(readCache(io, path.join(link, 'x.sdr'))).toMatch(/^not trusted: .*x\.sdr is a symbolic link$/);
    expect(readCache(nodeCacheIo, path.join(link, 'x.sdr'))).toBe(readCache(io, path.join(link, 'x.sdr')));
    expect(readCache(io, path.join(dir, 'ipmits', 'sdr', 'none.sdr'))).toBe('none');
  });

  it('without the C library, node:fs for every call', () => {
    const io = bunCacheIo(nodePrimitives);
    const got = cache(io);
    expect(typeof got === 'string' ? got : got.meta.bmc).toBe('h:623');
  });
});
