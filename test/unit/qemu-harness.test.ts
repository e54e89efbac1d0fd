/**
 * The pure parts of the QEMU guest harness (test/qemu): the initramfs writer checked
 * byte for byte and against GNU cpio, the guest script, and the results channel.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCpio, type CpioEntry } from '../qemu/cpio.mjs';
import { parseResults, runScript, shq } from '../qemu/guest.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-cpio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function archive(entries: CpioEntry[]): Buffer {
  const file = path.join(dir, `a${Math.random().toString(36).slice(2)}.cpio`);
  const fd = openSync(file, 'w');
  writeCpio(fd, entries);
  closeSync(fd);
  return readFileSync(file);
}

describe('writeCpio (newc, Documentation/driver-api/early-userspace/buffer-format.rst)', () => {
  it('a file: 110-byte header in hex fields, name with NUL padded to 4, data padded to 4, then the trailer', () => {
    const a = archive([{ path: '/init', data: 'hi', mode: 0o755 }]);
    const header =
      '070701' + // magic
      '00000001' + // ino
      '000081ed' + // mode: S_IFREG | 0755
      '00000000' +
      '00000000' + // uid, gid
      '00000001' + // nlink
      '00000000' + // mtime
      '00000002' + // filesize
      '00000000' +
      '00000000' +
      '00000000' +
      '00000000' + // dev major/minor, rdev major/minor
      '00000005' + // namesize ("init" + NUL)
      '00000000'; // check
    expect(a.subarray(0, 110).toString('latin1')).toBe(header);
    expect(a.subarray(110, 116).toString('latin1')).toBe('init\0\0'); // 110 + 5 -> 116
    expect(a.subarray(116, 120).toString('latin1')).toBe('hi\0\0');
    expect(a.subarray(120, 126).toString('latin1')).toBe('070701');
    expect(a.subarray(120 + 110, 120 + 110 + 11).toString('latin1')).toBe('TRAILER!!!\0');
    expect(a.length % 4).toBe(0);
  });

  it('GNU cpio reads what it writes: directories, files, symlinks, device nodes', () => {
    const a = archive([
      { path: 'etc', dir: true },
      { path: 'etc/passwd', data: 'root:x:0:0::/:/bin/sh\n' },
      { path: 'bin/sh', symlink: '/bin/busybox' },
      { path: 'dev/console', chr: [5, 1] },
    ]);
    const r = spawnSync('cpio', ['-t', '-v', '--quiet'], { input: a, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^drwxr-xr-x .* etc$/);
    expect(lines[1]).toMatch(/^-rw-r--r-- .* 22 .* etc\/passwd$/);
    expect(lines[2]).toMatch(/^lrwxrwxrwx .* bin\/sh -> \/bin\/busybox$/);
    expect(lines[3]).toMatch(/^crw------- .* 5, +1 .* dev\/console$/);
  });
});

describe('the guest script', () => {
  it('quotes for the shell only what needs it', () => {
    expect(shq('mc')).toBe('mc');
    expect(shq('0x06')).toBe('0x06');
    expect(shq('CPU1 Temp')).toBe("'CPU1 Temp'");
    expect(shq("it's")).toBe("'it'\\''s'");
  });

  it('one line per command: argv, a shell snippet, another user, repeats', () => {
    const s = runScript([
      { id: 'a', argv: ['ipmits', 'sensor', 'get', 'CPU1 Temp'] },
      { id: 'b', sh: 'rmmod ipmi_devintf' },
      { id: 'c', user: 'tester', argv: ['ipmits', 'mc', 'info'] },
      { id: 'd', argv: ['ipmitool', 'mc', 'info'], repeat: 5 },
    ]);
    // After the preamble (the r() helper and flush_out), one line per command.
    const lines = s.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('r '))).toEqual([
      "r a 1 ipmits sensor get 'CPU1 Temp'",
      "r b 1 sh -c 'rmmod ipmi_devintf'",
      "r c 1 su -s /bin/sh tester -c 'ipmits mc info'",
      'r d 5 ipmitool mc info',
    ]);
    expect(() => runScript([{ id: 'a b', argv: ['x'] }])).toThrow('bad command id');
  });

  it('results: base64 files between markers, CRs dropped, finished only with @@DONE', () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const text = `noise\r\n@@FILE a.out\r\n${b64('Device ID : 32\n')}\r\n@@END\r\n@@FILE a.rc\n${b64('0\n')}\n@@END\n@@DONE\n`;
    const { files, done } = parseResults(text);
    expect(done).toBe(true);
    expect(files.get('a.out')).toBe('Device ID : 32\n');
    expect(files.get('a.rc')).toBe('0\n');
    expect(parseResults(text.replace('@@DONE\n', '')).done).toBe(false);
  });
});
