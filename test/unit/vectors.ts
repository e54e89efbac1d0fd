/** Known-answer vector files from test/vectors (see its README for how each was obtained). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../vectors');

export function loadVectors<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as T;
}

export const bytes = (h: string): Buffer => Buffer.from(h.replace(/[\s:]/g, ''), 'hex');
