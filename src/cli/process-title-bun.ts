/**
 * The masking's files through the C library (open, pread, pwrite, close by bun:ffi), for the Bun
 * executable: ~1.4 ms of CPU and ~2 MiB where node:fs costs ~4 ms and ~4 MiB, and loaded only
 * when a secret is on the command line (src/cli/process-title.ts). Once loaded, the same calls read
 * other files (`c`, src/runtime/c-files.ts): mc info's IANA registry, the SDR cache.
 */
import { dlopen, read as peek } from 'bun:ffi';
import { readWhole, type CFiles } from '../runtime/c-files.js';
import type { ProcFiles } from './process-title.js';

const O_RDONLY = 0;
const O_RDWR = 2;
const O_CLOEXEC = 0o2000000;
// statx(2): relative to the working directory, the link itself; the type, mode and owner fields.
const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const STATX_TYPE_MODE_UID = 0x1 | 0x2 | 0x8;
/** struct statx (linux/stat.h, the same on every architecture): its size, stx_uid and stx_mode. */
const STATX_SIZE = 256;
const STX_UID = 20;
const STX_MODE = 28;

function libc() {
  return dlopen('libc.so.6', {
    open: { args: ['ptr', 'i32'], returns: 'i32' },
    pread: { args: ['i32', 'ptr', 'u64', 'i64'], returns: 'i64' },
    pwrite: { args: ['i32', 'ptr', 'u64', 'i64'], returns: 'i64' },
    close: { args: ['i32'], returns: 'i32' },
    statx: { args: ['i32', 'ptr', 'i32', 'u32', 'ptr'], returns: 'i32' },
    __errno_location: { args: [], returns: 'ptr' },
  }).symbols;
}

/** The C library's file calls; throws when it cannot be opened (not glibc). */
export function bunProcFiles(): ProcFiles {
  const c = libc();
  const withFile = <T>(path: string, flags: number, use: (fd: number) => T): T => {
    const fd = Number(c.open(Buffer.from(`${path}\0`), flags | O_CLOEXEC));
    if (fd < 0) throw new Error(`open ${path} failed`);
    try {
      return use(fd);
    } finally {
      c.close(fd);
    }
  };
  const files: CFiles = {
    open: (path) => {
      const fd = Number(c.open(Buffer.from(`${path}\0`), O_RDONLY | O_CLOEXEC));
      if (fd < 0) return peek.i32(c.__errno_location());
      const pread = (into: Uint8Array, position: number): number => {
        const n = Number(c.pread(fd, into, into.length, position));
        return n >= 0 ? n : -peek.i32(c.__errno_location());
      };
      return { pread, close: () => void c.close(fd) };
    },
    lstat: (path) => {
      const st = Buffer.alloc(STATX_SIZE);
      if (Number(c.statx(AT_FDCWD, Buffer.from(`${path}\0`), AT_SYMLINK_NOFOLLOW, STATX_TYPE_MODE_UID, st)) < 0) return peek.i32(c.__errno_location());
      return { uid: st.readUInt32LE(STX_UID), mode: st.readUInt16LE(STX_MODE) };
    },
  };
  return {
    c: files,
    // /proc files have no size: read until pread gives 0.
    read: (path) => readWhole(files, path),
    writeAt: (path, bytes, offset) =>
      withFile(path, O_RDWR, (fd) => {
        for (let done = 0; done < bytes.length; ) {
          const n = Number(c.pwrite(fd, bytes.subarray(done), bytes.length - done, offset + done));
          if (n <= 0) throw new Error(`write ${path} failed`);
          done += n;
        }
      }),
  };
}
