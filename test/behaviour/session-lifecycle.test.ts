/**
 * What happens on the wire and to the BMC's sessions: round-trip budget,
 * Close Session on exit and on signals, secrets hidden from the process list.
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ipmitsCommand, runIpmitool, runIpmits } from '../support/run.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const via = (p: UdpProxy, iface: 'lan' | 'lanplus', extra: string[] = []): string[] => [
  '-I',
  iface,
  '-H',
  p.host,
  '-p',
  String(p.port),
  '-U',
  'admin',
  '-P',
  'adminpass',
  ...(iface === 'lanplus' ? ['-C', '3'] : []),
  ...extra,
];

/** Sessions the BMC holds right now, as ipmitool sees them (its own included). */
async function activeSessions(): Promise<number> {
  const r = await runIpmitool([
    '-I',
    'lanplus',
    '-C',
    '3',
    '-H',
    simulator().host,
    '-p',
    String(simulator().port),
    '-U',
    'admin',
    '-P',
    'adminpass',
    'channel',
    'info',
    '1',
  ]);
  const m = /Active Session Count\s*:\s*(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`no session count in:\n${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('round trips', () => {
  it('power status with -C: at most 5 request/response pairs (ipmitool: 11)', async () => {
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port } });
    try {
      const ours = await runIpmits([...via(proxy, 'lanplus'), 'power', 'status']);
      expect(ours.stdout).toBe('Chassis Power is on\n');
      // Open Session, RAKP 1/2, RAKP 3/4, Get Chassis Status, Close Session.
      expect(proxy.counts()).toMatchObject({ toBmc: 5, toClient: 5 });
      proxy.reset();
      await runIpmitool([...via(proxy, 'lanplus'), 'power', 'status']);
      expect(proxy.counts().toBmc).toBeGreaterThan(5);
    } finally {
      await proxy.close();
    }
  });

  it('over lan: Get Channel Auth Caps, Get Session Challenge, Activate Session, the command, Close Session', async () => {
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port } });
    try {
      await runIpmits([...via(proxy, 'lan'), 'power', 'status']);
      expect(proxy.counts()).toMatchObject({ toBmc: 5, toClient: 5 });
    } finally {
      await proxy.close();
    }
  });
});

describe('the session is closed', () => {
  it('after a normal exit and after a failing command', async () => {
    const before = await activeSessions();
    for (const args of [
      ['power', 'status'],
      ['raw', '0x06', '0xff'],
    ]) {
      await runIpmits(['-I', 'lanplus', '-C', '3', '-H', simulator().host, '-p', String(simulator().port), '-U', 'admin', '-P', 'adminpass', ...args]);
    }
    expect(await activeSessions()).toBe(before);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('on %s while a request is unanswered', async (signal) => {
    const before = await activeSessions();
    // Replies stop after the handshake (Open Session, RAKP 2, RAKP 4): the command hangs.
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port }, repliesBeforeDark: 3 });
    try {
      const [cmd, ...pre] = ipmitsCommand();
      const child = spawn(cmd!, [...pre, ...via(proxy, 'lanplus', ['-N', '5']), 'raw', '0x06', '0x01'], { stdio: 'ignore' });
      const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, sig) => r({ code, signal: sig })));
      await until(() => proxy.counts().toBmc >= 4); // the command is on its way
      child.kill(signal);
      const end = await exited;
      expect(end.code).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
      // The 5th datagram is Close Session (the 6th its retransmission: no reply comes back); the proxy forwards them.
      expect(proxy.counts().toBmc).toBeGreaterThanOrEqual(5);
      expect(proxy.counts().toBmc).toBeLessThanOrEqual(6);
    } finally {
      await proxy.close();
    }
    expect(await activeSessions()).toBe(before);
  });

  it('(control) SIGKILL leaves the session open on the BMC', async () => {
    const before = await activeSessions();
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port }, repliesBeforeDark: 3 });
    try {
      const [cmd, ...pre] = ipmitsCommand();
      const child = spawn(cmd!, [...pre, ...via(proxy, 'lanplus', ['-N', '5']), 'raw', '0x06', '0x01'], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await until(() => proxy.counts().toBmc >= 4);
      child.kill('SIGKILL');
      await exited;
    } finally {
      await proxy.close();
    }
    expect(await activeSessions()).toBe(before + 1);
  });
});

describe('secrets', () => {
  it('-P and -k values are not readable in the process list', async () => {
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port }, repliesBeforeDark: 0 });
    try {
      const [cmd, ...pre] = ipmitsCommand();
      const child = spawn(
        cmd!,
        [
          ...pre,
          '-I',
          'lanplus',
          '-H',
          proxy.host,
          '-p',
          String(proxy.port),
          '-U',
          'admin',
          '-P',
          'Sup3rSecret',
          '-k',
          'kgSecret',
          '-N',
          '5',
          'power',
          'status',
        ],
        { stdio: 'ignore' },
      );
      await until(() => proxy.counts().toBmc >= 1);
      // The arguments stay NUL-separated (masked in place, as ipmitool does); read them as `ps` shows them.
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
      child.kill('SIGTERM');
      expect(cmdline).not.toContain('Sup3rSecret');
      expect(cmdline).not.toContain('kgSecret');
      expect(cmdline).toContain('-P XXXXXXXXXXX');
      expect(cmdline).toContain('power status');
    } finally {
      await proxy.close();
    }
  });

  it('no secret appears in -vvv traces or errors', async () => {
    const r = await runIpmits([
      '-vvv',
      '-I',
      'lanplus',
      '-C',
      '3',
      '-H',
      simulator().host,
      '-p',
      String(simulator().port),
      '-U',
      'admin',
      '-P',
      'wrongSecret1',
      '-k',
      'kgSecret',
      'power',
      'status',
    ]);
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).not.toMatch(/wrongSecret1|kgSecret/);
  });
});

describe('hostile replies', () => {
  it.each([
    ['random bytes', (n: number) => Buffer.from(Array.from({ length: 40 + (n % 30) }, (_, i) => (i * 97 + n) & 0xff))],
    ['an RMCP header and nothing else', () => Buffer.from([0x06, 0x00, 0xff, 0x07])],
    ['a truncated Open Session response', () => Buffer.from('0600ff070611000000000000000010000100', 'hex')],
    ['an oversized datagram', () => Buffer.alloc(60_000, 0x06)],
  ])('%s: one clear line, exit 5', async (_, reply) => {
    const sock = dgram.createSocket('udp4');
    let n = 0;
    sock.on('message', (_m, rinfo) => sock.send(reply(n++), rinfo.port, rinfo.address));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    try {
      const port = (sock.address() as AddressInfo).port;
      const r = await runIpmits([
        '-I',
        'lanplus',
        '-C',
        '3',
        '-H',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'a',
        '-P',
        'b',
        '-N',
        '1',
        '-R',
        '1',
        'power',
        'status',
      ]);
      expect(r.code).toBe(5);
      expect(r.stderr).toBe('Error: Unable to establish IPMI v2 / RMCP+ session\n');
      const v = await runIpmits([
        '-v',
        '-I',
        'lanplus',
        '-C',
        '3',
        '-H',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'a',
        '-P',
        'b',
        '-N',
        '1',
        '-R',
        '1',
        'power',
        'status',
      ]);
      expect(v.stderr).toMatch(/Invalid reply to Open Session Request: /);
    } finally {
      sock.close();
    }
  });
});
