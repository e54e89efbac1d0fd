/**
 * SDR sets shared by BMCs of one model in a fleet run (src/sdr/share.ts): with cold caches, one
 * host of a model reads the SDR repository and the others of that model take its records; each
 * host's output equals a one-host run with a cache of its own. Hosts: 3 ipmi_sim on
 * 127.0.8.1-3 and 3 relays in front of the first (four names of one BMC: the same model for
 * sure; the other simulators share with them only when their SDR timestamps, the second
 * ipmi_sim started in, happen to agree).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCache } from '../../src/sdr/cache.js';
import { nodeCacheIo } from '../../src/runtime/cache-io.js';

const { sha256 } = nodeCacheIo;
import { runIpmits } from '../support/run.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { startFleetSims } from './fleet-sims.mjs';

const AUTH = ['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'adminpass'];
const SHARED = 'SDR records shared with another BMC of this model';
const homes: string[] = [];
let fleet: Awaited<ReturnType<typeof startFleetSims>>;
let relays: UdpProxy[] = [];
let hosts: string[] = [];

const home = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'ipmits-sdr-share-'));
  homes.push(d);
  return d;
};

beforeAll(async () => {
  fleet = await startFleetSims(3, { prefix: '127.0.8.' });
  const first = fleet.sims[0]!;
  relays = await Promise.all([1, 2, 3].map(() => startUdpProxy({ target: { host: first.host, port: first.port } })));
  hosts = [...fleet.hosts.map((h) => `${h}:${fleet.port}`), ...relays.map((r) => `${r.host}:${r.port}`)];
}, 120_000);

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await fleet?.stop();
  for (const d of homes) rmSync(d, { recursive: true, force: true });
});

/** `host: line` output split back per host. */
function perHost(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('ipmits: ') || line.startsWith('  ')) continue;
    const at = line.indexOf(': ');
    m.set(line.slice(0, at), `${m.get(line.slice(0, at)) ?? ''}${line.slice(at + 2)}\n`);
  }
  return m;
}

/** The model key each host's cache file names. */
function modelsOf(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => !n.startsWith('model-'))) {
    const c = decodeCache(readFileSync(path.join(dir, name)), sha256);
    if (typeof c === 'string' || c.meta.model === undefined) throw new Error(`${name}: ${typeof c === 'string' ? c : 'no model'}`);
    m.set(c.meta.bmc, c.meta.model);
  }
  return m;
}

describe('SDR sets shared per model in a fleet run', () => {
  it('cold caches: one host per model reads the SDR, the others take its records; outputs as one-host runs', async () => {
    const h = home();
    const r = await runIpmits([...AUTH, '-H', hosts.join(','), '-v', 'sensor', 'list'], { env: { HOME: h } });
    expect(r.code, r.stderr).toBe(0);
    const out = perHost(r.stdout);
    const err = perHost(r.stderr);
    const models = modelsOf(path.join(h, '.cache', 'ipmits', 'sdr'));
    expect([...models.keys()].sort()).toEqual([...hosts].sort());
    // Four names of the first simulator: one model, read once.
    const first = [hosts[0]!, ...hosts.slice(3)];
    expect(new Set(first.map((x) => models.get(x))).size).toBe(1);
    // Per model, exactly one host read the SDR; the others said they took its records.
    const readers = hosts.filter((x) => !err.get(x)?.includes(SHARED));
    for (const key of new Set(models.values()))
      expect(
        readers.filter((x) => models.get(x) === key),
        key,
      ).toHaveLength(1);
    expect(readers.length).toBeLessThanOrEqual(3);
    // Every host prints what it prints alone, reading its own SDR into a cache of its own.
    for (const x of hosts) {
      const [host, port] = x.split(':') as [string, string];
      const one = await runIpmits([...AUTH, '-H', host, '-p', port, '-v', 'sensor', 'list'], { env: { HOME: home() } });
      expect(one.code, one.stderr).toBe(0);
      expect(one.stderr).not.toContain(SHARED);
      expect(out.get(x), x).toBe(one.stdout);
    }
    // Warm: every host checks its own cache file, nobody shares or reads the SDR.
    const warm = await runIpmits([...AUTH, '-H', hosts.join(','), '-vv', 'sensor', 'list'], { env: { HOME: h } });
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).not.toContain(SHARED);
    expect(warm.stderr.match(/SDR cache .* is current \(24 records\)/g)).toHaveLength(hosts.length);
  });

  it('--no-cache: nothing is shared, every host reads its own SDR', async () => {
    const r = await runIpmits([...AUTH, '-H', hosts.join(','), '-v', '--no-cache', 'sdr', 'elist'], { env: { HOME: home() } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(SHARED);
  });
});
