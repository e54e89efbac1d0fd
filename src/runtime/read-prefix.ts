/** A file's first bytes, for lookups that need only the start of a large file (the IANA registry, src/spec/iana.ts). */
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The first `upTo` bytes of the file at `path` (fewer when the file is shorter); errors as readFileSync's.
 * `have`, the file's first bytes from an earlier call, is copied instead of read again.
 */
export function readFilePrefix(path: string, upTo: number, have?: Uint8Array): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(upTo);
    let got = have ? Math.min(have.length, upTo) : 0;
    if (have) buf.set(have.subarray(0, got));
    for (let n = -1; got < upTo && n !== 0; got += n) n = readSync(fd, buf, got, upTo - got, got);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
