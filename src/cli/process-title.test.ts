import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argvArea, maskSecrets } from './process-title.js';

describe('maskSecrets (what `ps` shows)', () => {
  it.each([
    [
      ['-P', 'secret', 'power'],
      ['-P', 'XXXXXX', 'power'],
    ],
    [
      ['-Psecret', 'power'],
      ['-PXXXXXX', 'power'],
    ],
    [
      ['-vP', 'secret'],
      ['-vP', 'XXXXXX'],
    ],
    [
      ['-k', 'kgkey', '-U', 'admin'],
      ['-k', 'XXXXX', '-U', 'admin'],
    ],
    [
      ['-y', '0102aabb', '-U', 'admin'],
      ['-y', 'XXXXXXXX', '-U', 'admin'],
    ],
    [
      ['-Cy3', '-y0102'],
      ['-Cy3', '-yXXXX'],
    ],
    [
      ['-U', '-P', '-P', 'pw'],
      ['-U', '-P', '-P', 'XX'],
    ],
    [
      ['-H', 'host', 'raw', '0x06', '0x01'],
      ['-H', 'host', 'raw', '0x06', '0x01'],
    ],
    [
      ['--', '-P', 'literal'],
      ['--', '-P', 'literal'],
    ],
  ])('%j -> %j', (args, masked) => {
    expect(maskSecrets(args)).toEqual(masked);
  });

  it('keeps every length (the kernel buffer must not grow)', () => {
    const args = ['-I', 'lanplus', '-P', 'pässwörd', '-kkey'];
    expect(maskSecrets(args).map((a) => a.length)).toEqual(args.map((a) => a.length));
  });
});

describe('argvArea (/proc/PID/stat fields 48 and 49)', () => {
  // A real line from Linux 6.x; the command name holds a space and a parenthesis.
  const stat =
    '4242 (ip mi) ts) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 99 1000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 ' +
    '94000000000000 94000000001000 94000000002000 140733000000000 140733000000051 140733000000051 140733000004000 0\n';
  it('finds arg_start and arg_end after the last parenthesis', () => {
    expect(argvArea(stat)).toEqual({ start: 140733000000000, end: 140733000000051 });
  });
  it('refuses a line it cannot read', () => {
    expect(argvArea('4242 (x) S 1 2 3')).toBeUndefined();
  });
  it('agrees with this process: the area is as long as /proc/self/cmdline', () => {
    const area = argvArea(readFileSync('/proc/self/stat', 'latin1'));
    expect(area && area.end - area.start).toBe(readFileSync('/proc/self/cmdline').length);
  });
});
