/** A descriptor written with node:fs (Node, and Bun where its FileSink would not do: src/cli/fd-writer-bun.ts). */
import { fstatSync, writeSync } from 'node:fs';
import type { FdWriter } from './stdio.js';

export function nodeFdWriter(fd: number): FdWriter {
  return {
    write: (bytes) => writeSync(fd, bytes),
    // Only a character device can be a terminal: a file or a pipe creates no stream to be asked.
    isTTY: (stream) => isCharacterDevice(fd) && stream().isTTY === true,
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}
