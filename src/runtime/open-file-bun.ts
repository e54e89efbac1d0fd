/**
 * A file read at offsets in the Bun executable, through Bun.file's slices: no node:fs, which there
 * costs ~4 ms of CPU and ~4 MiB per run (src/runtime/open-file.ts is the Node reader). Bun 1.4.5
 * rejects with node:fs's codes: ENOENT, EACCES, ENOTDIR, ELOOP, EISDIR for a directory, at the first
 * read (a slice opens the file); a slice past the end of the file is short or empty.
 */
import type { RegistryFile } from '../spec/iana.js';

/** The part of Bun.file used here (Bun's own types are not a dependency of the npm package). */
export interface BunFileSlices {
  file(path: string): { slice(begin: number, end: number): { bytes(): Promise<Uint8Array> } };
}

/** Bun's files when running under Bun, else undefined. */
export function bunFileSlices(): BunFileSlices | undefined {
  return (globalThis as { Bun?: BunFileSlices }).Bun;
}

/** A file opened by the C library (src/cli/process-title-bun.ts): pread gives -1 on failure. */
export interface CFile {
  pread(into: Uint8Array, position: number): number;
  close(): void;
}

/**
 * node:fs's codes for the errno values an open of the registry meets (the ones src/spec/iana.ts
 * names): Linux's numbers (asm-generic/errno-base.h, errno.h), the same on x86-64 and arm64, the
 * executable's targets. node:os's full table costs `mc info` ~0.8 MiB, for a missing ~/.local copy.
 */
const ERRNO_CODES: Readonly<Record<number, string>> = { 2: 'ENOENT', 13: 'EACCES', 20: 'ENOTDIR', 21: 'EISDIR', 40: 'ELOOP' };

/** Files opened by the C library; the errno when one cannot be opened. */
export type OpenCFile = (path: string) => CFile | number;

/**
 * The file at `path` through the C library when the process has it loaded already (`openC`: the
 * masking of -P, -k or -y did): reads into the caller's window, no new memory and no Bun.file
 * (mc info's peak RSS -0.9 MiB, docs/benchmarks.md); a failed open throws with node:fs's code for
 * its errno, a failed read is read again through Bun.file, which says why. Without the C library,
 * through Bun.file: each read a slice of its own, copied into the window.
 */
export function bunOpenFile(bun: BunFileSlices, openC?: OpenCFile): (path: string) => Promise<RegistryFile> {
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
    const c = openC?.(path);
    if (c === undefined) return slices(path);
    if (typeof c === 'number') {
      const code = ERRNO_CODES[c] ?? `errno ${c}`;
      throw Object.assign(new Error(`${code}: ${path}`), { code });
    }
    return {
      read: async (into, position) => {
        const n = c.pread(into, position);
        return n >= 0 ? n : slices(path).read(into, position);
      },
      close: async () => c.close(),
    };
  };
}
