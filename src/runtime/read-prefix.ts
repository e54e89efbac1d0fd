/** A file's first bytes under Node, for lookups that need only the start of a large file (the IANA registry, src/spec/iana.ts). */
import { open } from 'node:fs/promises';

/**
 * The first `upTo` bytes of the file at `path` (fewer when the file is shorter); errors as node:fs's.
 * `have`, the file's first bytes from an earlier call, is copied instead of read again.
 */
export async function readFilePrefix(path: string, upTo: number, have?: Uint8Array): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(upTo);
    let got = have ? Math.min(have.length, upTo) : 0;
    if (have) buf.set(have.subarray(0, got));
    for (let n = -1; got < upTo && n !== 0; got += n) n = (await file.read(buf, got, upTo - got, got)).bytesRead;
    return buf.subarray(0, got);
  } finally {
    await file.close();
  }
}
