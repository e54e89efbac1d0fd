/**
 * Session set-up failures through ipmitool and ipmits: the same stderr lines
 * (ipmits adds the cause under -v), non-zero exits with ipmits' distinct codes.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../sim/sim.js';
import { both, conn, expectSame } from '../support/diff.js';
import { runIpmits } from '../support/run.js';

let sim: Sim;
let kgSim: Sim;
beforeAll(async () => {
  [sim, kgSim] = await Promise.all([startSim(), startSim({ kg: 'kgkey-for-tests' })]);
});
afterAll(async () => {
  await Promise.all([sim?.stop(), kgSim?.stop()]);
});

const FAST = ['-N', '1', '-R', '1'];
const lanplus = (s: Sim, user: string, password: string, extra: string[] = []): string[] => [
  '-I',
  'lanplus',
  '-H',
  s.host,
  '-p',
  String(s.port),
  '-U',
  user,
  '-P',
  password,
  '-C',
  '3',
  ...extra,
];
const lan = (s: Sim, user: string, password: string, extra: string[] = []): string[] => [
  '-I',
  'lan',
  '-H',
  s.host,
  '-p',
  String(s.port),
  '-U',
  user,
  '-P',
  password,
  ...extra,
];

/** A loopback port with nothing behind it. */
async function deadPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('authentication failures', () => {
  it('lanplus, wrong password: same lines, exit 4', async () => {
    const p = await both([...lanplus(sim, 'admin', 'wrong-password'), 'power', 'status']);
    expectSame(p);
    expect(p.ours.stderr).toBe('Error: Unable to establish IPMI v2 / RMCP+ session\n');
    expect(p.ours.code).toBe(4);
  });

  it('lanplus, wrong password, -v says why', async () => {
    const r = await runIpmits([...lanplus(sim, 'admin', 'wrong-password', ['-v']), 'power', 'status']);
    expect(r.stderr).toContain('RAKP 2 HMAC is invalid');
    expect(r.code).toBe(4);
  });

  it('lanplus, unknown user', async () => {
    const p = await both([...lanplus(sim, 'nobody', 'x'), 'power', 'status']);
    expectSame(p);
    expect(p.ours.code).toBe(4);
  });

  it('lanplus, disabled user', async () => {
    expectSame(await both([...lanplus(sim, 'disabled', 'disabledpass'), 'power', 'status']));
  });

  it('lan, wrong password (MD5): the BMC stays silent', async () => {
    const p = await both([...lan(sim, 'admin', 'wrong', FAST), 'power', 'status']);
    expectSame(p);
    expect(p.ours.stderr).toBe(
      'Activate Session command failed\nError: Unable to establish LAN session\nError: Unable to establish IPMI v1.5 / RMCP session\n',
    );
    expect(p.ours.code).toBe(4);
  });

  it('lan, unknown user', async () => {
    const p = await both([...lan(sim, 'nobody', 'x', FAST), 'power', 'status']);
    expectSame(p);
    expect(p.ours.stderr.split('\n')[0]).toBe('Invalid user name');
    expect(p.ours.code).toBe(4);
  });

  it('Kg: right key works, wrong or missing key fails like a wrong password', async () => {
    const kg = kgSim.kg!;
    const u = kgSim.users.find((x) => x.name === 'admin')!;
    expectSame(await both([...lanplus(kgSim, 'admin', u.password, ['-k', kg]), 'power', 'status']));
    expectSame(await both([...lanplus(kgSim, 'admin', u.password, ['-y', Buffer.from(kg).toString('hex')]), 'power', 'status']));
    for (const extra of [['-k', 'not-the-key'], []]) {
      const p = await both([...lanplus(kgSim, 'admin', u.password, extra), 'power', 'status']);
      expectSame(p);
      expect(p.ours.code).toBe(4);
    }
  });
});

