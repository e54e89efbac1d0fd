/**
 * How the Bun executable writes a descriptor without node:fs (~4 ms of CPU and ~4 MiB per run):
 * - a regular file or a terminal: Bun's FileSink (Bun.file(fd).writer()), flushed at each write;
 * - anything else (a pipe, a socket, /dev/null): Bun.write, which issues write(2) at once (blocking
 *   as write(2) does, so output keeps its order across stdout and stderr) and leaves the descriptor's
 *   flags alone; its error comes with its promise. The FileSink is not used there: it makes the
 *   descriptor non-blocking and leaves it so after exit, which the next writer sharing it
 *   (`{ ipmits ...; cmd; } | less`) would meet as EAGAIN.
 */
import type { FdWriter } from './stdio.js';

/** The part of Bun's FileSink used here (Bun's own types are not a dependency of the npm package). */
export interface BunFileSink {
  /** Buffers `chunk`; throws the descriptor's error (`code`). */
  write(chunk: Uint8Array): number;
  /** Writes the buffer: the count at once, or a promise when the descriptor would block; throws the error. */
  flush(): number | Promise<number>;
}

/** What the writer needs of Bun: a file's size (Infinity unless a regular file), its sink, isatty(3), and Bun.write. */
export interface BunFiles {
  size(fd: number): number;
  sink(fd: number): BunFileSink;
  isTTY(fd: number): boolean;
  /** All of `bytes` to the descriptor: the count, or the write's error (`code`). */
  write(fd: number, bytes: Uint8Array): Promise<number>;
}

/** Bun's files when running under Bun, else undefined (Node: fd-writer-node.ts). */
export function bunFiles(): BunFiles | undefined {
  type BunFile = { size: number; writer(): BunFileSink };
  const bun = (globalThis as { Bun?: { file(fd: number): BunFile; write(to: BunFile, bytes: Uint8Array): Promise<number> } }).Bun;
  if (!bun) return undefined;
  // Native in Bun (no stream created, no module loaded).
  const ttyWrap = (process as unknown as { binding(name: 'tty_wrap'): { isTTY(fd: number): boolean } }).binding('tty_wrap');
  return {
    size: (fd) => bun.file(fd).size,
    sink: (fd) => bun.file(fd).writer(),
    isTTY: (fd) => ttyWrap.isTTY(fd),
    write: (fd, bytes) => bun.write(bun.file(fd), bytes),
  };
}

type Written = Promise<NodeJS.ErrnoException | undefined>;

/** The first error of two writes in order. */
const firstError = (before: Written | undefined, done: Written): Written => (before ? Promise.all([before, done]).then(([a, b]) => a ?? b) : done);

/** A FileSink writer on `fd` when it is a regular file or a terminal, else Bun.write. */
export function bunFdWriter(files: BunFiles, fd: number): FdWriter {
  const tty = files.isTTY(fd);
  if (!tty && !Number.isFinite(files.size(fd))) {
    let written: Written | undefined;
    return {
      write(bytes) {
        const done = files.write(fd, bytes).then(
          () => undefined,
          (err: NodeJS.ErrnoException) => err,
        );
        written = firstError(written, done);
        return bytes.length;
      },
      pending: () => written,
      isTTY: () => false,
    };
  }
  const sink = files.sink(fd);
  let last: Promise<NodeJS.ErrnoException | undefined> | undefined;
  return {
    write(bytes) {
      sink.write(bytes);
      const done = sink.flush();
      // A terminal someone made non-blocking: the sink keeps the rest, in order, and writes it when it can.
      if (typeof done !== 'number') {
        last = done.then(
          () => undefined,
          (err: NodeJS.ErrnoException) => err,
        );
      }
      return bytes.length;
    },
    pending: () => last,
    isTTY: () => tty,
  };
}
