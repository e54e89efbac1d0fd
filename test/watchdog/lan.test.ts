/**
 * `watchdog run` over LAN (lanplus) against ipmi_sim, with a fake virtual machine attached to
 * ipmi_sim's VM port (lan.conf `serial kcs ... codec VM`): without one ipmi_sim refuses the
 * reset action, and with one it sends the machine a reset command (VM_CMD_RESET, 04h) when the
 * watchdog expires, which the fake machine records. ipmi_sim's Get Watchdog Timer has neither
 * the running bit nor the present countdown: the daemon says so and kicks without that check.
 *
 * sd_notify goes to a unix datagram socket that socat reads (NOTIFY_SOCKET): READY=1, then
 * WATCHDOG=1 per kick, STOPPING=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../sim/sim.js';
import { ipmitsCommand, runIpmits, runIpmitool } from '../support/run.js';

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

let sim: Sim;
let vm: net.Socket;
/** Commands ipmi_sim sent the machine (first byte of each framed message). */
const vmCommands: number[] = [];
let dir: string;
let socat: ChildProcess;
let notified = '';

beforeAll(async () => {
  const vmPort = await freePort();
  sim = await startSim({ vmPort });
  vm = net.connect(vmPort, '127.0.0.1');
  let buf = Buffer.alloc(0);
  vm.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    // Command messages end with A1h; the command byte comes first.
    for (let end = buf.indexOf(0xa1); end >= 0; end = buf.indexOf(0xa1)) {
      if (end > 0) vmCommands.push(buf[0]!);
      buf = buf.subarray(end + 1);
    }
  });
  // VM_CMD_VERSION 1, VM_CMD_CAPABILITIES power, reset, IRQ, NMI, attention (as QEMU's ipmi-bmc-extern says).
  await new Promise<void>((r) => vm.on('connect', () => vm.write(Buffer.from([0xff, 0x01, 0xa1, 0x08, 0x1f, 0xa1]), () => r())));
  await wait(300);
  dir = mkdtempSync(path.join(tmpdir(), 'ipmits-wd-'));
  socat = spawn('socat', ['-u', `UNIX-RECV:${path.join(dir, 'notify')}`, '-'], { stdio: ['ignore', 'pipe', 'inherit'] });
  socat.stdout!.on('data', (d: Buffer) => (notified += d.toString()));
  await wait(300);
});

afterAll(async () => {
  socat?.kill();
  vm?.destroy();
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const conn = (): string[] => ['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass'];

/** The daemon as a child process: its output so far, and how it ended. */
function daemon(args: string[], env: Record<string, string> = {}) {
  const [cmd, ...pre] = ipmitsCommand();
  const child = spawn(cmd!, [...pre, ...conn(), 'watchdog', 'run', ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LC_ALL: 'C', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  return { child, out, ended };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await wait(100);
  }
  return check();
}

/** ipmi_sim's Get has six bytes: ipmitool prints a garbage present countdown, ipmits N/A (docs/compatibility.md). */
const withoutCountdown = (t: string): string => t.replace(/^Present Countdown:.*$/m, '');

describe('watchdog run over LAN (ipmi_sim with a fake machine on its VM port)', () => {
  // ipmi_sim's Reset Watchdog Timer does not move a running timer's deadline (OpenIPMI's timer is
  // not restarted while it runs), so "kicks keep the machine up" is tested in QEMU only
  // (test/qemu/watchdog.test.ts); here the countdown outlasts the test. Nor is a stopped timer's
  // deadline cancelled: the short countdown comes first.
  it('after SIGKILL with --arm-on-exit the BMC resets the machine within a countdown', async () => {
    const d = daemon(['--countdown', '3', '--interval', '1', '--arm-on-exit']);
    expect(await until(() => d.out.stderr.includes('armed'), 15_000), d.out.stderr).toBe(true);
    d.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await until(() => vmCommands.includes(0x04), 6000)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(3500);
    expect((await runIpmitool([...conn(), 'mc', 'watchdog', 'get'])).stdout).toMatch(/Timer Expiration Flags: \(0x10\)\n\s+\* SMS\/OS/);
    await runIpmitool([...conn(), 'mc', 'watchdog', 'off']);
  }, 60_000);
  it('arms, kicks, notifies systemd (READY=1, WATCHDOG=1 per kick, STOPPING=1), stops on SIGTERM', async () => {
    const resets = (): number => vmCommands.filter((c) => c === 0x04).length;
    const resetsBefore = resets();
    const d = daemon(['--countdown', '60', '--interval', '1', '--json'], { NOTIFY_SOCKET: path.join(dir, 'notify') });
    expect(await until(() => d.out.stdout.includes('"event":"armed"'), 15_000), d.out.stderr).toBe(true);
    // ipmits and ipmitool read the same timer meanwhile.
    const ours = await runIpmits([...conn(), 'mc', 'watchdog', 'get']);
    const theirs = await runIpmitool([...conn(), 'mc', 'watchdog', 'get']);
    expect(withoutCountdown(ours.stdout), ours.stderr).toBe(withoutCountdown(theirs.stdout));
    expect(theirs.stdout).toMatch(/Watchdog Timer Use:\s+SMS\/OS \(0x04\)/);
    expect(theirs.stdout).toMatch(/Watchdog Timer Action:\s+Hard Reset \(0x01\)/);
    expect(theirs.stdout).toMatch(/Initial Countdown:\s+60\.0 sec/);
    await wait(4000);
    d.child.kill('SIGTERM');
    const end = await d.ended;
    expect(end.code, d.out.stderr).toBe(143);
    const events = d.out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; watching?: string });
    // Neither the running bit nor the present countdown in ipmi_sim's reply: said once.
    expect(events[0]).toEqual(expect.objectContaining({ event: 'no-running-bit', watching: 'nothing' }));
    const kicks = events.filter((e) => e.event === 'kick').length;
    expect(kicks).toBeGreaterThanOrEqual(3);
    expect(events.slice(-2).map((e) => e.event)).toEqual(['stopping', 'stopped']);
    await until(() => notified.includes('STOPPING=1'), 2000);
    expect(notified).toMatch(/^READY=1\nSTATUS=kicking the BMC watchdog every 1 s/);
    expect(notified.split('WATCHDOG=1').length - 1).toBe(kicks);
    expect(notified).toContain('STOPPING=1');
    expect((await runIpmitool([...conn(), 'mc', 'watchdog', 'get'])).stdout).toMatch(/Watchdog Timer Action:\s+No action \(0x00\)/);
    expect(resets()).toBe(resetsBefore);
  }, 60_000);
});
