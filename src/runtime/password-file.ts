/**
 * -f: the password from a file or a FIFO, as ipmitool reads it. Loaded by credentials.ts only
 * for -f (and by a fleet inventory), so that other runs load no node:fs.
 */
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { LocalError } from '../errors.js';
import { strerror } from '../strerror.js';
import { readInputFile } from '../read-input.js';

/** ipmitool -f: first line, at most 20 bytes, cut at CR, LF or TAB; an empty file has no line to read. */
export function readPasswordFile(path: string): string {
  let text: Buffer;
  try {
    text = readInputFile(path);
  } catch (e) {
    throw new LocalError(`Unable to read password from file ${path}: ${strerror(e)}`, 'password-file');
  }
  return firstLineOf(path, text);
}

function firstLineOf(path: string, text: Buffer): string {
  if (text.length === 0) throw new LocalError(`Unable to read password from file ${path}`, 'password-file');
  const first = text.subarray(0, 20).toString('latin1');
  const cut = first.search(/[\r\n\t]/);
  return cut >= 0 ? first.slice(0, cut) : first;
}

/** How long -f waits for a FIFO's writer without --timeout. */
export const FIFO_WAIT_SEC = 30;

/**
 * -f on a FIFO (a named pipe): opening it for reading blocks until a writer comes, inside the C
 * library where neither --timeout nor a signal gets through. It is opened non-blocking instead and
 * polled until its first line (or its end) arrives, for at most `waitSec` (--timeout, else
 * FIFO_WAIT_SEC); then `Unable to read password from file F: no writer ...`, exit 6.
 */
async function readPasswordFifo(path: string, waitSec: number): Promise<string> {
  const fail = (why: string): LocalError => new LocalError(`Unable to read password from file ${path}: ${why}`, 'password-file');
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(strerror(e));
  }
  try {
    const chunks: Buffer[] = [];
    let writer = false;
    const end = Date.now() + waitSec * 1000;
    for (;;) {
      const buf = Buffer.alloc(256);
      let n = -1;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw fail(strerror(e));
        writer = true; // a writer holds it open, nothing written yet
      }
      if (n > 0) {
        writer = true;
        chunks.push(buf.subarray(0, n));
        const text = Buffer.concat(chunks);
        if (text.includes(0x0a) || text.length >= 4096) return firstLineOf(path, text);
        continue;
      }
      if (n === 0 && writer) return firstLineOf(path, Buffer.concat(chunks)); // written and closed
      if (Date.now() >= end) throw fail(`no writer on the FIFO within ${waitSec} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    closeSync(fd);
  }
}

const isFifo = (path: string): boolean => {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false; // readPasswordFile words the failure
  }
};

/** -f PATH: a FIFO waits for its writer for at most `deadlineSec` (--timeout), else FIFO_WAIT_SEC. */
export function readPassword(path: string, deadlineSec: number | undefined): Promise<string> | string {
  return isFifo(path) ? readPasswordFifo(path, deadlineSec ?? FIFO_WAIT_SEC) : readPasswordFile(path);
}
