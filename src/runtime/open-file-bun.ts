/**
 * A file read at offsets in the Bun executable, through Bun.file's slices: no node:fs, which there
 * costs ~4 ms of CPU and ~4 MiB per run (src/runtime/open-file.ts is the Node reader). Bun 1.4.5
 * rejects with node:fs's codes: ENOENT, EACCES, ENOTDIR, ELOOP, EISDIR for a directory, at the first
 * read (a slice opens the file); a slice past the end of the file is short or empty.
 */
import type { RegistryFile } from '../spec/iana.js';
import { ENOENT, errnoError, type CFiles } from './c-files.js';

/** The part of Bun.file used here (Bun's own types are not a dependency of the npm package). */
export interface BunFileSlices {
  file(path: string): { slice(begin: number, end: number): { bytes(): Promise<Uint8Array> } };
}

/** Bun's files when running under Bun, else undefined. */
export function bunFileSlices(): BunFileSlices | undefined {
  return (globalThis as { Bun?: BunFileSlices }).Bun;
}

/**
 * The file at `path` through the C library when the process has it loaded already (`c`: the
 * masking of -P, -k or -y did): reads into the caller's window, no new memory and no Bun.file
 * (mc info's peak RSS -0.9 MiB, docs/benchmarks.md); a file that does not exist is undefined, any
 * other failed open or read throws with node:fs's code for its errno. Without the C library, through Bun.file: each read a slice of its own, copied
 * into the window.
 */
export function bunOpenFile(bun: BunFileSlices, c?: CFiles): (path: string) => Promise<RegistryFile | undefined> {
  const slices = (path: string): RegistryFile => {
    const file = bun.file(path);
    return {
      read: async (into, position) => {
        const got = await file.slice(position, position + into.length).bytes();
        into.set(got);
        return got.length;
      },
      close: async () => undefined,
    };
  };
  return async (path) => {
    const f = c?.open(path);
    if (f === undefined) return slices(path);
    if (f === ENOENT) return undefined; // the usual answer for ~/.local's copy: no error built and thrown (~0.2 MiB)
    if (typeof f === 'number') throw errnoError(f, 'open', path);
    return {
      read: async (into, position) => {
        const n = f.pread(into, position);
        if (n < 0) throw errnoError(-n, 'read', path);
        return n;
      },
      close: async () => f.close(),
    };
  };
}
