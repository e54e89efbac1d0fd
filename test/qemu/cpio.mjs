// A writer for the "newc" cpio format the Linux kernel unpacks as initramfs
// (Documentation/driver-api/early-userspace/buffer-format.rst): a 110-byte ASCII
// header, the NUL-terminated name, padding to 4 bytes, the data, padding to 4.
// Files are streamed from wherever they live on the host, so nothing is staged.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

/**
 * @typedef {{ path: string, dir: true, mode?: number }
 *   | { path: string, src: string, mode?: number }
 *   | { path: string, data: string | Uint8Array, mode?: number }
 *   | { path: string, symlink: string }
 *   | { path: string, chr: [number, number], mode?: number }} CpioEntry
 */

const hex8 = (n) => n.toString(16).padStart(8, '0');
const pad4 = (n) => (4 - (n % 4)) % 4;

/** Append the archive for `entries` (plus the trailer) to the open descriptor `fd`. */
export function writeCpio(fd, entries) {
  let ino = 1;
  const header = (name, mode, size, rdev = [0, 0]) => {
    const nameBytes = Buffer.from(`${name}\0`);
    const fields = [
      '070701',
      hex8(ino++),
      hex8(mode),
      hex8(0),
      hex8(0),
      hex8(1),
      hex8(0),
      hex8(size),
      hex8(0),
      hex8(0),
      hex8(rdev[0]),
      hex8(rdev[1]),
      hex8(nameBytes.length),
      hex8(0),
    ];
    writeSync(fd, Buffer.concat([Buffer.from(fields.join('')), nameBytes, Buffer.alloc(pad4(110 + nameBytes.length))]));
  };
  for (const e of entries) {
    const name = e.path.replace(/^\/+/, '');
    if ('dir' in e) header(name, S_IFDIR | (e.mode ?? 0o755), 0);
    else if ('symlink' in e) {
      const t = Buffer.from(e.symlink);
      header(name, S_IFLNK | 0o777, t.length);
      writeSync(fd, Buffer.concat([t, Buffer.alloc(pad4(t.length))]));
    } else if ('chr' in e) header(name, S_IFCHR | (e.mode ?? 0o600), 0, e.chr);
    else if ('data' in e) {
      const d = Buffer.from(e.data);
      header(name, S_IFREG | (e.mode ?? 0o644), d.length);
      writeSync(fd, Buffer.concat([d, Buffer.alloc(pad4(d.length))]));
    } else {
      const src = openSync(e.src, 'r');
      try {
        const st = fstatSync(src);
        header(name, S_IFREG | (e.mode ?? st.mode & 0o7777), st.size);
        const buf = Buffer.allocUnsafe(1 << 20);
        for (let off = 0; off < st.size; ) {
          const n = readSync(src, buf, 0, buf.length, off);
          if (n <= 0) throw new Error(`${e.src}: file shrank while archiving`);
          writeSync(fd, buf, 0, n);
          off += n;
        }
        writeSync(fd, Buffer.alloc(pad4(st.size)));
      } finally {
        closeSync(src);
      }
    }
  }
  header('TRAILER!!!', 0, 0);
}
