import { readFileSync } from 'node:fs';
import { assert, describe, expect, it } from 'vitest';
import { nodeProcFiles } from './process-title-node.js';
import { argvArea, hasSecrets, hideSecretsFromProcessList, maskSecrets, type ProcFiles } from './process-title.js';

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

describe('hideSecretsFromProcessList through the runtime’s files (ProcFiles)', () => {
  const args = ['-I', 'lanplus', '-P', 'secret', 'power', 'status'];
  const cmdline = Buffer.from(`/usr/bin/ipmits\0${args.join('\0')}\0`, 'latin1');
  /** /proc/self/stat with arg_start 1000 and arg_end just past the command line. */
  const stat = `1 (ipmits) S ${Array.from({ length: 44 }, () => '0').join(' ')} 1000 ${1000 + cmdline.length} 0 0 0\n`;
  function fakeFiles(opts: { noMem?: boolean } = {}) {
    const writes: Array<{ path: string; text: string; offset: number }> = [];
    const files: ProcFiles = {
      read: (p) => (p === '/proc/self/cmdline' ? cmdline : Buffer.from(stat, 'latin1')),
      writeAt(p, bytes, offset) {
        if (opts.noMem) throw new Error('EACCES');
        writes.push({ path: p, text: Buffer.from(bytes).toString('latin1'), offset });
      },
    };
    return { files, writes };
  }

  it('one write at arg_start: the secret masked, every byte offset kept', () => {
    const { files, writes } = fakeFiles();
    expect(argvArea(stat)).toEqual({ start: 1000, end: 1000 + cmdline.length });
    expect(hideSecretsFromProcessList(args, files)).toBe('argv');
    expect(writes).toEqual([{ path: '/proc/self/mem', text: cmdline.toString('latin1').replace('secret', 'XXXXXX'), offset: 1000 }]);
  });

  it('no secret: no file touched', () => {
    const files: ProcFiles = { read: () => assert.fail('read'), writeAt: () => assert.fail('write') };
    expect(hasSecrets(['-V'])).toBe(false);
    expect(hideSecretsFromProcessList(['-V'], files)).toBe('none-needed');
  });

  it('the node:fs files read this process’s own stat', () => {
    expect(argvArea(Buffer.from(nodeProcFiles.read('/proc/self/stat')).toString('latin1'))).toBeDefined();
  });
});
