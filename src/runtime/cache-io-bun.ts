/**
 * The SDR cache's file calls and digest in the Bun executable (src/sdr/cache.ts): the digest from
 * the crypto seam's Bun natives (no node:crypto: ~7 MiB there), lstat and reads through the C
 * library when the masking has loaded it (no node:fs: ~3 MiB), else and for every write node:fs,
 * loaded when first needed (a warm cache is read, never written).
 */
import type { CryptoPrimitives } from '../primitives/primitives.js';
import { errnoError, readWhole, type CFiles } from './c-files.js';
import { fsCacheCalls, type CacheIo } from './cache-files.js';

export function bunCacheIo(crypto: CryptoPrimitives, c?: CFiles): CacheIo {
  return {
    ...fsCacheCalls(),
    sha256: (data) => crypto.hash('sha256', data),
    ...(c
      ? {
          lstat: (path) => {
            const st = c.lstat(path);
            if (typeof st === 'number') throw errnoError(st, 'lstat', path);
            return st;
          },
          read: (path) => readWhole(c, path),
        }
      : {}),
  };
}
