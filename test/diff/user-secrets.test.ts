/**
 * Secrets: user and LAN passwords, the login password and Kg keys never appear in output, in -v
 * traces (up to -vvvv), in --json documents or in error messages: neither as text nor as the hex
 * of their bytes. Runs on the simulator (the commands succeed or fail there) and against a closed
 * port (the refusals before anything is sent).
 */
import { describe, expect, it } from 'vitest';
import { conn } from '../support/diff.js';
import { runIpmits, type RunResult } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const SECRET = 'Zq9-secret-7x';
const hexOf = (s: string): string => Buffer.from(s).toString('hex');

function expectNoSecret(r: RunResult, secret: string): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all).not.toContain(secret);
  expect(all.toLowerCase()).not.toContain(hexOf(secret));
  // Spaced hex as a trace would print it.
  expect(all.toLowerCase()).not.toContain(hexOf(secret).replace(/(..)(?=.)/g, '$1 '));
}

describe.each(['', '-vvvv', '--json'])('with %s', (flag) => {
  const args = (...a: string[]): string[] => [...conn(simulator(), 'lanplus'), ...(flag ? [flag] : []), ...a];

  it.each([
    [['user', 'set', 'password', '14', SECRET]],
    [['user', 'set', 'password', '14', SECRET, '20']],
    [['user', 'test', '14', '16', SECRET]],
    [['user', 'test', '14', '20', SECRET]],
    [['lan', 'set', '1', 'password', SECRET]],
    [['channel', 'setkg', 'plain', SECRET, '1']],
    [['channel', 'setkg', 'hex', hexOf(SECRET), '1']],
  ])('%s', async (a) => {
    const r = await runIpmits(args(...a));
    expectNoSecret(r, SECRET);
  });

  it('a wrong login password is not echoed', async () => {
    const s = simulator();
    const r = await runIpmits([
      '-I',
      'lanplus',
      '-C',
      '3',
      '-H',
      s.host,
      '-p',
      String(s.port),
      '-U',
      'admin',
      '-P',
      SECRET,
      ...(flag ? [flag] : []),
      'user',
      'list',
      '1',
    ]);
    expect(r.code).not.toBe(0);
    expectNoSecret(r, SECRET);
  });
});

describe('refusals before anything is sent do not quote the secret', () => {
  const unreachable = ['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1', '-vvvv'];
  const long = `${SECRET}-much-too-long`;
  it.each([
    [['user', 'set', 'password', '3', long]],
    [['user', 'set', 'password', '3', SECRET, '17']],
    [['user', 'set', 'password', '3', `${SECRET}-5678`, '16']],
    [['user', 'test', '3', '16', long]],
    [['lan', 'set', '1', 'password', long]],
    [['channel', 'setkg', 'plain', long]],
    [['channel', 'setkg', 'hex', `${hexOf(SECRET)}zz`]],
  ])('%s', async (a) => {
    const r = await runIpmits([...unreachable, ...a]);
    expect(r.code).toBe(2);
    expectNoSecret(r, SECRET);
  });
});
