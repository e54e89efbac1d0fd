/**
 * Fan-out against 64 real ipmi_sim BMCs on 127.0.1.1-64 (one port): every host's output of a
 * fleet run equals a one-host run of the same command; 5 simulators stopped (refused: they fail
 * at once) and 3 hosts behind relays that drop everything (they cost their own --timeout, no more).
 */
import { mkdtempSync, rmSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { systemClock, systemRandom } from '../../src/io.js';
import { connectUdp } from '../../src/transport/udp.js';
import { runIpmits } from '../support/run.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { startFleetSims } from './fleet-sims.mjs';

const N = 64;
const DEAD = 5;
const home = mkdtempSync(path.join(tmpdir(), 'ipmits-fleet-'));
const env = { HOME: home };
let fleet: Awaited<ReturnType<typeof startFleetSims>>;
let relays: UdpProxy[] = [];
let live: string[] = [];
let dead: string[] = [];
let dropped: string[] = [];
const AUTH = ['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'adminpass'];

beforeAll(async () => {
  fleet = await startFleetSims(N);
  const label = (h: string): string => `${h}:${fleet.port}`;
  for (const s of fleet.sims.slice(N - DEAD)) await s.stop();
  relays = await Promise.all(fleet.sims.slice(0, 3).map((s) => startUdpProxy({ target: { host: s.host, port: s.port }, dropRate: 1 })));
  live = fleet.hosts.slice(0, N - DEAD).map(label);
  dead = fleet.hosts.slice(N - DEAD).map(label);
  dropped = relays.map((r) => `${r.host}:${r.port}`);
  writeFileSync(path.join(home, 'hosts'), `# the rack\n127.0.1.[1-${N}]:${fleet.port}\n${dropped.join('\n')}  # behind black holes\n`);
}, 120_000);

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await fleet?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** A one-host run in this process (the reference the fleet output must match). */
async function single(host: string, command: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [h, p] = host.split(':') as [string, string];
  const out: string[] = [];
  const err: string[] = [];
  const text = (c: string | Uint8Array): string => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
  const io = {
    stdout: { write: (c: string | Uint8Array) => out.push(text(c)) },
    stderr: { write: (c: string | Uint8Array) => err.push(text(c)) },
    stdin: process.stdin,
  };
  const deps = { env, clock: systemClock, random: systemRandom, connect: connectUdp, prompt: async () => undefined };
  const code = await main([...AUTH, '-H', h, '-p', p, ...command], io, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** fn over items, 16 at a time, results in order. */
async function inBatches<T, R>(items: readonly T[], fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 16) out.push(...(await Promise.all(items.slice(i, i + 16).map(fn))));
  return out;
}

/** `host: line` output split back per host. */
function perHost(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    // The failure summary (`ipmits: N of M hosts failed`, indented causes) is no host's output.
    if (!line || line.startsWith('ipmits: ') || line.startsWith('  ')) continue;
    const at = line.indexOf(': ');
    const host = line.slice(0, at);
    m.set(host, `${m.get(host) ?? ''}${line.slice(at + 2)}\n`);
  }
  return m;
}

describe('fleet over 64 ipmi_sim BMCs', () => {
  it('power status: live hosts as one-host runs, dead and dropped hosts cost only --timeout', async () => {
    // ipmi_sim forks a script for every chassis status: on a busy machine 64 of them take seconds.
    const r = await runIpmits([...AUTH, '-H', `@${path.join(home, 'hosts')}`, '--fanout', '100', '--timeout', '6', 'power', 'status'], { env });
    expect(r.code).toBe(3);
    // The dead hosts cost their 6 s side by side, not one after the other (8 x 6 s),
    // plus the process's own start and end on a busy machine (the --json test checks each host's time).
    expect(r.ms).toBeLessThan(6000 + 6000);
    const out = perHost(r.stdout);
    expect([...out.keys()].sort()).toEqual([...live].sort());
    const refs = await inBatches(live, (h) => single(h, ['power', 'status']));
    for (const [i, h] of live.entries()) expect(out.get(h), h).toBe(refs[i]!.stdout);
    const errs = perHost(r.stderr);
    // A stopped simulator refuses (ICMP port unreachable): as in a one-host run, at once.
    for (const h of dead) expect(errs.get(h), h).toBe('Error: Unable to establish IPMI v2 / RMCP+ session\n');
    // A silent one is cut by its own --timeout (the session set-up stops a tenth early, kept for Close Session).
    for (const h of dropped) expect(errs.get(h), h).toMatch(/Timed out|No response|Unable to establish/);
    expect(r.stderr).toContain(`ipmits: ${DEAD + 3} of ${N + 3} hosts failed`);
  });

  // Heavier commands over 8 hosts (the 64-host comparisons cover the fan-out itself; mc info is the --json one).
  it.each([['chassis status'], ['sdr elist'], ['sel list'], ['fru print'], ['lan print 1'], ['raw 0x06 0x01']])(
    '%s: each host prints what a one-host run prints',
    async (cmd) => {
      const command = cmd.split(' ');
      const hosts = live.slice(8, 16);
      const r = await runIpmits([...AUTH, '-H', hosts.join(','), ...command], { env });
      const out = perHost(r.stdout);
      const errs = perHost(r.stderr);
      let worst = 0;
      const refs = await inBatches(hosts, (h) => single(h, command));
      for (const [i, h] of hosts.entries()) {
        const one = refs[i]!;
        worst = Math.max(worst, one.code);
        expect(out.get(h) ?? '', `${h} stdout`).toBe(one.stdout);
        expect(errs.get(h) ?? '', `${h} stderr`).toBe(one.stderr);
      }
      expect(r.code).toBe(worst);
    },
  );

  it('sensor check: the worst state over all hosts', async () => {
    await fleet.sims[1]!.console('sensor_set_value 0x20 0 0x01 0x60 1').catch(() => undefined);
    const range = `127.0.1.[1-4]:${fleet.port}`;
    const r = await runIpmits([...AUTH, '-H', range, 'sensor', 'check'], { env });
    const codes = await Promise.all(fleet.hosts.slice(0, 4).map((h) => single(`${h}:${fleet.port}`, ['sensor', 'check']).then((x) => x.code)));
    expect(r.code).toBe(Math.max(...codes));
  });

  it('--gather groups identical outputs under the folded host set', async () => {
    const r = await runIpmits([...AUTH, '-H', `127.0.1.[1-${N - DEAD}]:${fleet.port}`, '--gather', 'power', 'status'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`----------------\n127.0.1.[1-${N - DEAD}]:${fleet.port}\n----------------\nChassis Power is on\n`);
  });

  it('--json: one object per host, failures with their kind; a dead host never delays the live ones', async () => {
    const r = await runIpmits([...AUTH, '-H', `@${path.join(home, 'hosts')}`, '--fanout', '100', '--timeout', '8', '--json', 'mc', 'info'], { env });
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { host: string; ok: boolean; exitCode: number; ms: number; data?: unknown; error?: { kind: string } });
    expect(docs).toHaveLength(N + 3);
    const one = JSON.parse((await single(live[0]!, ['--json', 'mc', 'info'])).stdout) as unknown;
    for (const d of docs) {
      if (live.includes(d.host)) {
        expect(d, JSON.stringify(d)).toMatchObject({ ok: true, exitCode: 0, data: one });
      } else if (dead.includes(d.host)) {
        expect(d).toMatchObject({ ok: false, exitCode: 3, error: { kind: 'connection-refused', message: expect.stringContaining('Connection refused') } });
        expect(d.ms, d.host).toBeLessThan(2000);
      } else {
        // --timeout 8: the work stops at 7.2 s (a tenth kept for Close Session), the engine's own limit is 8 s.
        expect(d).toMatchObject({ ok: false, exitCode: 3, error: { kind: expect.stringMatching(/^(timeout|deadline)$/) } });
        expect(d.ms, d.host).toBeGreaterThan(7000);
        expect(d.ms, d.host).toBeLessThan(8600);
      }
    }
  });

  it('exec FILE runs its lines on every host', async () => {
    const file = path.join(home, 'lines');
    writeFileSync(file, 'power status\nchassis identify 1\n');
    const r = await runIpmits([...AUTH, '-H', `127.0.1.[1-8]:${fleet.port}`, 'exec', file], { env });
    const out = perHost(r.stdout);
    expect(out.size).toBe(8);
    for (const [h, text] of out) expect(text, h).toBe((await single(h, ['exec', file])).stdout);
  });

  it('refuses interactive commands and unconfirmed destructive ones on several hosts, sending nothing', async () => {
    const range = `127.0.1.[1-2]:${fleet.port}`;
    const sol = await runIpmits([...AUTH, '-H', range, 'sol', 'activate'], { env });
    expect(sol.code).toBe(2);
    expect(sol.stderr).toBe('sol activate works on one host at a time; -H names 2 hosts\n');
    const off = await runIpmits([...AUTH, '-H', range, 'power', 'off'], { env });
    expect(off.code).toBe(2);
    expect(off.stderr).toBe("'power off' on 2 hosts needs --yes, or a confirmation typed on a terminal\n");
    expect(readFileSync(path.join(fleet.sims[0]!.stateDir, 'power'), 'latin1').trim()).toBe('1');
    const yes = await runIpmits([...AUTH, '-H', range, '--yes', 'chassis', 'bootdev', 'pxe'], { env });
    expect(yes.code).toBe(0);
    const set = perHost(yes.stdout);
    expect([...set.values()]).toEqual(['Set Boot Device to pxe\n', 'Set Boot Device to pxe\n']);
  });

  it('inventory: per-group user and password file, -H @group:NAME; a bad or open file is one line, exit 6', async () => {
    const pw = path.join(home, 'op.pw');
    writeFileSync(pw, 'operpass\n');
    chmodSync(pw, 0o600);
    const inv = path.join(home, 'inventory.toml');
    writeFileSync(
      inv,
      `interface = "lanplus"\ncipher_suite = 3\n[groups.ops]\nhosts = "127.0.1.[1-3]:${fleet.port}"\nuser = "operator"\npassword_file = "${pw}"\n`,
    );
    const r = await runIpmits(['--inventory', inv, '-H', '@group:ops', '--gather', 'power', 'status'], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`----------------\n127.0.1.[1-3]:${fleet.port}\n----------------\nChassis Power is on\n`);

    const counter = await startUdpProxy({ target: { host: fleet.sims[0]!.host, port: fleet.port } });
    try {
      const open = path.join(home, 'open.toml');
      writeFileSync(open, 'password = "adminpass"\n');
      chmodSync(open, 0o644);
      const bad = await runIpmits(['--inventory', open, '-I', 'lanplus', '-U', 'admin', '-H', `${counter.host}:${counter.port},x`, 'power', 'status'], { env });
      expect(bad.code).toBe(6);
      expect(bad.stderr).toBe(`${open} holds a secret (top level) but is accessible by others (mode 0644); run: chmod 600 ${open}\n`);
      writeFileSync(open, 'user = [\n');
      const broken = await runIpmits(['--inventory', open, '-I', 'lanplus', '-H', `${counter.host}:${counter.port},x`, 'power', 'status'], { env });
      expect(broken.code).toBe(6);
      expect(broken.stderr.split('\n')).toHaveLength(2);
      expect(broken.stderr).toMatch(/^Inventory .*open\.toml:2:1: /);
      expect(counter.counts().toBmc).toBe(0);
    } finally {
      await counter.close();
    }
  });
});
