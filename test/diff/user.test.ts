/**
 * user through ipmitool and ipmits on the same simulator, over lanplus and lan: stdout and
 * stderr byte for byte; every change made by one client is read back by the other.
 * Bad values fail before a session is opened. ipmi_sim quirk: Set User Password "test"
 * answers success for any password (see test/sim/README.md), so only the encoding is
 * compared there.
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { ipmitsCommand, run, runIpmits, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const READS: string[][] = [
  ['user', 'summary'],
  ['user', 'summary', '1'],
  ['user', 'list'],
  ['user', 'list', '1'],
  ['user', 'list', '0x1'],
  ['-c', 'user', 'list', '1'],
  ['-c', 'user', 'summary', '1'],
  ['user', 'test', '2', '16', 'adminpass'],
  ['user', 'test', '2', '20', 'adminpass'],
];

const USAGE: string[][] = [
  ['user'],
  ['user', 'help'],
  ['user', 'bogus'],
  ['user', 'list', '1', '2'],
  ['user', 'list', '99'],
  ['user', 'summary', '0x10'],
  ['user', 'set'],
  ['user', 'set', 'foo'],
  ['user', 'set', 'password'],
  ['user', 'set', 'name', '9'],
  ['user', 'set', 'name', '9', 'abcdefghijklmnopq'],
  ['user', 'set', 'password', '9', '123456789012345678901'],
  ['user', 'set', 'password', '9', '12345678901234567', '16'],
  ['user', 'set', 'password', '9', 'x', '17'],
  ['user', 'priv'],
  ['user', 'priv', '9', '7', '1'],
  ['user', 'priv', '9', '4', '13'],
  ['user', 'priv', '9', 'ADMINISTRATOR'],
  ['user', 'disable'],
  ['user', 'enable', '0'],
  ['user', 'enable', '64'],
  ['user', 'test', '2', '17', 'x'],
  ['user', 'test', '2'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  const c = (): string[] => conn(simulator(), iface);

  it.each(READS)('%s %s %s %s %s', async (...args) => {
    expectSame(await both([...c(), ...args]));
  });

  it.each(USAGE)('usage and bad values: %s %s %s %s %s %s', async (...args) => {
    expectSame(await both([...c(), ...args]));
  });

  it('set name / password / disable / enable / priv through ipmits, read back by ipmitool (and the other way round)', async () => {
    const id = iface === 'lanplus' ? '9' : '10';
    const ours = async (...a: string[]) => runIpmits([...c(), ...a]);
    const theirs = async (...a: string[]) => runIpmitool([...c(), ...a]);
    const listBoth = async () => {
      const p = await both([...c(), 'user', 'list', '1']);
      expectSame(p);
      return p.ours.stdout;
    };
    // ipmits writes, ipmitool reads
    expect((await ours('user', 'set', 'name', id, `ours${id}`)).code).toBe(0);
    expect((await ours('user', 'set', 'password', id, 'secret-one', '20')).stdout).toBe(`Set User Password command successful (user ${id})\n`);
    expect((await ours('user', 'enable', id)).code).toBe(0);
    expect((await ours('user', 'priv', id, '3', '1')).stdout).toBe(`Set Privilege Level command successful (user ${id})\n`);
    let list = await listBoth();
    expect(list).toMatch(new RegExp(`^${id} +ours${id} +true +false +true +OPERATOR\\n`, 'm'));
    // The new password logs in (lanplus uses 20-byte passwords).
    if (iface === 'lanplus') {
      const login = await runIpmitool([
        '-I',
        'lanplus',
        '-C',
        '3',
        '-H',
        simulator().host,
        '-p',
        String(simulator().port),
        '-U',
        `ours${id}`,
        '-P',
        'secret-one',
        'chassis',
        'power',
        'status',
      ]);
      expect(login.stdout).toBe('Chassis Power is on\n');
    }
    // ipmitool writes, ipmits reads
    expect((await theirs('user', 'set', 'name', id, `theirs${id}`)).code).toBe(0);
    expect((await theirs('user', 'priv', id, '2', '1')).code).toBe(0);
    expect((await theirs('user', 'disable', id)).code).toBe(0);
    list = await listBoth();
    expect(list).toMatch(new RegExp(`^${id} +theirs${id} +true +false +(true|false) +USER\\n`, 'm'));
    expectSame(await both([...c(), 'user', 'summary', '1']));
  });

  it('--json user summary and user list', async () => {
    const s = JSON.parse((await runIpmits([...c(), '--json', 'user', 'summary', '1'])).stdout);
    expect(s).toMatchObject({ channel: 1, maxUserIds: 63 });
    const l = JSON.parse((await runIpmits([...c(), '--json', 'user', 'list', '1'])).stdout);
    expect(l.users[1]).toEqual({
      id: 2,
      name: 'admin',
      callin: true,
      linkAuth: false,
      ipmiMessaging: true,
      privilegeLimit: 'ADMINISTRATOR',
      privilegeLimitCode: 4,
    });
  });
});

describe('bad values fail before anything is sent', () => {
  const unreachable = ['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1'];
  it.each([
    ['user', 'set', 'password', '3', '123456789012345678901'],
    ['user', 'priv', '3', 'bogus'],
    ['user', 'list', '0x10'],
    ['user', 'enable', '99'],
    ['user', 'set', 'name', '3', 'seventeen-chars!!'],
  ])('%s %s %s %s %s', async (...args) => {
    const r = await runIpmits([...unreachable, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Unable to establish|timeout/i);
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('the refused password is never repeated in the error', async () => {
    const r = await runIpmits([...unreachable, 'user', 'set', 'password', '3', 'TopSecret-123456789012']);
    expect(r.stderr).toBe('Password is too long (> 20 bytes)\n');
  });
});

describe('user set password without a password prompts twice, never echoing', () => {
  /** ipmits on a pty (util-linux `script`), the answers typed after the prompts appear. */
  function onTerminal(args: string[], answers: string[]) {
    const cmdline = [...ipmitsCommand(), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const typed = answers.map((a, i) => `sleep ${0.8 + i * 0.5}; printf '%s\\r' '${a}';`).join(' ');
    return run(['sh', '-c', `(${typed} sleep 1) | script -qec "${cmdline.replace(/"/g, '\\"')}" /dev/null`]);
  }

  it('matching answers set the password; it logs in afterwards', async () => {
    const s = simulator();
    const r = await onTerminal([...conn(s, 'lanplus'), 'user', 'set', 'password', '11'], ['prompted-pw', 'prompted-pw']);
    expect(r.stdout).toBe('Password for user 11: \r\nPassword for user 11: \r\nSet User Password command successful (user 11)\r\n');
    await runIpmits([...conn(s, 'lanplus'), 'user', 'set', 'name', '11', 'prompted']);
    await runIpmits([...conn(s, 'lanplus'), 'user', 'enable', '11']);
    await runIpmits([...conn(s, 'lanplus'), 'user', 'priv', '11', '2', '1']);
    const login = await runIpmitool([
      '-I',
      'lanplus',
      '-C',
      '3',
      '-H',
      s.host,
      '-p',
      String(s.port),
      '-U',
      'prompted',
      '-P',
      'prompted-pw',
      '-L',
      'USER',
      'chassis',
      'power',
      'status',
    ]);
    expect(login.stdout).toBe('Chassis Power is on\n');
  });

  it('without a terminal: one line and a non-zero exit instead of waiting', async () => {
    const r = await run(['setsid', '-w', ...ipmitsCommand(), ...conn(simulator(), 'lanplus'), 'user', 'set', 'password', '11']);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe('Cannot prompt for the password: no terminal (give it on the command line)\n');
  });

  it('different answers: one line, non-zero exit, nothing sent', async () => {
    const r = await onTerminal([...conn(simulator(), 'lanplus'), 'user', 'set', 'password', '11'], ['first-one', 'second-one']);
    expect(r.stdout).not.toContain('first-one');
    expect(r.stdout).not.toContain('second-one');
    expect(r.stdout).toContain('Passwords do not match or are longer than 20\r\n');
  });
});
