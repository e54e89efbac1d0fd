import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputFile } from './read-input.js';
import { strerror } from './strerror.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-read-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputFile', () => {
  it('the whole file, an empty one included', () => {
    const f = path.join(dir, 'a');
    writeFileSync(f, Buffer.alloc(200_000, 7));
    expect(readInputFile(f).equals(Buffer.alloc(200_000, 7))).toBe(true);
    writeFileSync(f, '');
    expect(readInputFile(f).length).toBe(0);
  });

  it('an endless device stops at the limit with "File too large"', () => {
    expect(() => readInputFile('/dev/zero', 1_000_000)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    expect(strerror({ code: 'EFBIG' })).toBe('File too large');
  });

  it("the fs errors of a directory and a missing file, as readFileSync's", () => {
    expect(() => readInputFile(dir)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => readInputFile(path.join(dir, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
