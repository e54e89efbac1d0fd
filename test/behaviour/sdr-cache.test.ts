/**
 * The automatic SDR cache (src/sdr/cache.ts, src/sdr/index.ts) against the simulator: one file per
 * BMC under $XDG_CACHE_HOME/ipmits/sdr, used only while the BMC's SDR repository info (version,
 * record count, last addition and last erase timestamps) and system GUID still match; readings are
 * always live; a corrupt or truncated file is rebuilt, never trusted; --no-cache and
 * `sdr cache clear`. Whether the cache was used is proven three ways: the datagrams the BMC saw
 * (a proxy counts them), the -v/-vv diagnostics, and poisoned cache files whose records would
 * show a different sensor name if they were trusted.
 *
 * ipmi_sim cannot delete a single SDR (Delete SDR answers CBh, its repository info says so), so
 * removal is covered by Clear SDR Repository, which moves the last-erase timestamp.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCache, encodeCache } from '../../src/sdr/cache.js';
import { modelFileName } from '../../src/sdr/share.js';
import { nodeCacheIo } from '../../src/runtime/cache-io.js';

const { sha256 } = nodeCacheIo;
import { runIpmitool, runIpmits, type RunResult } from '../support/run.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim({ seedSel: false });
let proxy: UdpProxy;
const dirs: string[] = [];

beforeAll(async () => {
  const sim = simulator();
  proxy = await startUdpProxy({ target: { host: sim.host, port: sim.port } });
});
afterAll(async () => {
  await proxy?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh $XDG_CACHE_HOME. */
function cacheHome(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'ipmits-sdr-cache-'));
  dirs.push(d);
  return d;
}

const lan = (): string[] => ['-I', 'lanplus', '-H', '127.0.0.1', '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', '-C', '3'];
const cacheFile = (home: string): string => path.join(home, 'ipmits', 'sdr', `127.0.0.1_${proxy.port}.sdr`);
/** The model file the BMC's cache file names (src/sdr/share.ts). */
function modelFile(home: string): string {
  const c = decodeCache(readFileSync(cacheFile(home)), sha256);
  if (typeof c === 'string' || c.meta.model === undefined) throw new Error('no model in the cache file');
  return path.join(home, 'ipmits', 'sdr', modelFileName(c.meta.model, sha256));
}

interface Counted extends RunResult {
  /** Datagrams ipmits sent to the BMC. */
  sent: number;
}

async function ipmits(home: string, args: string[]): Promise<Counted> {
  proxy.reset();
  const r = await runIpmits([...lan(), ...args], { env: { XDG_CACHE_HOME: home } });
  return { ...r, sent: proxy.counts().toBmc };
}

