/**
 * stdout and stderr written straight to their descriptors, synchronously, as Node itself writes to
 * files, pipes and terminals on Linux. How the bytes reach the descriptor is the runtime's
 * (FdWriter, chosen in run-process.ts): node:fs under Node, a FileSink under Bun, where loading
 * node:fs costs ~4 ms of CPU and ~4 MiB, and creating process.stdout, process.stderr or
 * process.stdin loads the stream classes: ~20 ms and ~8 MiB (docs/benchmarks.md, "Fast start").
 * The process stream is still created when it is needed: where the runtime asks it whether the
 * descriptor is a terminal (Node), for readline (processStream()), and for the rest of the run once
 * the descriptor would block (EAGAIN: someone else made it non-blocking).
 */
import type { OutStream } from '../runtime/context.js';

/** How bytes reach one descriptor (src/cli/fd-writer-node.ts, fd-writer-bun.ts). */
export interface FdWriter {
  /** write(2) from the start of `bytes`: the count written; throws its error (`code`), EAGAIN when nothing could be written now. */
  write(bytes: Uint8Array): number;
  /** Output taken but not yet written (a sink waiting for the descriptor): settles once written, with the write error if any. */
  pending?(): Promise<NodeJS.ErrnoException | undefined> | undefined;
  /** Is the descriptor a terminal? `stream` creates the process stream, for a runtime that has to ask it. */
  isTTY(stream: () => NodeJS.WriteStream): boolean;
}

export interface FdOutput extends OutStream {
  /** The process stream, once created (asked for, or EAGAIN): from then on all output goes through it. */
  readonly stream: NodeJS.WriteStream | undefined;
  /** The process stream (created on first call), for what needs one: readline on a terminal. */
  processStream(): NodeJS.WriteStream;
  /** Waits for anything handed to the stream or the writer; the first write error, if any. */
  settle(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * An OutStream on the descriptor `writer` writes to. `stream()` gives the process stream of the same
 * descriptor (created on first call); `onError` hears the first write error once, EPIPE included
 * (the reader went away).
 */
export function fdOutput(writer: FdWriter, stream: () => NodeJS.WriteStream, onError: (err: NodeJS.ErrnoException) => void): FdOutput {
  let failure: NodeJS.ErrnoException | undefined;
  let fallback: NodeJS.WriteStream | undefined;
  let tty: boolean | undefined;
  /** The writer's pending output last watched: its error is reported as soon as it comes (EPIPE ends the run). */
  let watched: Promise<NodeJS.ErrnoException | undefined> | undefined;
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
  const streamSettled = (): Promise<void> =>
    new Promise((resolve) => {
      if (!fallback) return resolve();
      // Node hands an error to the last write's callback; Bun only to the failed write's own
      // callback and the 'error' event, a turn of the event loop later.
      fallback.write('', (err) => {
        if (err) fail(err as NodeJS.ErrnoException);
        setImmediate(resolve);
      });
    });
  return {
    write(chunk: string | Uint8Array): boolean {
      if (failure) return false;
      if (fallback) return fallback.write(chunk);
      let rest = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      while (rest.length > 0) {
        try {
          rest = rest.subarray(writer.write(rest));
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          if (err.code === 'EAGAIN') return toStream().write(rest);
          fail(err);
          return false;
        }
      }
      const pending = writer.pending?.();
      if (pending && pending !== watched) {
        watched = pending;
        void pending.then((err) => err && fail(err));
      }
      return true;
    },
    get stream() {
      return fallback;
    },
    processStream: toStream,
    get isTTY(): boolean {
      tty ??= writer.isTTY(toStream);
      return tty;
    },
    settle: async () => {
      const err = await writer.pending?.();
      if (err) fail(err);
      await streamSettled();
      return failure;
    },
  };
}
