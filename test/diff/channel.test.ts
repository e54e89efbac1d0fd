/**
 * channel through ipmitool and ipmits on the same simulator: stdout and stderr byte for byte;
 * setaccess read back by the other client. Deliberate differences (docs/compatibility.md):
 * getciphers lists every suite (ipmitool stops at 12), setaccess honours "off" (ipmitool 1.8.19
 * ignores it), bad option values are refused before anything is sent, setkg is an addition.
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { runIpmits, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const SAME: string[][] = [
  ['channel'],
  ['channel', 'help'],
  ['channel', 'bogus'],
  ['channel', 'info'],
  ['channel', 'info', '1'],
  ['channel', 'info', '0'],
  ['channel', 'info', '15'],
  ['channel', 'info', '2'],
  ['channel', 'info', '1', '2'],
  ['channel', 'info', '0x10'],
  ['channel', 'authcap', '1', '4'],
  ['channel', 'authcap', '1'],
  ['channel', 'authcap', '1', '9'],
  ['channel', 'getaccess'],
  ['channel', 'getaccess', '1'],
  ['channel', 'getaccess', '1', '2'],
  ['channel', 'getaccess', '1', '64'],
  ['channel', 'getaccess', '2', '1'],
  ['channel', 'getciphers'],
  ['channel', 'getciphers', 'foo'],
  ['channel', 'getciphers', 'ipmi', '2'],
  ['channel', 'getciphers', 'ipmi', '0x10'],
  ['channel', 'setaccess'],
  ['channel', 'setaccess', '1'],
  ['channel', 'setaccess', 'help'],
  ['channel', 'setaccess', '1', '9', 'bogus=1'],
  ['channel', 'setaccess', '1', '9', 'privilege=x'],
  ['channel', 'setaccess', '1', '70', 'privilege=2'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  const c = (): string[] => conn(simulator(), iface);

  it.each(SAME)('%s %s %s %s %s', async (...args) => {
    expectSame(await both([...c(), ...args]));
  });

  it.each([[['channel', 'getciphers', 'ipmi']], [['channel', 'getciphers', 'sol', '1']], [['-c', 'channel', 'getciphers', 'ipmi']]])(
    'getciphers lists every suite; ipmitool stops after 12: %s',
    async (args) => {
      const p = await both([...c(), ...args]);
      const theirs = p.theirs.stdout.split('\n');
      const ours = p.ours.stdout.split('\n');
      expect(p.ours.stderr).toBe(p.theirs.stderr);
      // ipmi_sim has suites 0-14: ipmitool shows 12 of them.
      const header = args[0] === '-c' ? 0 : 1;
      expect(theirs.length - 1 - header).toBe(12);
      expect(ours.length - 1 - header).toBe(15);
      expect(ours.slice(0, theirs.length - 1)).toEqual(theirs.slice(0, -1));
      expect(ours.at(-2)).toMatch(/^14[ ,]+N\/A[ ,]+hmac_md5[ ,]+md5_128[ ,]+xrc4_40/);
    },
  );
});

describe('setaccess, read back by the other client', () => {
  const c = (): string[] => conn(simulator(), 'lanplus');

  it('ipmits sets callin/ipmi/link/privilege (off honoured); ipmitool getaccess shows it', async () => {
    await runIpmits([...c(), 'user', 'set', 'name', '12', 'chan12']);
    const set = await runIpmits([...c(), 'channel', 'setaccess', '1', '12', 'callin=off', 'ipmi=off', 'link=on', 'privilege=2']);
    expect(set.stdout).toBe('Set User Access (channel 1 id 12) successful.\n');
    const p = await both([...c(), 'channel', 'getaccess', '1', '12']);
    expectSame(p);
    expect(p.theirs.stdout).toContain(
      'Access Available     : callback\nLink Authentication  : enabled\nIPMI Messaging       : disabled\nPrivilege Level      : USER\n',
    );
  });

  it('ipmitool sets; ipmits getaccess shows it (same bytes)', async () => {
    const set = await both([...c(), 'channel', 'setaccess', '1', '12', 'callin=on', 'ipmi=on', 'link=on', 'privilege=OPERATOR']);
    expectSame(set);
    const p = await both([...c(), 'channel', 'getaccess', '1', '12']);
    expectSame(p);
    expect(p.ours.stdout).toContain(
      'Access Available     : call-in / callback\nLink Authentication  : enabled\nIPMI Messaging       : enabled\nPrivilege Level      : OPERATOR\n',
    );
  });

  it('ipmitool 1.8.19 ignores "off" (link stays enabled); ipmits turns it off', async () => {
    await runIpmitool([...c(), 'channel', 'setaccess', '1', '12', 'link=off']);
    expect((await runIpmitool([...c(), 'channel', 'getaccess', '1', '12'])).stdout).toContain('Link Authentication  : enabled\n');
    await runIpmits([...c(), 'channel', 'setaccess', '1', '12', 'link=off']);
    expect((await runIpmitool([...c(), 'channel', 'getaccess', '1', '12'])).stdout).toContain('Link Authentication  : disabled\n');
  });

  it('a value ipmitool would send anyway is refused first (privilege=7, link=maybe)', async () => {
    const p = await both([...c(), 'channel', 'setaccess', '1', '12', 'privilege=7']);
    expect(p.theirs.stderr).toBe('IPMI command failed: Invalid data field in request\nUnable to Set User Access (channel 1 id 12)\n');
    expect(p.ours.stderr).toBe("Given Privilege Limit '7' is invalid.\nPrivilege Limit is limited to <0x1..0x5> and <0xF>.\n");
    const q = await runIpmits([...c(), 'channel', 'setaccess', '1', '12', 'link=maybe']);
    expect([q.code, q.stderr]).toEqual([2, "Invalid value for link: 'maybe' (expected on or off)\n"]);
  });
});

describe('setkg (ipmits only; ipmi_sim has no Set Channel Security Keys)', () => {
  const c = (): string[] => conn(simulator(), 'lanplus');

  it('ipmitool 1.8.19 does not know it', async () => {
    const r = await runIpmitool([...c(), 'channel', 'setkg', 'hex', '00']);
    expect(r.stderr.split('\n')[0]).toBe('Invalid CHANNEL command: setkg');
  });

  it('the BMC refusal is reported; the key appears nowhere, even at -vvv', async () => {
    const r = await runIpmits([...c(), '-vvv', 'channel', 'setkg', 'plain', 'kg-Secret-77', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Set Channel Security Keys failed: Invalid command\n');
    expect(r.stdout + r.stderr).not.toContain('kg-Secret-77');
    expect(r.stdout + r.stderr).not.toContain(Buffer.from('kg-Secret-77').toString('hex'));
  });

  it('a bad key fails before anything is sent, without quoting it', async () => {
    const unreachable = ['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1'];
    const r = await runIpmits([...unreachable, 'channel', 'setkg', 'plain', 'this-key-is-much-too-long-kg']);
    expect([r.code, r.stderr]).toEqual([2, 'Kg is too long (> 20 bytes)\n']);
  });
});

it('--json channel info, getaccess and getciphers', async () => {
  const c = conn(simulator(), 'lanplus');
  expect(JSON.parse((await runIpmits([...c, '--json', 'channel', 'info', '1'])).stdout)).toMatchObject({
    channel: 1,
    medium: '802.3 LAN',
    sessionSupport: 'multi-session',
    volatile: { accessMode: 'always available' },
  });
  expect(JSON.parse((await runIpmits([...c, '--json', 'channel', 'getaccess', '1', '2'])).stdout).users[0]).toEqual({
    id: 2,
    name: 'admin',
    fixedName: false,
    callin: true,
    linkAuth: false,
    ipmiMessaging: true,
    privilegeLimit: 'ADMINISTRATOR',
    enableStatus: 'unknown',
  });
  const ciphers = JSON.parse((await runIpmits([...c, '--json', 'channel', 'getciphers', 'ipmi'])).stdout);
  expect(ciphers.suites[3]).toEqual({ id: 3, iana: null, auth: 'hmac_sha1', integrity: 'hmac_sha1_96', confidentiality: 'aes_cbc_128' });
});
