/**
 * A signal during session set-up (issue 15, defect 5): the session the BMC opened is closed, not
 * left until the BMC times it out. Replies are delayed by a proxy so the handshake takes long
 * enough to be interrupted after each step (Open Session, RAKP 1, RAKP 3 sent); the BMC's own
 * session count (ipmitool `channel info`) is compared before and after. Bounded: 18 runs.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ipmitsCommand, runIpmitool } from '../support/run.js';
import { startUdpProxy } from '../support/udp-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

async function activeSessions(): Promise<number> {
  const s = simulator();
  const r = await runIpmitool(['-I', 'lanplus', '-C', '3', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-P', 'adminpass', 'channel', 'info', '1']);
  const m = /Active Session Count\s*:\s*(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`no session count in:\n${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

describe('a signal during session set-up closes the session on the BMC', () => {
  it('SIGINT, SIGTERM, SIGHUP after Open Session, RAKP 1 and RAKP 3 are sent (18 runs): no session left', async () => {
    const before = await activeSessions();
    const exits: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        for (const step of [1, 2, 3]) {
          const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port }, delayMs: 150 });
          try {
            const [cmd, ...pre] = ipmitsCommand();
            const args = ['-I', 'lanplus', '-C', '3', '-H', proxy.host, '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', 'raw', '0x06', '0x01'];
            const child = spawn(cmd!, [...pre, ...args], { stdio: 'ignore' });
            const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
            await until(() => proxy.counts().toBmc >= step);
            child.kill(signal);
            const code = await exited;
            exits.push(`${signal}@${step}:${code}`);
            expect(code, exits.join(' ')).toBe(CODES[signal]);
            await new Promise((r) => setTimeout(r, 400)); // delayed replies drain
          } finally {
            await proxy.close();
          }
        }
      }
    }
    expect(await activeSessions(), exits.join(' ')).toBe(before);
  }, 120_000);
});
