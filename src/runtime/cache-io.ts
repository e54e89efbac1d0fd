/** The SDR cache's file calls and digest under Node (src/sdr/cache.ts): node:fs and node:crypto. */
import { createHash } from 'node:crypto';
import { fsCacheCalls, type CacheIo } from './cache-files.js';

export const nodeCacheIo: CacheIo = {
  sha256: (data) => createHash('sha256').update(data).digest(),
  ...fsCacheCalls(),
};
