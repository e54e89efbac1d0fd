/**
 * stdout and stderr written straight to their descriptors with fs.writeSync, as Node itself writes
 * to files, pipes and terminals on Linux (synchronously). Under Bun, creating process.stdout,
 * process.stderr or process.stdin loads the stream classes: ~20 ms of CPU and ~8 MiB for a command
 * that prints one line (docs/benchmarks.md, "Fast start"). The stream is still created when it is
 * needed: to tell a terminal (isTTY, asked only of a character device; a terminal then gets the
 * stream itself, which readline needs), and for the rest of the run once the descriptor would block
 * (EAGAIN: someone else made it non-blocking).
 */
import { fstatSync, writeSync } from 'node:fs';
import type { OutStream } from '../runtime/context.js';

export interface FdOutput extends OutStream {
  /** The process stream, once created (a terminal, or EAGAIN): from then on all output goes through it. */
  readonly stream: NodeJS.WriteStream | undefined;
  /** Waits for anything handed to the stream; the first write error, if any. */
  settle(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * An OutStream on descriptor `fd`. `stream()` gives the process stream of the same descriptor (created
 * on first call); `onError` hears every write error once, EPIPE included (the reader went away).
 */
export function fdOutput(fd: number, stream: () => NodeJS.WriteStream, onError: (err: NodeJS.ErrnoException) => void): FdOutput {
  let failure: NodeJS.ErrnoException | undefined;
  let fallback: NodeJS.WriteStream | undefined;
  let tty: boolean | undefined;
  const fail = (err: NodeJS.ErrnoException): void => {
    if (failure) return;
    failure = err;
    onError(err);
  };
  const toStream = (): NodeJS.WriteStream => {
    if (!fallback) {
      fallback = stream();
      fallback.on('error', fail);
    }
    return fallback;
  };
  return {
    write(chunk: string | Uint8Array): boolean {
      if (failure) return false;
      if (fallback) return fallback.write(chunk);
      let rest = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      while (rest.length > 0) {
        try {
          rest = rest.subarray(writeSync(fd, rest));
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          if (err.code === 'EAGAIN') return toStream().write(rest);
          fail(err);
          return false;
        }
      }
      return true;
    },
    get stream() {
      return fallback;
    },
    get isTTY(): boolean {
      tty ??= isCharacterDevice(fd) && toStream().isTTY === true;
      return tty;
    },
    settle: () =>
      new Promise((resolve) => {
        if (!fallback) return resolve(failure);
        // Node hands an error to the last write's callback; Bun only to the failed write's own
        // callback and the 'error' event, a turn of the event loop later.
        fallback.write('', (err) => {
          if (err) fail(err as NodeJS.ErrnoException);
          setImmediate(() => resolve(failure));
        });
      }),
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}
