/**
 * lan print / set / alert / stats through ipmitool and ipmits on the same simulator (ipmi_sim's
 * lan_config_program, test/sim/lan_config.sh, backs the IP, MAC, netmask, source and gateways):
 * stdout and stderr byte for byte, and every set read back by the other client. Bad values get
 * one line and a non-zero exit before anything is sent. Deliberate differences are asserted
 * as such (docs/compatibility.md, "lan").
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { runIpmits, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const READS: string[][] = [
  ['lan', 'print'],
  ['lan', 'print', '1'],
  ['lan', 'alert', 'print'],
  ['lan', 'alert', 'print', '1'],
  ['lan', 'alert', 'print', '1', '1'],
  ['lan', 'stats', 'get'],
  ['lan', 'stats', 'get', '1'],
];

const USAGE: string[][] = [
  ['lan'],
  ['lan', 'help'],
  ['lan', 'bogus'],
  ['lan', 'print', '0'],
  ['lan', 'print', '2'],
  ['lan', 'print', '0x10'],
  ['lan', 'set'],
  ['lan', 'set', '1'],
  ['lan', 'set', '1', 'ipaddr'],
  ['lan', 'set', '1', 'privilege', '9'],
  ['lan', 'set', '1', 'ipaddr', '300.1.1.1'],
  ['lan', 'set', '1', 'netmask', '255.255.0'],
  ['lan', 'set', '1', 'macaddr', '52:54:00:aa:bb'],
  ['lan', 'set', '1', 'defgw', 'ipaddr', '1.2.3'],
  ['lan', 'set', '1', 'defgw', 'bogus', '1.2.3.4'],
  ['lan', 'set', '1', 'ipsrc', 'bogus'],
  ['lan', 'set', '1', 'access', 'maybe'],
  ['lan', 'set', '1', 'auth', 'bogus', 'md5'],
  ['lan', 'set', '2', 'ipaddr', '127.0.0.5'],
  ['lan', 'set', '5', 'ipaddr', '127.0.0.5'],
  ['lan', 'alert'],
  ['lan', 'alert', 'set'],
  ['lan', 'alert', 'set', '1', '1', 'ipaddr', '127.0.0.7'],
  ['lan', 'stats'],
  ['lan', 'stats', 'get', '2'],
];

/** ipmitool prints the error and exits 0; ipmits exits non-zero. */
const FIXED_EXIT: string[][] = [
  ['lan', 'set', '1', 'vlan', 'id', '5000'],
  ['lan', 'set', '1', 'vlan', 'priority', '9'],
  ['lan', 'set', '1', 'cipher_privs', 'XaaaX'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  const c = (): string[] => conn(simulator(), iface);

  it.each(FIXED_EXIT)('ipmitool exits 0 after an error: %s %s %s %s %s %s', async (...args) => {
    expectSame(await both([...c(), ...args]), { exit: 'fixed' });
  });

  it.each(READS)('%s %s %s %s %s', async (...args) => {
    expectSame(await both([...c(), ...args]));
  });

  it.each(USAGE)('usage and bad values: %s %s %s %s %s %s %s', async (...args) => {
    expectSame(await both([...c(), ...args]));
  });
});

/** One client sets, both print: the value shows and both prints agree. */
async function setAndReadBack(setter: 'ipmits' | 'ipmitool', args: string[], expectLine: RegExp): Promise<void> {
  const c = conn(simulator(), 'lanplus');
  const set = setter === 'ipmits' ? await runIpmits([...c, ...args]) : await runIpmitool([...c, ...args]);
  expect(set.code, `${setter} ${args.join(' ')}: ${set.stderr}`).toBe(0);
  const p = await both([...c, 'lan', 'print', '1']);
  expectSame(p);
  expect(p.theirs.stdout).toMatch(expectLine);
}

