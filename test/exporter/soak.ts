/**
 * Soak (run by prometheus.test.ts after its other checks, on its simulators, so the two heavy
 * setups never run at once): Prometheus scrapes 64 targets through `ipmits exporter` every 5 s (timeout 4 s) — 56 live
 * BMCs (UDP relays in front of the live ipmi_sim instances), 5 dead (a socket that swallows every
 * datagram), 3 behind a relay that drops 15 % of datagrams each way — and the exporter's own
 * /metrics every second. Afterwards: no scrape reached its deadline, every scrape answered, open
 * fds, memory and scrapes in flight stayed flat, and nothing is left in flight.
 *
 * Bounded: IPMITS_EXPORTER_SOAK_SEC seconds (default 30 in CI; e.g. 600 for a long run).
 */
import dgram from 'node:dgram';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../sim/sim.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { ipmiJob, parseExposition, scrape, startIpmitsExporter, startPrometheus, tempDir, waitFor, type Prometheus, type Proc } from './harness.js';

const SOAK_SEC = Math.max(20, Math.min(3600, Number(process.env.IPMITS_EXPORTER_SOAK_SEC) || 30));

/** The soak as a describe block over simulators someone else started (and stops). */
export function describeSoak(liveSims: () => Sim[]): void {
  describe(`soak (${SOAK_SEC} s, 64 targets every 5 s)`, () => {
    const tmp = tempDir('ipmits-soak-');
    const relays: UdpProxy[] = [];
    const sinks: dgram.Socket[] = [];
    const live: string[] = [];
    const lossy: string[] = [];
    const dead: string[] = [];
    let exporter: Proc;
    let prom: Prometheus;

    beforeAll(async () => {
      const sims = liveSims();
      for (let i = 0; i < 56; i++) {
        const s = sims[i % sims.length]!;
        const r = await startUdpProxy({ target: { host: s.host, port: s.port } });
        relays.push(r);
        live.push(`${r.host}:${r.port}`);
      }
      for (let i = 0; i < 3; i++) {
        const s = sims[i]!;
        const r = await startUdpProxy({ target: { host: s.host, port: s.port }, dropRate: 0.15, seed: 7 + i });
        relays.push(r);
        lossy.push(`${r.host}:${r.port}`);
      }
      for (let i = 0; i < 5; i++) {
        const sock = dgram.createSocket('udp4');
        sock.on('message', () => undefined);
        await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
        sinks.push(sock);
        dead.push(`127.0.0.1:${sock.address().port}`);
      }
      const config = path.join(tmp.dir, 'ipmi.yml');
      writeFileSync(
        config,
        'modules:\n  default:\n    user: admin\n    pass: adminpass\n    privilege: admin\n    cipher_suite: 3\n    collectors: [bmc, ipmi, chassis, sel]\n',
      );
      chmodSync(config, 0o600);
      exporter = await startIpmitsExporter(config, { XDG_CACHE_HOME: path.join(tmp.dir, 'cache'), HOME: tmp.dir });
      prom = await startPrometheus(
        tmp.dir,
        ipmiJob('soak', exporter.port, [...live, ...lossy, ...dead], { interval: '5s', timeout: '4s' }) +
          `  - job_name: exporter\n    scrape_interval: 1s\n    static_configs:\n      - targets: ["127.0.0.1:${exporter.port}"]\n`,
      );
    }, 120_000);

    afterAll(async () => {
      await prom?.stop();
      await exporter?.stop();
      await Promise.all(relays.map((r) => r.close()));
      for (const s of sinks) s.close();
      tmp.remove();
    });

    it(
      'keeps every scrape within its deadline with fds, memory and sessions flat',
      async () => {
        await new Promise((r) => setTimeout(r, SOAK_SEC * 1000));
        const span = `${SOAK_SEC}s`;
        const half = `${Math.floor(SOAK_SEC / 2)}s`;
        const q = async (expr: string): Promise<Array<Record<string, string> & { value: number }>> =>
          (await prom.query(expr)).map((r) => Object.assign({ ...r.metric }, { value: Number(r.value[1]) }));
        const one = async (expr: string) => {
          const r = await q(expr);
          expect(r, expr).toHaveLength(1);
          return r[0]!.value;
        };

        // Every scrape of every target answered (up 1) and none came near Prometheus' 4 s timeout.
        expect(await one('count(up{job="soak"})')).toBe(64);
        const kind = (t: string | undefined) => (live.includes(t!) ? 'live' : lossy.includes(t!) ? 'lossy' : 'dead');
        const history = async (metric: string, t: string) =>
          ((await prom.query(`${metric}{job="soak",instance="${t}"}[${span}]`)) as unknown as Array<{ values: [number, string][] }>)[0]?.values
            .map((v) => v[1])
            .join(' ');
        const failed = await q(`min_over_time(up{job="soak"}[${span}]) < 1`);
        const why = await Promise.all(
          failed.map(
            async (f) =>
              `${f.instance} (${kind(f.instance)}): up ${await history('up', f.instance!)}; s ${await history('scrape_duration_seconds', f.instance!)}`,
          ),
        );
        expect(why, exporter.output().slice(-3000)).toEqual([]);
        expect(await q(`max_over_time(scrape_duration_seconds{job="soak"}[${span}]) >= 4`)).toEqual([]);
        expect(await one(`count(count_over_time(up{job="soak"}[${span}]) >= ${Math.floor(SOAK_SEC / 5) - 2})`)).toBe(64);
        // Live BMCs up (in most scrapes: on this shared 2-core machine an ipmi_sim can miss one), dead ones
        // never (and answered in time, see above).
        const ipmiUp = new Map((await q(`avg_over_time(ipmi_up{job="soak",collector="ipmi"}[${span}])`)).map((r) => [r.instance, r.value]));
        for (const t of live) expect([t, ipmiUp.get(t)! >= 0.75]).toEqual([t, true]);
        for (const t of dead) expect([t, ipmiUp.get(t)]).toEqual([t, 0]);

        // The exporter itself: flat fds and memory (second half against the first), bounded in-flight scrapes.
        const fds1 = await one(`max_over_time(process_open_fds[${half}] offset ${half})`);
        const fds2 = await one(`max_over_time(process_open_fds[${half}])`);
        expect(fds2, `open fds ${fds1} then ${fds2}`).toBeLessThanOrEqual(fds1 + 8);
        const rss1 = await one(`max_over_time(process_resident_memory_bytes[${half}] offset ${half})`);
        const rss2 = await one(`max_over_time(process_resident_memory_bytes[${half}])`);
        expect(rss2, `RSS ${rss1} then ${rss2}`).toBeLessThanOrEqual(rss1 * 1.15 + 16 * 2 ** 20);
        expect(rss2).toBeLessThan(200 * 2 ** 20);
        const inFlightMax = await one(`max_over_time(ipmits_exporter_scrapes_in_flight[${span}])`);
        expect(inFlightMax).toBeLessThanOrEqual(64);
        const slowest = await one(`max(max_over_time(scrape_duration_seconds{job="soak"}[${span}]))`);
        // The figures of a long run (IPMITS_EXPORTER_SOAK_SEC), for docs and reports.
        console.info(
          `soak ${SOAK_SEC} s: slowest scrape ${slowest.toFixed(2)} s of 4 s; open fds max ${fds1} then ${fds2}; ` +
            `RSS max ${(rss1 / 2 ** 20).toFixed(1)} then ${(rss2 / 2 ** 20).toFixed(1)} MiB; scrapes in flight max ${inFlightMax}`,
        );
        expect(await q('ipmits_exporter_scrapes_total{outcome=~"busy|queued-too-long"} > 0')).toEqual([]);

        // Nothing is left running once Prometheus stops scraping.
        await prom.stop();
        const inFlight = async () => {
          const s = parseExposition((await scrape(`${exporter.url}/metrics`, 5)).body);
          return [...s.values()].find((x) => x.name === 'ipmits_exporter_scrapes_in_flight')!.value;
        };
        expect(await waitFor('no scrape in flight', async () => ((await inFlight()) === 0 ? 0 : undefined), 6000, 200)).toBe(0);
      },
      (SOAK_SEC + 60) * 1000,
    );
  });
}
