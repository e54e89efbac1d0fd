/** exec, set and echo through main() with in-memory streams: nothing here needs a BMC. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deps, Io } from '../../runtime/context.js';
import { main } from '../../cli/main.js';
import { systemClock, systemRandom } from '../../io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-exec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function ipmits(argv: string[], prompt: Deps['prompt'] = async () => undefined): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: { write: (c) => void (stdout += String(c)) }, stderr: { write: (c) => void (stderr += String(c)) }, stdin: new PassThrough() };
  const deps: Deps = {
    env: {},
    clock: systemClock,
    random: systemRandom,
    connect: () => Promise.reject(new Error('no network in unit tests')),
    prompt,
  };
  const code = await main(argv, io, deps);
  return { stdout, stderr, code };
}

describe('set (ipmitool ipmi_set_main wording)', () => {
  it.each<[string[], string]>([
    [['set', 'hostname', 'bmc1'], 'Set session hostname to bmc1\n'],
    [['set', 'host', 'bmc1'], 'Set session hostname to bmc1\n'],
    [['set', 'username', 'operator'], 'Set session username to operator\n'],
    [['set', 'privlvl', 'operator'], 'Set session privilege level to OPERATOR\n'],
    [['set', 'authtype', 'md5'], 'Set session authtype to MD5\n'],
    [['set', 'port', '0x26f'], 'Set session port to 623\n'],
    [['set', 'localaddr', '0x82'], 'Set local IPMB address to 0x82\n'],
    [['set', 'targetaddr', '32'], 'Set remote IPMB address to 0x20\n'],
    [['set', 'verbose'], ''],
    [['set', 'csv', '0'], ''],
  ])('%j', async (argv, out) => {
    expect(await ipmits(argv)).toEqual({ stdout: out, stderr: '', code: 0 });
  });

  it.each<[string[], string]>([
    [['set', 'privlvl', 'bad'], 'Invalid privilege level: bad\n'],
    [['set', 'authtype', 'SHA1'], 'Invalid authtype: SHA1\n'],
    [['set', 'port', '70000'], "Given port '70000' is invalid.\n"],
    [['set', 'localaddr', '0x100'], "Given localaddr '0x100' is invalid.\n"],
    [['set', 'targetaddr', 'x'], "Given targetaddr 'x' is invalid.\n"],
    [['set', 'verbose', 'x'], "Given verbose 'x' argument is invalid.\n"],
    [['set', 'csv', '1.5'], "Given csv '1.5' argument is invalid.\n"],
    [['set', 'username', 'a-name-of-17-byte'], 'Username is too long (> 16 bytes)\n'],
    // Deliberate differences (docs/compatibility.md): ipmitool accepts these three.
    [['set', 'privlvl', 'NO ACCESS'], 'Invalid privilege level: NO ACCESS\n'],
    [['set', 'authtype', 'RMCP+'], 'Invalid authtype: RMCP+\n'],
    [['set', 'port', '-1'], "Given port '-1' is invalid.\n"],
  ])('%j fails with one line', async (argv, err) => {
    expect(await ipmits(argv)).toEqual({ stdout: '', stderr: err, code: 2 });
  });

  it('usage for no option, help, an unknown option or a missing value (exit 2; 0 for help asked for, docs/exit-codes.md)', async () => {
    for (const argv of [['set'], ['set', 'help'], ['set', 'bogus', 'x'], ['set', 'hostname']]) {
      const r = await ipmits(argv);
      expect(r.code).toBe(argv[1] === 'help' ? 0 : 2);
      expect(r.stderr).toMatch(/^Usage: set <option> <value>\n\nOptions are:\n {4}hostname <host> {8}Session hostname\n/);
      expect(r.stderr.endsWith('    verbose [level]        Verbose level\n\n')).toBe(true);
    }
  });

  it('a password is never printed; without a value it is asked for without echo', async () => {
    const r = await ipmits(['set', 'password', 's3cret-pw']);
    expect(r).toEqual({ stdout: 'Set session password\n', stderr: '', code: 0 });
    const asked: string[] = [];
    const p = await ipmits(['set', 'password'], async (q) => {
      asked.push(q);
      return 'typed-pw';
    });
    expect(asked).toEqual(['Password: ']);
    expect(p.stdout).toBe('Set session password\n');
    expect(p.stdout + p.stderr).not.toContain('typed-pw');
    const none = await ipmits(['set', 'password']);
    expect(none).toMatchObject({ stdout: '', code: 6 });
  });
});

describe('exec', () => {
  it("runs every line; the exit status is the first failing line's", async () => {
    const f = file(
      'mixed.txt',
      ['# comment', 'echo one', '', 'exec /nonexistent/file', 'bogus', 'set port 99999', `echo "two  words" 'x' # tail`, ''].join('\n'),
    );
    const r = await ipmits(['exec', f]);
    expect(r.stdout).toBe('one \ntwo  words x \n');
    expect(r.stderr).toMatch(/^File \/nonexistent\/file does not exist\nInvalid command: bogus\nCommands:\n/);
    expect(r.stderr.endsWith("Given port '99999' is invalid.\n")).toBe(true);
    // The nested exec failed first (local file problem: 6), not the unknown command (2).
    expect(r.code).toBe(6);
  });

  it('exit 0 when every line succeeds; an empty file does nothing', async () => {
    expect(await ipmits(['exec', file('ok.txt', 'echo a\nset verbose 0\n')])).toEqual({ stdout: 'a \n', stderr: '', code: 0 });
    expect(await ipmits(['exec', file('empty.txt', '')])).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('an unreadable file or a missing name: one line, non-zero', async () => {
    expect(await ipmits(['exec', path.join(dir, 'missing')])).toEqual({ stdout: '', stderr: `File ${path.join(dir, 'missing')} does not exist\n`, code: 6 });
    expect(await ipmits(['exec', dir])).toEqual({ stdout: '', stderr: `Unable to open file ${dir}: Is a directory\n`, code: 6 });
    expect(await ipmits(['exec'])).toEqual({ stdout: '', stderr: 'Usage: exec <filename>\n', code: 2 });
  });

  it('a file that runs itself stops after 16 levels', async () => {
    const f = path.join(dir, 'self.txt');
    writeFileSync(f, `echo level\nexec ${f}\n`);
    const r = await ipmits(['exec', f]);
    expect(r.stdout).toBe('level \n'.repeat(16));
    expect(r.stderr).toBe(`exec: files nested more than 16 deep (${f})\n`);
    expect(r.code).toBe(6);
  });

  it('--json: each line prints its own document; errors as JSON lines', async () => {
    const r = await ipmits(['--json', 'exec', file('json.txt', 'echo a b\nbogus\n')]);
    expect(JSON.parse(r.stdout)).toEqual({ words: ['a', 'b'] });
    expect(JSON.parse(r.stderr.split('\n')[0]!)).toMatchObject({ error: { code: 'invalid-command', exitCode: 2 } });
    expect(r.code).toBe(2);
  });
});
