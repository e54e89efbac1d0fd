/**
 * A file's first bytes in the Bun executable, through Bun.file's slices: no node:fs, which there costs
 * ~4 ms of CPU and ~4 MiB per run (src/runtime/read-prefix.ts is the Node reader). Bun 1.4.5 rejects
 * with node:fs's codes: ENOENT, EACCES, ENOTDIR, ELOOP at the open, EISDIR for a directory; a slice
 * past the end of the file is short or empty.
 */
import type { ReadPrefix } from '../spec/iana.js';

/** The part of Bun.file used here (Bun's own types are not a dependency of the npm package). */
export interface BunFileSlices {
  file(path: string): { slice(begin: number, end: number): { bytes(): Promise<Uint8Array> } };
}

/** Bun's files when running under Bun, else undefined. */
export function bunFileSlices(): BunFileSlices | undefined {
  return (globalThis as { Bun?: BunFileSlices }).Bun;
}

/**
 * A ReadPrefix on Bun.file. It reads the whole prefix again rather than only the bytes after `have`:
 * copying `have` into a new buffer costs more than the kernel's copy from the page cache (the new
 * buffer's pages are touched twice; `mc info`, 4753: ~2 ms of CPU).
 */
export function bunReadPrefix(bun: BunFileSlices): ReadPrefix {
  return (path, upTo) => bun.file(path).slice(0, upTo).bytes();
}