/** ipmitool on the simulator directly (no cache of its own): the reference output. */
async function reference(args: string[]): Promise<string> {
  const sim = simulator();
  const r = await runIpmitool(['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', '-C', '3', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** Session (Open Session, RAKP 1, RAKP 3, Close Session) + cache check (SDR Repository Info, GUID) + 21 readings. */
const WARM_MAX = 4 + 2 + 21;

/** A cache file rewritten with a valid checksum: meta and records changed by `edit`. */
function rewrite(file: string, edit: (c: Exclude<ReturnType<typeof decodeCache>, string>) => void): void {
  const c = decodeCache(readFileSync(file), sha256);
  if (typeof c === 'string') throw new Error(`cache unreadable: ${c}`);
  edit(c);
  writeFileSync(file, encodeCache(c, sha256));
}

/** Poison: CPU1 Temp's ID string becomes "CACHED Temp" (same length, §43.1 bytes 49+). */
function poisonName(c: Exclude<ReturnType<typeof decodeCache>, string>): void {
  const i = c.records.findIndex((r) => r.includes(Buffer.from('CPU1 Temp')));
  const rec = Buffer.from(c.records[i]!);
  const at = rec.indexOf(Buffer.from('CPU1 Temp'));
  rec.write('CACHE Tmp', at, 'latin1');
  c.records[i] = rec;
}

describe('automatic SDR cache', () => {
  it('a cold run reads the repository and writes the cache (0600); a warm run validates it and reads no SDR', async () => {
    const home = cacheHome();
    const want = await reference(['sdr', 'elist']);
    const cold = await ipmits(home, ['sdr', 'elist']);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stdout).toBe(want);
    const file = cacheFile(home);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const c = decodeCache(readFileSync(file), sha256);
    expect(typeof c).not.toBe('string');
    if (typeof c !== 'string') {
      expect(c.records).toHaveLength(24);
      expect(c.meta.bmc).toBe(`127.0.0.1:${proxy.port}`);
      expect(c.meta.guid).toMatch(/^[0-9a-f]{32}$/);
      expect(c.meta.info.slice(0, 2)).toBe('51'); // Get SDR Repository Info: SDR version 51h first (§33.9)
    }
    const warm = await ipmits(home, ['sdr', 'elist']);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).toBe(want);
    expect(warm.sent).toBeLessThanOrEqual(WARM_MAX);
    expect(cold.sent - warm.sent).toBeGreaterThanOrEqual(24); // at least one Get SDR per record saved
    // -vv says so (and -v prints ipmitool's verbose layout, the same as ipmitool -v)
    const said = await ipmits(home, ['-vv', 'sdr', 'elist']);
    expect(said.stderr).toContain(`SDR cache ${file} is current (24 records)`);
  });

  it('records come from the cache while it is current (a poisoned but consistent file is believed)', async () => {
    const home = cacheHome();
    await ipmits(home, ['sdr', 'elist']);
    rewrite(cacheFile(home), poisonName);
    const r = await ipmits(home, ['sdr', 'elist']);
    expect(r.stdout).toContain('CACHE Tmp');
    expect(r.stdout).not.toContain('CPU1 Temp');
  });

  it('a sensor value changed through the simulator console shows on the next call; the cache stays valid', async () => {
    const home = cacheHome();
    const sim = simulator();
    expect((await ipmits(home, ['sdr', 'elist'])).stdout).toMatch(/^CPU1 Temp +\| 01h \| ok +\| +3\.1 \| 45 degrees C$/m);
    await sim.console('sensor_set_value 0x20 0 0x01 0x5a 0'); // 90 C: past upper non-critical (85)
    try {
      const r = await ipmits(home, ['sdr', 'elist']);
      expect(r.stdout).toMatch(/^CPU1 Temp +\| 01h \| unc +\| +3\.1 \| 90 degrees C$/m);
      expect(r.sent).toBeLessThanOrEqual(WARM_MAX); // from the cache: no Get SDR
      expect(r.stdout).toBe(await reference(['sdr', 'elist']));
    } finally {
      await sim.console('sensor_set_value 0x20 0 0x01 0x2d 0');
    }
  });

  it('the cache belongs to the GUID and repository info it was read against: any difference rebuilds it', async () => {
    const home = cacheHome();
    const file = cacheFile(home);
    await ipmits(home, ['sdr', 'elist']);
    const edits: [string, (c: Exclude<ReturnType<typeof decodeCache>, string>) => void][] = [
      ['another GUID', (c) => (c.meta.guid = 'ff'.repeat(16))],
      ['no GUID', (c) => (c.meta.guid = null)],
      ['another SDR version', (c) => (c.meta.info = `02${c.meta.info.slice(2)}`)],
      // bytes 6-9 of the reply (after cc): most recent addition timestamp; 10-13: most recent erase (§33.9)
      ['another last-addition time', (c) => (c.meta.info = `${c.meta.info.slice(0, 10)}00000000${c.meta.info.slice(18)}`)],
      ['another last-erase time', (c) => (c.meta.info = `${c.meta.info.slice(0, 18)}01020304${c.meta.info.slice(26)}`)],
      ['another record count', (c) => (c.meta.info = `${c.meta.info.slice(0, 2)}0100${c.meta.info.slice(6)}`)],
    ];
    for (const [what, edit] of edits) {
      rewrite(file, (c) => {
        poisonName(c);
        edit(c);
      });
      const r = await ipmits(home, ['-v', 'sdr', 'elist']);
      expect(r.stderr, what).toContain(`SDR cache ${file} is stale: reading the SDR repository`);
      expect(r.stdout, what).toContain('CPU1 Temp');
      expect(r.stdout, what).not.toContain('CACHE Tmp');
      expect(r.sent, what).toBeGreaterThan(WARM_MAX + 24);
      // rebuilt: the next run trusts the new file again
      expect((await ipmits(home, ['-vv', 'sdr', 'elist'])).stderr, what).toContain('is current');
    }
  });

  it('a corrupt, truncated, empty or foreign cache file is rebuilt, never trusted', async () => {
    const home = cacheHome();
    const file = cacheFile(home);
    const verbose = await reference(['-v', 'sdr', 'elist']);
    await ipmits(home, ['sdr', 'elist']);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 40]! ^= 0x01; // inside the last record: the SHA-256 no longer matches
    const cases: [string, Buffer, string][] = [
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), 'checksum mismatch (truncated or modified)'],
      ['one bit flipped', flipped, 'checksum mismatch (truncated or modified)'],
      ['digest cut off', good.subarray(0, good.length - 32), 'checksum mismatch (truncated or modified)'],
      ['empty', Buffer.alloc(0), 'not an ipmits SDR cache'],
      ['an ipmitool sdr dump', Buffer.concat(decodeCacheRecords(good)), 'not an ipmits SDR cache'],
    ];
    for (const [what, bytes, why] of cases) {
      writeFileSync(file, bytes);
      const r = await ipmits(home, ['-v', 'sdr', 'elist']);
      expect(r.code, what).toBe(0);
      expect(r.stderr, what).toContain(`SDR cache ${file} ignored (${why}): reading the SDR repository`);
      expect(r.stdout, what).toBe(verbose);
      expect(readFileSync(file).equals(good) || typeof decodeCache(readFileSync(file), sha256) !== 'string', what).toBe(true);
    }
  });

  it('an unreadable cache file is read around, and a cache that cannot be written only costs the cache', async () => {
    const home = cacheHome();
    const file = cacheFile(home);
    const want = await reference(['sdr', 'elist']);
    mkdirSync(file, { recursive: true }); // a directory where the file should be: EISDIR, even for root
    const r = await ipmits(home, ['-v', 'sdr', 'elist']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/SDR cache \S+ ignored \(unreadable: EISDIR/);
    expect(r.stderr).toMatch(/SDR cache not written: /);
    const blocked = cacheHome();
    writeFileSync(path.join(blocked, 'ipmits'), 'a file, not a directory');
    const b = await ipmits(blocked, ['sdr', 'elist']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(want);
    expect(b.stderr).toBe('');
  });

  it('--no-cache neither reads nor writes the cache', async () => {
    const home = cacheHome();
    const file = cacheFile(home);
    const r = await ipmits(home, ['--no-cache', 'sdr', 'elist']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(file)).toBe(false);
    await ipmits(home, ['sdr', 'elist']);
    rewrite(file, poisonName);
    const fresh = await ipmits(home, ['--no-cache', 'sdr', 'elist']);
    expect(fresh.stdout).toContain('CPU1 Temp');
    expect(fresh.stdout).not.toContain('CACHE Tmp');
    expect(fresh.sent).toBeGreaterThan(WARM_MAX + 24);
  });

  it("`sdr cache clear` removes this BMC's cache file and its model file", async () => {
    const home = cacheHome();
    const file = cacheFile(home);
    await ipmits(home, ['sdr', 'elist']);
    expect(existsSync(file)).toBe(true);
    const model = modelFile(home);
    const r = await ipmits(home, ['sdr', 'cache', 'clear']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Removed ${file}\nRemoved ${model}\n`);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(model)).toBe(false);
    expect(r.sent).toBe(0); // no session for a local file
  });

  it('another BMC of the same model (the same simulator behind a second port) takes the SDR set from the model file', async () => {
    const home = cacheHome();
    const want = await reference(['sdr', 'elist']);
    const cold = await ipmits(home, ['sdr', 'elist']);
    expect(cold.code, cold.stderr).toBe(0);
    const model = modelFile(home);
    const m = decodeCache(readFileSync(model), sha256);
    if (typeof m === 'string') throw new Error(m);
    expect(m.meta.guid).toBeNull(); // a model file belongs to no one BMC
    expect(m.meta.model).toMatch(/^repository mfr \d+ product [0-9a-f]{4} device .* info 51/);
    const sim = simulator();
    const second = await startUdpProxy({ target: { host: sim.host, port: sim.port } });
    try {
      const args = ['-I', 'lanplus', '-H', '127.0.0.1', '-p', String(second.port), '-U', 'admin', '-P', 'adminpass', '-C', '3', 'sdr', 'elist'];
      const r = await runIpmits(args, { env: { XDG_CACHE_HOME: home } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(want);
      // Session 4, Get Device ID + SDR Repository Info + GUID 3, 21 readings: no Reserve SDR Repository, no Get SDR.
      expect(second.counts().toBmc).toBeLessThanOrEqual(WARM_MAX + 1);
      const own = decodeCache(readFileSync(path.join(home, 'ipmits', 'sdr', `127.0.0.1_${second.port}.sdr`)), sha256);
      if (typeof own === 'string') throw new Error(own);
      expect(own.meta.model).toBe(m.meta.model);
      expect(own.meta.guid).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await second.close();
    }
  });

  it('an SDR added at run time (console main_sdr_add) invalidates the cache', async () => {
    const home = cacheHome();
    const sim = simulator();
    await ipmits(home, ['sdr', 'elist', 'all']);
    // §43.2 compact record, sensor 60h, entity 07h.1, Physical Security (05h), sensor-specific, ID "Lid 2"
    const body = [
      0x20,
      0x00,
      0x60,
      0x07,
      0x01,
      0x67,
      0x40,
      0x05,
      0x6f,
      0x7f,
      0x00,
      0x7f,
      0x00,
      0x7f,
      0x00,
      0xc0,
      0x00,
      0x00,
      0x01,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0xc5,
      ...Buffer.from('Lid 2'),
    ];
    const rec = [0x00, 0x00, 0x51, 0x02, body.length, ...body];
    await sim.console(`main_sdr_add 0x20 ${rec.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ')}`);
    const r = await ipmits(home, ['-v', 'sdr', 'elist', 'all']);
    expect(r.stderr).toContain('is stale');
    expect(r.stdout).toBe(await reference(['-v', 'sdr', 'elist', 'all']));
    const again = await ipmits(home, ['sdr', 'elist', 'all']);
    expect(again.stdout).toMatch(/^Lid 2 +\| 60h \| ns +\| +7\.1 \| No Reading$/m);
    expect(again.stdout).toBe(await reference(['sdr', 'elist', 'all']));
    expect(again.sent).toBeLessThanOrEqual(WARM_MAX + 1); // current again: 22 sensors now
    expect((await ipmits(home, ['-vv', 'sdr', 'elist', 'all'])).stderr).toContain('is current (25 records)');
  });

  it('Clear SDR Repository (a new last-erase timestamp) invalidates the cache', async () => {
    const home = cacheHome();
    await ipmits(home, ['sdr', 'elist']);
    // Reserve SDR Repository (§33.11), then Clear SDR Repository with "CLR" and initiate erase (AAh) (§33.16)
    const resv = await runIpmits([...lan(), 'raw', '0x0a', '0x22'], { env: { XDG_CACHE_HOME: home } });
    const [lo, hi] = resv.stdout.trim().split(/\s+/);
    const clr = await runIpmits([...lan(), 'raw', '0x0a', '0x27', `0x${lo}`, `0x${hi}`, '0x43', '0x4c', '0x52', '0xaa'], { env: { XDG_CACHE_HOME: home } });
    expect(clr.code, clr.stderr).toBe(0);
    const r = await ipmits(home, ['-v', 'sdr', 'elist']);
    expect(r.stderr).toContain('is stale');
    expect(r.stdout).toBe(await reference(['-v', 'sdr', 'elist']));
    expect(r.sent).toBeGreaterThan(WARM_MAX + 24);
  });
});

/** The records of a cache file in ipmitool's `sdr dump` layout (what -S reads). */
function decodeCacheRecords(b: Buffer): Buffer[] {
  const c = decodeCache(b, sha256);
  if (typeof c === 'string') throw new Error(c);
  return c.records;
}

describe('SDR cache poisoning (issue 15, defect 2)', () => {
  const at = (extra: string[]): string[] => ['-H', '127.0.0.1', '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', ...extra];

  it.each([[['-I', 'lanplus', '-C', '0']], [['-I', 'lan', '-A', 'NONE']]])(
    'records read without integrity protection (%j) are not cached, so never served to an authenticated session',
    async (session) => {
      const home = cacheHome();
      const r = await runIpmits([...at(session), 'sdr', 'elist'], { env: { XDG_CACHE_HOME: home } });
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(cacheFile(home))).toBe(false);
      // The authenticated session that follows reads the repository itself, and caches it.
      const next = await ipmits(home, ['sdr', 'elist']);
      expect(next.sent).toBeGreaterThan(WARM_MAX);
      expect(existsSync(cacheFile(home))).toBe(true);
    },
  );

  it.each([0o777, 0o770])(
    'a cache directory writable by others (mode %o) is refused: not read (a poisoned file is not believed), said on stderr',
    async (mode) => {
      const home = cacheHome();
      await ipmits(home, ['sdr', 'elist']);
      rewrite(cacheFile(home), poisonName);
      chmodSync(path.dirname(cacheFile(home)), mode);
      const r = await ipmits(home, ['sdr', 'elist']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('CPU1 Temp');
      expect(r.stdout).not.toContain('CACHE Tmp');
      expect(r.stderr).toMatch(/SDR cache .* ignored \(not trusted: .* is writable by (others|its group) \(mode (777|770)\)\)/);
    },
  );

  it('a cache file whose checksum holds but whose records do not (a duplicate record ID) is not trusted', async () => {
    const home = cacheHome();
    await ipmits(home, ['sdr', 'elist']);
    rewrite(cacheFile(home), (c) => {
      poisonName(c);
      c.records.push(Buffer.from(c.records[0]!));
    });
    const r = await ipmits(home, ['-v', 'sdr', 'elist']);
    expect(r.stdout).not.toContain('CACHE Tmp');
    expect(r.stderr).toMatch(/ignored \(bad records: record ID [0-9a-f]{4} appears twice\)/);
  });
});
