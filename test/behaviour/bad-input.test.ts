/**
 * Bad input to the finished families, driven through the compiled CLI: one clear line on stderr
 * (ipmitool's where it has one) and a non-zero exit; in --json mode one error document.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conn } from '../support/diff.js';
import { runIpmits, utf8 } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (s: string): string[] => s.split('\n').filter(Boolean);
const errorDoc = (stderr: string): { message: string; code: string; exitCode: number } => {
  expect(lines(stderr)).toHaveLength(1);
  return (JSON.parse(stderr) as { error: { message: string; code: string; exitCode: number } }).error;
};

describe('sel', () => {
  it('--json sel get of an invalid ID: the error document carries the message, nothing else on stderr', async () => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), '--json', 'sel', 'get', 'zz']);
    expect(r.code).toBe(1);
    expect(errorDoc(r.stderr)).toEqual({ code: 'sel-get-failed', layer: 'command', message: "Given SEL ID 'zz' is invalid.", exitCode: 1 });
  });

  it('--json sel delete of a missing entry: the error document carries the message', async () => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), '--json', 'sel', 'delete', '0x9999']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ deleted: [], failed: [{ arg: '0x9999', id: 0x9999 }] });
    expect(errorDoc(r.stderr)).toEqual({
      code: 'delete-failed',
      layer: 'command',
      message: 'Unable to delete entry 39321: Requested sensor, data, or record not found',
      exitCode: 1,
    });
  });

  it('sel add of a file of garbage: the Invalid Event line, exit 1', async () => {
    const file = path.join(dir, 'garbage.txt');
    writeFileSync(file, 'garbage\n');
    const r = await runIpmits([...conn(simulator(), 'lanplus'), 'sel', 'add', file]);
    expect(r.stderr).toBe('Invalid Event: 0000000000000000\n');
    expect(r.code).toBe(1);
  });
});

describe('event file', () => {
  it("--json: the last complaint about the file is the error document's message, the others its notes", async () => {
    const file = path.join(dir, 'events.txt');
    writeFileSync(file, 'garbage\n');
    const r = await runIpmits([...conn(simulator(), 'lanplus'), '--json', 'event', 'file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      '{"error":{"code":"bad-file","layer":"command","message":"Invalid Event: 00000000000000","notes":["Invalid token in file: [garbage]"],"exitCode":1}}\n',
    );
  });
});

describe('sensor check', () => {
  it('--table: the verdict, the counts and one row per problem (no JSON in a cell)', async () => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), '--table', 'sensor', 'check']);
    expect(r.code).toBe(2);
    const out = utf8(r.stdout);
    expect(out).toContain('│ critical │ FAN4       │ 480 RPM (Lower Critical)');
    expect(out).not.toContain('{');
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(80);
  });
});

describe('--json usage errors', () => {
  it('a usage error that is only usage text (sensor reading): one document, its first line the message, the text in usage', async () => {
    const r = await runIpmits(['-H', '127.0.0.1', '-P', 'x', '--json', 'sensor', 'reading']);
    expect(r.code).toBe(2);
    expect(errorDoc(r.stderr)).toEqual({
      code: 'usage',
      layer: 'usage',
      message: 'sensor reading <id> ... [id]',
      usage: 'sensor reading <id> ... [id]\n   id        : name of desired sensor\n',
      exitCode: 2,
    });
  });

  it.each([
    [['-p', '70000', 'power', 'status'], 'Port number 70000 is out of range.'],
    [['-Q', 'power', 'status'], "ipmits: invalid option -- 'Q'"],
    [['-I', 'nope', 'power', 'status'], 'Error loading interface nope'],
    [['power', 'status', '--format', 'json', '-N', 'soon'], "Invalid parameter given or out of range for '-N'."],
  ])('a bad global option %j: one document too (was text)', async (args, message) => {
    const r = await runIpmits(['-H', '127.0.0.1', '-P', 'x', '--json', ...args]);
    expect(r.code).toBe(2);
    expect(errorDoc(r.stderr)).toMatchObject({ layer: 'usage', message, exitCode: 2 });
  });

  it.each([['power'], ['chassis'], ['event']])('help printed for a missing argument (%s): one document with the help as usage, exit 2', async (family) => {
    const r = await runIpmits(['-H', '127.0.0.1', '-P', 'x', '--json', family]);
    expect(r.code).toBe(2);
    const doc = errorDoc(r.stderr) as { message: string; code: string; usage?: string };
    expect(doc.code).toBe('help');
    expect(doc.message).not.toBe('');
    expect(doc.usage).toContain(doc.message);
  });

  it.each([['help'], ['sdr', 'help'], ['chassis', 'help'], ['set', 'help'], ['dcmi', 'help']])(
    'help asked for (%j) is text on stderr, exit 0, --json or not',
    async (...args) => {
      for (const json of [[], ['--json']]) {
        const r = await runIpmits(['-H', '127.0.0.1', '-P', 'x', ...json, ...args]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe('');
        expect(r.stderr).not.toBe('');
        expect(r.stderr.startsWith('{')).toBe(false);
      }
    },
  );

  it.each([
    [['bogus'], 'invalid-command', 'Invalid command: bogus'],
    [['sdr', 'list', 'bogus'], 'usage', 'Invalid SDR list command: bogus'],
    [['mc', 'reset', 'bogus'], 'usage', 'Invalid mc/bmc reset command: bogus'],
  ])('%j: the error document only, no usage text after it', async (args, code, message) => {
    const r = await runIpmits(['-H', '127.0.0.1', '-P', 'x', '--json', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errorDoc(r.stderr)).toMatchObject({ code, layer: 'usage', message, exitCode: 2 });
  });
});

describe('-f password file', () => {
  it("a directory: the C library's reason, exit 6, before anything is sent", async () => {
    const r = await runIpmits(['-H', '127.0.0.1', '-U', 'admin', '-f', dir, 'mc', 'info']);
    expect(r.stderr).toBe(`Unable to read password from file ${dir}: Is a directory\n`);
    expect(r.code).toBe(6);
  });

  it("an empty file: ipmitool's line, exit 6 (not an empty password); a lone newline is an empty password", async () => {
    const empty = path.join(dir, 'empty-pw');
    writeFileSync(empty, '');
    const r = await runIpmits(['-H', '127.0.0.1', '-U', 'admin', '-f', empty, 'mc', 'info']);
    expect(r).toMatchObject({ code: 6, stdout: '', stderr: `Unable to read password from file ${empty}\n` });
    const newline = path.join(dir, 'newline-pw');
    writeFileSync(newline, '\n');
    const sim = simulator();
    const s = await runIpmits(['-I', 'lanplus', '-C', '3', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-f', newline, 'mc', 'info']);
    expect(s.code).toBe(4); // admin's password is not empty: the session is refused
  });
});

describe('an endless input file (/dev/zero): one line, exit 6, no memory exhaustion', () => {
  it.each([
    [['exec', '/dev/zero'], 'Unable to open file /dev/zero: File too large'],
    [['sel', 'add', '/dev/zero'], 'Unable to open file /dev/zero: File too large'],
    [['event', 'file', '/dev/zero'], 'Unable to open file /dev/zero: File too large'],
    [['-f', '/dev/zero', 'mc', 'info'], 'Unable to read password from file /dev/zero: File too large'],
    [['fru', 'write', '0', '/dev/zero'], 'Error opening file /dev/zero\n'],
  ])('%j', async (args, line) => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), ...args], { timeoutMs: 20_000 });
    expect(r).toMatchObject({ code: 6, stdout: '', stderr: `${line}\n` });
  });
});
