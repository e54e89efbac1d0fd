/**
 * A descriptor written through Bun's FileSink (Bun.file(fd).writer()), for the Bun executable: no
 * node:fs to load (~4 ms of CPU and ~4 MiB per run). Only for a regular file or a terminal: on
 * anything else (a pipe, a socket, /dev/null) the FileSink makes the descriptor non-blocking and
 * leaves it so after exit, which the next writer sharing it (`{ ipmits ...; cmd; } | less`) would
 * meet as EAGAIN; there node:fs writes, loaded on the first write (stderr on a pipe loads nothing
 * while nothing is written to it).
 */
import type { FdWriter } from './stdio.js';

/** The part of Bun's FileSink used here (Bun's own types are not a dependency of the npm package). */
export interface BunFileSink {
  /** Buffers `chunk`; throws the descriptor's error (`code`). */
  write(chunk: Uint8Array): number;
  /** Writes the buffer: the count at once, or a promise when the descriptor would block; throws the error. */
  flush(): number | Promise<number>;
}

/** What the writer needs of Bun: a file's size (Infinity unless a regular file), its sink, isatty(3), and write(2) of node:fs. */
export interface BunFiles {
  size(fd: number): number;
  sink(fd: number): BunFileSink;
  isTTY(fd: number): boolean;
  writeSync(fd: number, bytes: Uint8Array): number;
}

/** Bun's files when running under Bun, else undefined (Node: fd-writer-node.ts). */
export function bunFiles(): BunFiles | undefined {
  const bun = (globalThis as { Bun?: { file(fd: number): { size: number; writer(): BunFileSink } } }).Bun;
  if (!bun) return undefined;
  // Native in Bun (no stream created, no module loaded).
  const ttyWrap = (process as unknown as { binding(name: 'tty_wrap'): { isTTY(fd: number): boolean } }).binding('tty_wrap');
  return {
    size: (fd) => bun.file(fd).size,
    sink: (fd) => bun.file(fd).writer(),
    isTTY: (fd) => ttyWrap.isTTY(fd),
    writeSync: (fd, bytes) => process.getBuiltinModule('node:fs').writeSync(fd, bytes),
  };
}

/** A FileSink writer on `fd` when it is a regular file or a terminal, else write(2) by node:fs. */
export function bunFdWriter(files: BunFiles, fd: number): FdWriter {
  const tty = files.isTTY(fd);
  if (!tty && !Number.isFinite(files.size(fd))) return { write: (bytes) => files.writeSync(fd, bytes), isTTY: () => false };
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
