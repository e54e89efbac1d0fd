/**
 * Dead hosts in a fleet run (issue 13, "with 5% of hosts dead: total wall <= per-host deadline + 1 s"):
 * 114 RMCP+ responders answer; 3 hosts are silent (a socket that reads and never answers, as a
 * BMC that is powered off or firewalled) and 3 refuse (nothing listens: ICMP port unreachable).
 * A silent host costs its --timeout and no more; a refused one fails at once with its cause,
 * as a one-host run does, because every session has a connected socket of its own (kept and
 * connected again for the next host).
 */
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIpmits } from '../support/run.js';
import { jsonLines, startResponderFarm, type Farm } from './responder-farm.js';

const LIVE = 114;
const home = mkdtempSync(path.join(tmpdir(), 'ipmits-dead-'));
let farm: Farm;
const silent: dgram.Socket[] = [];
const silentHosts = ['127.0.7.1', '127.0.7.2', '127.0.7.3'];
const refusedHosts = ['127.0.8.1', '127.0.8.2', '127.0.8.3'];

beforeAll(async () => {
  farm = await startResponderFarm({ count: LIVE });
  for (const host of silentHosts) {
    const s = dgram.createSocket('udp4');
    s.on('message', () => undefined);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.bind(farm.port, host, () => resolve());
    });
    silent.push(s);
  }
}, 60_000);

afterAll(async () => {
  for (const s of silent) s.close();
  await farm?.stop();
  rmSync(home, { recursive: true, force: true });
});

interface Doc {
  host: string;
  ok: boolean;
  exitCode: number;
  ms: number;
  error?: { kind: string; message: string };
}

describe('fleet with dead hosts', () => {
  it('5% dead: silent hosts cost their --timeout, refused ones fail at once with the cause, the wall stays under deadline + 1 s', async () => {
    const dead = [...silentHosts, ...refusedHosts].map((h) => `${h}:${farm.port}`);
    const hosts = [farm.range, ...dead].join(',');
    const r = await runIpmits(['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'password', '-H', hosts, '--timeout', '2', '--json', 'power', 'status'], {
      env: { HOME: home },
      timeoutMs: 30_000,
    });
    const docs = jsonLines<Doc>(r.stdout);
    process.stderr.write(`fleet: ${LIVE} live + ${dead.length} dead in ${r.ms} ms\n`);
    if (docs.length !== LIVE + dead.length) process.stderr.write(r.stderr);
    expect(docs).toHaveLength(LIVE + dead.length);
    const byHost = new Map(docs.map((d) => [d.host, d]));
    for (const h of silentHosts) {
      const d = byHost.get(`${h}:${farm.port}`)!;
      expect(d, h).toMatchObject({ ok: false, exitCode: 3, error: { kind: expect.stringMatching(/^(timeout|deadline)$/) } });
      expect(d.ms, h).toBeGreaterThanOrEqual(1500); // its own --timeout counts from the process start
      expect(d.ms, h).toBeLessThan(2600);
    }
    for (const h of refusedHosts) {
      const d = byHost.get(`${h}:${farm.port}`)!;
      expect(d, h).toMatchObject({ ok: false, exitCode: 3, error: { kind: 'connection-refused' } });
      expect(d.error!.message).toContain('Connection refused');
      expect(d.ms, h).toBeLessThan(1000);
    }
    expect(docs.filter((d) => d.ok)).toHaveLength(LIVE);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`ipmits: 6 of ${LIVE + 6} hosts failed`);
    // The target is deadline + 1 s for the whole run; the process start (~0.3 s, more on a loaded machine) is on top.
    expect(r.ms).toBeLessThan(2000 + 1000 + 1000);
  }, 60_000);

  it('--fanout 1, refused and live hosts in turn: a socket kept from a refused host serves the next one', async () => {
    const live = ['127.0.2.1', '127.0.2.2', '127.0.2.3'].map((h) => `${h}:${farm.port}`);
    const refused = refusedHosts.map((h) => `${h}:${farm.port}`);
    const hosts = [refused[0], live[0], refused[1], live[1], live[2], refused[2]] as string[];
    const r = await runIpmits(
      ['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'password', '-H', hosts.join(','), '--fanout', '1', '--json', 'power', 'status'],
      {
        env: { HOME: home },
        timeoutMs: 30_000,
      },
    );
    const docs = jsonLines<Doc>(r.stdout);
    expect(docs.map((d) => `${d.host} ${d.ok ? 'ok' : d.error?.kind}`)).toEqual(hosts.map((h) => `${h} ${live.includes(h) ? 'ok' : 'connection-refused'}`));
  }, 60_000);
});
