/**
 * The SDR cache's file calls and digest (src/sdr/cache.ts uses them): what they are, and the file
 * calls on node:fs, loaded at their first use (src/node-fs.ts; the digests: src/runtime/cache-io*.ts).
 */
import { nodeFs as fs } from '../node-fs.js';

/** What lstat says of a path: its owner and st_mode (file type bits included). Throws with node:fs's codes. */
export interface CacheStat {
  uid: number;
  mode: number;
}

/** The cache's file calls (synchronous, throwing errors with node:fs's codes) and its digest. */
export interface CacheIo {
  sha256(data: Uint8Array): Buffer;
  lstat(path: string): CacheStat;
  read(path: string): Buffer;
  /** Creates the file with `mode` (it must not exist) and writes all of `data`. */
  writeNew(path: string, data: Uint8Array, mode: number): void;
  rename(from: string, to: string): void;
  mkdir(path: string, mode: number): void;
  readdir(path: string): string[];
  rm(path: string): void;
}

/** Loads the CacheIo when the cache is first used (Deps.sdrCacheIo; src/sdr/cache.ts has the default). */
export type CacheIoLoader = () => Promise<CacheIo>;

/** The file calls on node:fs. */
export function fsCacheCalls(): Omit<CacheIo, 'sha256'> {
  return {
    lstat: (path) => {
      const st = fs().lstatSync(path);
      return { uid: st.uid, mode: st.mode };
    },
    read: (path) => fs().readFileSync(path),
    writeNew: (path, data, mode) => fs().writeFileSync(path, data, { mode, flag: 'wx' }),
    rename: (from, to) => fs().renameSync(from, to),
    mkdir: (path, mode) => void fs().mkdirSync(path, { mode }),
    readdir: (path) => fs().readdirSync(path),
    rm: (path) => fs().rmSync(path),
  };
}
