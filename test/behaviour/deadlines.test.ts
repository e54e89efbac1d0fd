/**
 * Deadlines that hold (issue 15, defect 4): --timeout bounds the whole command, Close Session
 * included; -f on a FIFO without a writer; -N beyond the timers' range; a cache directory in /proc.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ipmitsCommand, runIpmits } from '../support/run.js';
import { startUdpProxy } from '../support/udp-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-deadlines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run ipmits; resolve with its exit code and when it exited (Date.now()). */
function runTimed(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; exitedAt: number; stderr: string }> {
  const [cmd, ...pre] = ipmitsCommand();
  const child = spawn(cmd!, [...pre, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(kill);
      resolve({ code, signal, exitedAt: Date.now(), stderr });
    });
  });
}

describe('--timeout bounds the whole command, Close Session included', () => {
  it.each(['lanplus', 'lan'] as const)('%s: the BMC goes silent after the handshake; exit 3 by the deadline (was ~1 s later)', async (iface) => {
    // lanplus: Open Session, RAKP 2, RAKP 4; lan: Get Channel Auth Caps, Get Session Challenge, Activate Session.
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port }, repliesBeforeDark: 3 });
    try {
      const args = ['-I', iface, '-H', proxy.host, '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', '-N', '5', '--timeout', '2'];
      const r = await runTimed([...args, ...(iface === 'lanplus' ? ['-C', '3'] : []), 'raw', '0x06', '0x01']);
      expect(r.code).toBe(3);
      // The deadline starts before the first datagram: exit within 2 s of it, plus process teardown.
      const first = proxy.arrivals[0]!;
      expect(r.exitedAt - first).toBeLessThan(2000 + 400);
      // Close Session was still sent (the datagram after the command's).
      expect(proxy.counts().toBmc).toBeGreaterThanOrEqual(5);
    } finally {
      await proxy.close();
    }
  });
});

describe('timers and the cache directory', () => {
  it('-N beyond what a timer holds (3000000 s) is clamped, not 1 ms: a silent BMC is waited for until --timeout', async () => {
    // A port bound by a socket that never answers.
    const dgram = await import('node:dgram');
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
    try {
      const port = String((silent.address() as { port: number }).port);
      const started = Date.now();
      const r = await runTimed([
        '-I',
        'lanplus',
        '-C',
        '3',
        '-H',
        '127.0.0.1',
        '-p',
        port,
        '-U',
        'a',
        '-P',
        'b',
        '-N',
        '3000000',
        '--timeout',
        '2',
        'power',
        'status',
      ]);
      expect(r.code).toBe(3);
      // With every wait overflowing to 1 ms the retries ran out at once (exit well before the deadline);
      // the set-up is waited for until the time --timeout 2 keeps back for Close Session (0.2 s).
      expect(r.exitedAt - started).toBeGreaterThanOrEqual(1800);
      expect(r.stderr).toMatch(/--timeout|Unable to establish/);
    } finally {
      silent.close();
    }
  });

  it('XDG_CACHE_HOME=/proc/self: sdr elist works without a cache (it spun in mkdir, deaf to SIGTERM)', async () => {
    const args = ['-I', 'lanplus', '-C', '3', '-H', simulator().host, '-p', String(simulator().port), '-U', 'admin', '-P', 'adminpass'];
    const r = await runTimed([...args, 'sdr', 'elist'], { XDG_CACHE_HOME: '/proc/self' });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    const r2 = await runIpmits([...args, 'sdr', 'elist'], { env: { XDG_CACHE_HOME: '/proc/self' }, timeoutMs: 20_000 });
    expect(r2.code).toBe(0);
  });
});

describe('-f on a FIFO', () => {
  const fifo = path.join(dir, 'password.fifo');

  it('with no writer: --timeout applies (it blocked for ever in open()), one line, exit 6', async () => {
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const r = await runTimed([
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
      '-f',
      fifo,
      '--timeout',
      '1',
      'power',
      'status',
    ]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(`Unable to read password from file ${fifo}: no writer on the FIFO within 1 s\n`);
    expect(r.exitedAt - started).toBeLessThan(15_000);
  });

  it('with a writer that comes later: its first line is the password', async () => {
    const args = [
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
      '-f',
      fifo,
      '--timeout',
      '10',
      'power',
      'status',
    ];
    const pending = runTimed(args);
    setTimeout(() => execFileSync('sh', ['-c', `printf 'adminpass\\nsecond\\n' > ${fifo}`]), 300);
    const r = await pending;
    expect(r.code, r.stderr).toBe(0);
  });
});