describe('every set, read back by the other client', () => {
  it.each<[string[], RegExp, RegExp]>([
    [['ipaddr', '127.0.0.5'], /^IP Address +: 127\.0\.0\.5$/m, /^IP Address +: 127\.0\.0\.6$/m],
    [['netmask', '255.255.0.0'], /^Subnet Mask +: 255\.255\.0\.0$/m, /^Subnet Mask +: 255\.0\.0\.0$/m],
    [['macaddr', '52:54:00:aa:bb:cc'], /^MAC Address +: 52:54:00:aa:bb:cc$/m, /^MAC Address +: 52:54:00:12:34:56$/m],
    [['defgw', 'ipaddr', '127.0.0.9'], /^Default Gateway IP +: 127\.0\.0\.9$/m, /^Default Gateway IP +: 127\.0\.0\.254$/m],
    [['defgw', 'macaddr', '52:54:00:aa:bb:cd'], /^Default Gateway MAC +: 52:54:00:aa:bb:cd$/m, /^Default Gateway MAC +: 52:54:00:00:00:fe$/m],
    [['bakgw', 'ipaddr', '127.0.0.10'], /^Backup Gateway IP +: 127\.0\.0\.10$/m, /^Backup Gateway IP +: 0\.0\.0\.0$/m],
    [['bakgw', 'macaddr', '52:54:00:aa:bb:ce'], /^Backup Gateway MAC +: 52:54:00:aa:bb:ce$/m, /^Backup Gateway MAC +: 00:00:00:00:00:00$/m],
    [['ipsrc', 'dhcp'], /^IP Address Source +: DHCP Address$/m, /^IP Address Source +: Static Address$/m],
    [['vlan', 'id', '12'], /^802\.1q VLAN ID +: 12$/m, /^802\.1q VLAN ID +: Disabled$/m],
    [['vlan', 'priority', '5'], /^802\.1q VLAN Priority +: 5$/m, /^802\.1q VLAN Priority +: 0$/m],
    [['cipher_privs', 'XaaaXXaaaXXaaXX'], /^Cipher Suite Priv Max +: XaaaXXaaaXXaaXX$/m, /^Cipher Suite Priv Max +: XuuuXXuuuXXuuXX$/m],
  ])('lan set 1 %s', async (param, ours, theirs) => {
    // The second value of each row is restored through ipmitool (the defaults of lan_config.sh
    // and ipmi_sim, apart from the VLAN and the cipher privileges, which get new values).
    await setAndReadBack('ipmits', ['lan', 'set', '1', ...param], ours);
    const back: Record<string, string[]> = {
      ipaddr: ['ipaddr', '127.0.0.6'],
      netmask: ['netmask', '255.0.0.0'],
      macaddr: ['macaddr', '52:54:00:12:34:56'],
      defgw: [param[0]!, param[1]!, param[1] === 'ipaddr' ? '127.0.0.254' : '52:54:00:00:00:fe'],
      bakgw: [param[0]!, param[1]!, param[1] === 'ipaddr' ? '0.0.0.0' : '00:00:00:00:00:00'],
      ipsrc: ['ipsrc', 'static'],
      vlan: param[1] === 'id' ? ['vlan', 'id', 'off'] : ['vlan', 'priority', '0'],
      cipher_privs: ['cipher_privs', 'XuuuXXuuuXXuuXX'],
    };
    await setAndReadBack('ipmitool', ['lan', 'set', '1', ...back[param[0]!]!], theirs);
  });

  it("messages of the sets are ipmitool's (ipaddr, access, alert, user, password)", async () => {
    for (const args of [
      ['lan', 'set', '1', 'ipaddr', '127.0.0.1'],
      ['lan', 'set', '1', 'access', 'on'],
      ['lan', 'set', '1', 'alert', 'on'],
      ['lan', 'set', '1', 'alert', 'off'],
      ['lan', 'set', '1', 'user'],
      ['lan', 'set', '1', 'password', 'nullpass'],
      ['lan', 'set', '1', 'ipsrc', 'static'],
    ]) {
      expectSame(await both([...conn(simulator(), 'lanplus'), ...args]));
    }
  });

  it('access off: both refused by ipmi_sim with the same two lines', async () => {
    expectSame(await both([...conn(simulator(), 'lanplus'), 'lan', 'set', '1', 'access', 'off']));
  });
});

