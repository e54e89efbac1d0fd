/**
 * Reading a file the user names (-f, -S, exec, sel add/readraw, event file, fru write): the whole
 * file, but at most `limit` bytes, so that /dev/zero or an endless pipe ends with an error
 * instead of filling memory. Throws Node's fs errors, and one with code EFBIG past the limit.
 */
import { nodeFs } from './node-fs.js';

/** Far above any SDR dump, SEL, FRU image or command file. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export function readInputFile(path: string, limit = MAX_INPUT_BYTES): Buffer {
  const { closeSync, openSync, readSync } = nodeFs();
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw Object.assign(new Error(`EFBIG: file too large, read '${path}'`), { code: 'EFBIG' });
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