describe('unreachable BMC', () => {
  it.each(['lanplus', 'lan'])('%s, nothing listening: ipmitool waits out its retries, ipmits sees ICMP and stops at once', async (iface) => {
    const port = await deadPort();
    const args = ['-I', iface, '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-P', 'x', ...FAST, 'power', 'status'];
    const p = await both(args);
    expectSame(p);
    expect(p.ours.code).toBe(3);
  });

  it.each(['lanplus', 'lan'])("%s, an unknown host name: ipmitool's lines (the lookup, the socket, the session)", async (iface) => {
    const p = await both(['-I', iface, '-H', 'no-such-host.invalid', '-U', 'a', '-P', 'b', 'power', 'status']);
    expectSame(p);
    expect(p.ours.code).toBe(3);
  });

  it('--timeout bounds the whole command', async () => {
    const port = await deadPort();
    // A connected UDP socket to a closed port gets ICMP errors; a blackhole needs an address nobody answers on loopback:
    // use a port bound by a socket that never replies.
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(port, '127.0.0.1', r));
    try {
      const r = await runIpmits(['-I', 'lanplus', '-H', '127.0.0.1', '-p', String(port), '-U', 'a', '-P', 'b', '--timeout', '1.5', 'power', 'status']);
      expect(r.code).toBe(3);
      expect(r.ms).toBeLessThan(5000);
      expect(r.stderr).toBe('Error: Unable to establish IPMI v2 / RMCP+ session\n');
      const v = await runIpmits(['-v', '-I', 'lanplus', '-H', '127.0.0.1', '-p', String(port), '-U', 'a', '-P', 'b', '--timeout', '1', 'power', 'status']);
      expect(v.stderr).toContain('deadline (--timeout)');
    } finally {
      silent.close();
    }
  });
});

describe('privilege levels', () => {
  it.each([
    ['admin', 'ADMINISTRATOR'],
    ['operator', 'OPERATOR'],
    ['user', 'USER'],
  ])('%s at -L %s: status, off, on', async (user, level) => {
    for (const iface of ['lanplus', 'lan'] as const) {
      for (const cmd of [
        ['power', 'status'],
        ['power', 'off'],
        ['power', 'on'],
        ['chassis', 'status'],
      ]) {
        expectSame(await both([...conn(sim, iface, user, ['-L', level]), ...cmd]));
      }
    }
  });

  it('a USER account with the default -L ADMINISTRATOR over lan is refused at activation', async () => {
    const p = await both([...conn(sim, 'lan', 'user'), 'power', 'status']);
    expectSame(p);
    expect(p.ours.stderr.split('\n')[0]).toBe('Activate Session error:\tRequested privilege level exceeds limit');
  });

  it('the name/privilege lookup form (-L USER+)', async () => {
    expectSame(await both([...conn(sim, 'lanplus', 'user', ['-L', 'USER+']), 'power', 'status']));
  });
});

describe('cipher suites and auth types', () => {
  it('a suite the BMC does not offer (17 on ipmi_sim)', async () => {
    const p = await both(['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', '-C', '17', 'power', 'status']);
    expectSame(p);
    expect(p.ours.stderr).toBe(
      'Error in open session response message : invalid authentication algorithm\n\nError: Unable to establish IPMI v2 / RMCP+ session\n',
    );
  });

  it('an unknown suite id', async () => {
    const p = await both(['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', '-C', '99', 'power', 'status']);
    expectSame(p);
  });

  it.each(['0', '1', '2', '3', '6'])('suite %s gives the same answers as ipmitool', async (suite) => {
    const args = ['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', '-C', suite];
    expectSame(await both([...args, 'chassis', 'status']));
  });

  it.each(['NONE', 'PASSWORD', 'MD5'])('-I lan -A %s', async (a) => {
    expectSame(await both([...conn(sim, 'lan', 'admin', ['-A', a]), 'power', 'status']));
  });

  it('-A MD2: ipmitool (built without MD2) fails, ipmits authenticates', async () => {
    const p = await both([...conn(sim, 'lan', 'admin', ['-A', 'MD2', ...FAST]), 'power', 'status']);
    expect(p.theirs.code).not.toBe(0);
    expect(p.ours).toMatchObject({ stdout: 'Chassis Power is on\n', stderr: '', code: 0 });
  });

  it('without -C: no 10 s stall where ipmi_sim ignores the cipher suite query, and the choice is shown under -v', async () => {
    const r = await runIpmits(['-v', '-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', 'power', 'status']);
    expect(r.stdout).toBe('Chassis Power is on\n');
    expect(r.stderr).toContain('Using best available cipher suite 3');
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('argument errors before any traffic', () => {
  it.each([
    [['-I', 'lanplus', 'power', 'status'], 'No hostname specified!'],
    [['-I', 'lanplus', '-H', '127.0.0.1', '-U', 'admin', '-P', 'x'.repeat(21), 'power', 'status'], 'lanplus: password is longer than 20 bytes.'],
    [['-I', 'lan', '-H', '127.0.0.1', '-U', 'admin', '-P', 'x'.repeat(17), 'power', 'status'], 'lan: password is longer than 16 bytes.'],
    [['-H', '127.0.0.1', '-U', 'admin', '-P', 'x'.repeat(17), 'power', 'status'], 'lan: password is longer than 16 bytes.'],
  ])('%j', async (args, line) => {
    const p = await both(args);
    expect(p.theirs.stderr).toBe(`${line}\n`);
    expectSame(p);
    expect(p.ours.code).toBe(2);
  });
});
