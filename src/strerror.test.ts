import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { strerror } from './strerror.js';

const failure = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not fail');
};

describe('strerror', () => {
  it("glibc's text for the errors of reading a path", () => {
    expect(strerror(failure(() => readFileSync(tmpdir())))).toBe('Is a directory');
    expect(strerror(failure(() => readFileSync('/nonexistent/x')))).toBe('No such file or directory');
    expect(strerror(failure(() => readFileSync('/etc/hostname/x')))).toBe('Not a directory');
  });

  it("an errno not in the table: Node's text, without code and path", () => {
    expect(strerror(Object.assign(new Error("EXDEV: cross-device link not permitted, rename 'a' -> 'b'"), { code: 'EXDEV' }))).toBe(
      'Cross-device link not permitted',
    );
    expect(strerror(new Error('plain'))).toBe('Plain');
  });
});
