/** The masking's files through node:fs (Node; src/cli/process-title.ts). */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { ProcFiles } from './process-title.js';

export const nodeProcFiles: ProcFiles = {
  read: (path) => readFileSync(path),
  writeAt(path, bytes, offset) {
    const fd = openSync(path, 'r+');
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, offset + done);
    } finally {
      closeSync(fd);
    }
  },
};
