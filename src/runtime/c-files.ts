/**
 * The C library's file calls, in the Bun executable once the masking of the command line's secrets
 * has loaded them (src/cli/process-title-bun.ts): other files are read through them at no further
 * cost, where Bun.file's first read costs ~1-2 MiB (its thread pool) and node:fs ~3 MiB.
 */

/** A file opened by the C library: pread gives the bytes read, or minus the errno on failure. */
export interface CFile {
  pread(into: Uint8Array, position: number): number;
  close(): void;
}

/** lstat's answer: the owner and st_mode (file type bits included). */
export interface CStat {
  uid: number;
  mode: number;
}

/** Each call gives the errno when it fails. */
export interface CFiles {
  open(path: string): CFile | number;
  lstat(path: string): CStat | number;
}

/**
 * node:fs's codes for the errno values opening a file meets (the ones src/spec/iana.ts and
 * src/sdr/cache.ts look at): Linux's numbers (asm-generic/errno-base.h, errno.h), the same on
 * x86-64 and arm64, the executable's targets. node:os's full table costs ~0.8 MiB.
 */
const ERRNO_CODES: Readonly<Record<number, string>> = { 2: 'ENOENT', 13: 'EACCES', 20: 'ENOTDIR', 21: 'EISDIR', 40: 'ELOOP' };

/** "No such file or directory". */
export const ENOENT = 2;

/** An error as node:fs throws it for `errno` (its code; "errno N" for others). */
export function errnoError(errno: number, syscall: string, path: string): NodeJS.ErrnoException {
  const code = ERRNO_CODES[errno] ?? `errno ${errno}`;
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, errno: -errno, syscall, path });
}

/** The whole file at `path` (read until pread gives 0); throws as node:fs's readFileSync. */
export function readWhole(c: CFiles, path: string): Buffer {
  const f = c.open(path);
  if (typeof f === 'number') throw errnoError(f, 'open', path);
  try {
    let buf = Buffer.allocUnsafe(64 * 1024);
    let got = 0;
    for (;;) {
      if (got === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const n = f.pread(buf.subarray(got), got);
      if (n < 0) throw errnoError(-n, 'read', path);
      if (n === 0) return buf.subarray(0, got);
      got += n;
    }
  } finally {
    f.close();
  }
}
