/** A file read at offsets under Node, for lookups that need only the start of a large file (the IANA registry, src/spec/iana.ts). */
import { open } from 'node:fs/promises';
import type { RegistryFile } from '../spec/iana.js';

/** The file at `path` through node:fs/promises; errors as node:fs's (EISDIR at the first read). */
export async function openFile(path: string): Promise<RegistryFile> {
  const file = await open(path, 'r');
  return {
    read: async (into, position) => (await file.read(into, 0, into.length, position)).bytesRead,
    close: () => file.close(),
  };
}