describe('deliberate differences (docs/compatibility.md)', () => {
  const c = (): string[] => conn(simulator(), 'lanplus');

  it('a password longer than 16 bytes is refused before anything is sent (ipmitool truncates it)', async () => {
    const p = await both([...c(), 'lan', 'set', '1', 'password', '123456789012345678901']);
    expect(p.theirs.stdout).toBe('Password set for user 1\n');
    expect(p.ours.stdout).toBe('');
    expect(p.ours.stderr).toBe('Password is too long (> 16 bytes)\n');
    expect(p.ours.code).toBe(2);
    // restore the null user's password ipmitool just truncated
    await runIpmits([...c(), 'lan', 'set', '1', 'password', 'nullpass']);
  });

  it.each([
    [['arp', 'respond', 'on'], "LAN parameter 'BMC ARP Control' is not supported by this BMC\n"],
    [['arp', 'interval', '5'], "LAN parameter 'Gratituous ARP Intrvl' is not supported by this BMC\n"],
    [['auth', 'admin', 'md5'], "Set LAN Parameter 'Auth Type Enable' failed: Parameter is read-only\n"],
    [['bad_pass_thresh', '3', '1', '10', '20'], "Set LAN Parameter 'Bad Password Threshold' failed: Unsupported parameter\n"],
  ])('a value the BMC refuses is named (ipmitool exits 1 silently): lan set 1 %s', async (param, line) => {
    const p = await both([...c(), 'lan', 'set', '1', ...param]);
    expect(p.theirs.stderr).toBe('');
    expect(p.theirs.code).not.toBe(0);
    expect(p.ours.stdout).toBe(p.theirs.stdout);
    expect(p.ours.stderr).toBe(line);
    expect(p.ours.code).not.toBe(0);
  });

  it('lan alert set checks the value before asking the BMC about the destination', async () => {
    const p = await both([...c(), 'lan', 'alert', 'set', '1', '1', 'ipaddr', '300.1.1.1']);
    expect(p.theirs.stderr).toBe('Alert 1 is not a valid destination\n');
    expect(p.ours.stderr.split('\n')[0]).toBe('Invalid IP address: 300.1.1.1');
    expect([p.theirs.code === 0, p.ours.code]).toEqual([false, 2]);
  });

  it('lan stats clear on a BMC without it says why (ipmitool prints that only at -v)', async () => {
    const p = await both([...c(), 'lan', 'stats', 'clear', '1']);
    expect(p.theirs.stderr).toBe('');
    expect(p.ours.stderr).toBe('Get LAN Stats command failed: Invalid command\n');
    expect([p.theirs.code === 0, p.ours.code === 0]).toEqual([false, false]);
  });
});

describe('bad values fail before anything is sent', () => {
  const unreachable = ['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1'];
  it.each([
    [['lan', 'set', '1', 'ipaddr', '300.1.1.1'], 'Invalid IP address: 300.1.1.1'],
    [['lan', 'set', '1', 'macaddr', '52:54:00:aa:bb'], 'Invalid MAC address: 52:54:00:aa:bb'],
    [['lan', 'set', '1', 'password', '123456789012345678901'], 'Password is too long (> 16 bytes)'],
    [['lan', 'set', '1', 'auth', 'superuser', 'md5'], 'Invalid authentication level: superuser'],
    [['lan', 'print', '0x10'], 'Invalid channel: 16'],
    [['lan', 'alert', 'set', '1', '1', 'ipaddr', '300.1.1.1'], 'Invalid IP address: 300.1.1.1'],
  ])('%s', async (args, first) => {
    const r = await runIpmits([...unreachable, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(first);
  });
});

it('--json lan print 1 and lan stats get 1', async () => {
  const c = conn(simulator(), 'lanplus');
  const p = JSON.parse((await runIpmits([...c, '--json', 'lan', 'print', '1'])).stdout);
  expect(p).toMatchObject({ channel: 1 });
  expect(JSON.stringify(p)).toContain('127.0.0.1');
  // ipmi_sim has no Get IP/UDP/RMCP Statistics: the error document is on stderr.
  const r = await runIpmits([...c, '--json', 'lan', 'stats', 'get', '1']);
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'completion-code', message: 'Get LAN Stats command failed: Invalid command' } });
});
