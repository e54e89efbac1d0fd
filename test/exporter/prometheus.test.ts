/**
 * ipmits' exporter under real Prometheus servers, against 16 simulated BMCs (ipmi_sim; one stopped):
 *
 * - Prometheus scrapes every BMC through `ipmits exporter`; the series it stored (HTTP API) match
 *   `ipmits sensor list --json` on the same BMC, whose readings differ per BMC;
 * - `promtool check metrics` accepts every endpoint's output;
 * - Debian's prometheus-ipmi-exporter (ipmi_exporter 1.6.1 + FreeIPMI) scrapes the same BMCs: every
 *   series it produces for a collector ipmits covers is produced by ipmits too, with the same
 *   value (within the sensor's tolerance);
 * - scale-out: two Prometheus servers, each keeping its half of the targets by hashmod and scraping
 *   its own exporter, hold every target exactly once;
 * - a bounded soak (soak.ts): 64 targets every 5 s, some dead, some lossy.
 */
import dgram from 'node:dgram';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../sim/sim.js';
import { haveProgram, missing } from '../support/peers.js';
import { ipmitsCommand, run } from '../support/run.js';
import {
  ipmiJob,
  parseExposition,
  promtoolCheck,
  scrape,
  startIpmiExporter,
  startIpmitsExporter,
  startPrometheus,
  tempDir,
  waitFor,
  type Prometheus,
  type Proc,
} from './harness.js';
import { describeSoak } from './soak.js';

const PEERS = ['prometheus', 'promtool', 'prometheus-ipmi-exporter', 'ipmi_sim', 'ipmimonitoring'];
const absent = PEERS.filter((p) => !haveProgram(p));
const SIMS = 16;
const INHERITED_LINT = 'ipmi_sel_logs_count non-histogram and non-summary metrics should not have "_count" suffix';

const IPMITS_CONFIG = `# ipmi_exporter's format; cipher_suite is an ipmits addition (ipmi_sim has no SHA-256 suites)
modules:
  default:
    user: admin
    pass: adminpass
    driver: LAN_2_0
    privilege: admin
    cipher_suite: 3
    collectors: [bmc, ipmi, chassis, dcmi, sel, sm-lan-mode]
`;
// FreeIPMI needs -W opensesspriv against ipmi_sim (/work/shared/docs/ipmi_sim.md, gotcha 5).
const IPMI_EXPORTER_CONFIG = `modules:
  default:
    user: admin
    pass: adminpass
    driver: LAN_2_0
    privilege: admin
    timeout: 5000
    collectors: [bmc, ipmi, chassis, dcmi, sel, sm-lan-mode]
    workaround_flags: [opensesspriv]
`;

describe.skipIf(missing(absent.length === 0, absent.join(', ')))('ipmits exporter with Prometheus and ipmi_exporter', () => {
  const tmp = tempDir('ipmits-exporter-');
  const sims: Sim[] = [];
  let exporter: Proc;
  const target = (s: Sim): string => `${s.host}:${s.port}`;
  let dead: Sim;
  const live = (): Sim[] => sims.filter((s) => s !== dead);
  const config = path.join(tmp.dir, 'ipmi.yml');

  beforeAll(async () => {
    for (let i = 0; i < SIMS; i += 4) sims.push(...(await Promise.all([0, 1, 2, 3].map(() => startSim()))));
    // Readings that differ per BMC: CPU1 Temp (sensor 01h) reads 30 + i degrees, FAN1 (10h) 60 x (50 + i) RPM.
    await Promise.all(
      sims.map((s, i) => s.console(`sensor_set_value 0x20 0 0x01 ${30 + i} 0`).then(() => s.console(`sensor_set_value 0x20 0 0x10 ${50 + i} 0`))),
    );
    dead = sims[SIMS - 1]!;
    await dead.stop();
    writeFileSync(config, IPMITS_CONFIG);
    chmodSync(config, 0o600);
    exporter = await startIpmitsExporter(config, { XDG_CACHE_HOME: path.join(tmp.dir, 'cache'), HOME: tmp.dir });
  }, 120_000);

  afterAll(async () => {
    await exporter?.stop();
    await Promise.all(sims.map((s) => s.stop()));
    tmp.remove();
  });

  describe('one Prometheus scraping all BMCs', () => {
    let prom: Prometheus;
    beforeAll(async () => {
      const jobs =
        ipmiJob('ipmits', exporter.port, sims.map(target), { interval: '3s', timeout: '3s' }) +
        `  - job_name: exporter\n    static_configs:\n      - targets: ["127.0.0.1:${exporter.port}"]\n`;
      prom = await startPrometheus(tmp.dir, jobs);
      // Every live BMC stored with its sensors; the stopped one answered (up 1) with ipmi_up 0.
      await waitFor(
        'every live BMC scraped with ipmi_up 1 (ipmi, bmc, chassis, sel)',
        async () =>
          (await prom.query('max_over_time(ipmi_up{job="ipmits",collector=~"ipmi|bmc|chassis|sel"}[5m]) == 1')).length === 4 * (SIMS - 1) ? true : undefined,
        60_000,
        500,
      );
    }, 90_000);
    afterAll(async () => {
      await prom?.stop();
    });

    it('stores a scrape of every target, the stopped BMC as ipmi_up 0 within the deadline', async () => {
      // Every scrape of every target answered (up 1): the dead BMC too, within the deadline.
      const up = await prom.query('min_over_time(up{job="ipmits"}[5m])');
      expect(up.map((r) => r.metric.instance).sort()).toEqual(sims.map(target).sort());
      expect(up.filter((r) => r.value[1] !== '1').map((r) => r.metric.instance)).toEqual([]);
      const down = await prom.query(`ipmi_up{job="ipmits",instance="${target(dead)}"}`);
      expect(down.map((r) => [r.metric.collector, r.value[1]]).sort()).toEqual(['bmc', 'chassis', 'dcmi', 'ipmi', 'sel', 'sm-lan-mode'].map((c) => [c, '0']));
      const slow = await prom.query('max_over_time(scrape_duration_seconds{job="ipmits"}[5m]) >= 3');
      expect(slow.map((r) => `${r.metric.instance} ${r.value[1]} s`)).toEqual([]);
      // Collectors ipmi_sim does not have (DCMI, Supermicro OEM) are down, the rest up, on live BMCs.
      const perCollector = await prom.query('sum by (collector) (max_over_time(ipmi_up{job="ipmits"}[5m]))');
      expect(Object.fromEntries(perCollector.map((r) => [r.metric.collector, Number(r.value[1])]))).toEqual({
        bmc: SIMS - 1,
        chassis: SIMS - 1,
        ipmi: SIMS - 1,
        sel: SIMS - 1,
        dcmi: 0,
        'sm-lan-mode': 0,
      });
    });

    it('stores the readings and states `ipmits sensor list --json` shows for the same BMC', async () => {
      const picks = [live()[0]!, live()[7]!, live()[14]!];
      for (const s of picks) {
        const r = await run(
          [...ipmitsCommand(), '-I', 'lanplus', '-C', '3', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-P', 'adminpass', 'sensor', 'list', '--json'],
          {
            env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache-cli') },
          },
        );
        expect(r.code, r.stderr).toBe(0);
        const sensors = JSON.parse(r.stdout) as Array<{ recordId: number; name: string; reading: number | null; stateCode: number | null }>;
        // The newest stored sample of each series (a scrape that timed out on this busy machine leaves a gap).
        const stored = await prom.query(
          `last_over_time({job="ipmits",instance="${target(s)}",__name__=~"ipmi_(temperature_celsius|fan_speed_rpm|voltage_volts|current_amperes|power_watts|sensor_value)"}[1m])`,
        );
        const states = await prom.query(
          `last_over_time({job="ipmits",instance="${target(s)}",__name__=~"ipmi_(temperature|fan_speed|voltage|current|power|sensor)_state"}[1m])`,
        );
        const byId = new Map(stored.map((x) => [Number(x.metric.id), x]));
        const stateById = new Map(states.map((x) => [Number(x.metric.id), Number(x.value[1])]));
        let compared = 0;
        for (const j of sensors) {
          const got = byId.get(j.recordId);
          expect(got, `${target(s)} sensor ${j.name}`).toBeDefined();
          expect(got!.metric.name).toBe(j.name);
          if (j.reading === null) expect(got!.value[1]).toBe('NaN');
          else {
            expect(Number(got!.value[1])).toBeCloseTo(j.reading, 6);
            compared++;
          }
          const st = stateById.get(j.recordId);
          if (j.stateCode === null || j.stateCode === 3) expect(st).toBeNaN();
          else expect(st).toBe(j.stateCode);
        }
        expect(compared).toBeGreaterThanOrEqual(12);
      }
      // The per-BMC readings set above: proof that each series belongs to its own BMC.
      const cpu1 = await prom.query('last_over_time(ipmi_temperature_celsius{job="ipmits",name="CPU1 Temp"}[1m])');
      expect(new Map(cpu1.map((x) => [x.metric.instance, Number(x.value[1])]))).toEqual(new Map(live().map((s) => [target(s), 30 + sims.indexOf(s)])));
    });

    it('reads the SEL incrementally: once in full, then only the records added since', async () => {
      const s = live()[3]!;
      const url = `${exporter.url}/ipmi?target=${target(s)}`;
      const sel = async () => {
        const m = parseExposition((await scrape(url, 5)).body);
        const v = (name: string) => [...m.values()].filter((x) => x.name === name);
        return {
          count: v('ipmi_sel_logs_count')[0]!.value,
          events: v('ipmits_sel_events').reduce((a, x) => a + x.value, 0),
          read: v('ipmits_sel_entries_read')[0]!,
        };
      };
      const before = await sel();
      expect(before.read.labels.mode).not.toBe('full');
      // Exhaust Temp (sensor 04h) past its upper thresholds: ipmi_sim logs threshold events.
      await s.console('sensor_set_value 0x20 0 0x04 75 1');
      const after = await waitFor(
        'new SEL entries',
        async () => {
          const a = await sel();
          return a.count > before.count ? a : undefined;
        },
        10_000,
        200,
      );
      // The SEL's 4 OEM records are not system events; every system event is counted once.
      expect(after.events).toBe(after.count - 4);
      expect(before.events).toBe(before.count - 4);
      const full = await prom.query(`count_over_time(ipmits_sel_entries_read{job="ipmits",instance="${target(s)}",mode="full"}[5m])`);
      expect(full.map((r) => r.value[1])).toEqual(['1']);
      if (after.read.labels.mode === 'tail') expect(after.read.value).toBe(after.count - before.count + 1);
      else {
        // Prometheus' own scrape of this BMC came first and read the new records.
        const tail = await waitFor(
          'a tail read stored',
          async () => {
            const r = await prom.query(`max_over_time(ipmits_sel_entries_read{job="ipmits",instance="${target(s)}",mode="tail"}[5m])`);
            return r[0] ? Number(r[0].value[1]) : undefined;
          },
          10_000,
          500,
        );
        expect(tail).toBeGreaterThanOrEqual(2);
        expect(tail).toBeLessThanOrEqual(after.count - before.count + 1);
      }
    });

    it('never holds two sessions with one BMC: concurrent scrapes of a target take turns', async () => {
      const s = live()[4]!;
      // A relay that notes, per client socket (= per session), when its first and last datagram passed.
      const relay = dgram.createSocket('udp4');
      const back = new Map<string, dgram.Socket>();
      const spans = new Map<string, [number, number]>();
      relay.on('message', (msg, from) => {
        const key = `${from.address}:${from.port}`;
        const span = spans.get(key) ?? [Date.now(), 0];
        span[1] = Date.now();
        spans.set(key, span);
        let b = back.get(key);
        if (!b) {
          const sock = dgram.createSocket('udp4');
          sock.on('message', (reply) => {
            spans.get(key)![1] = Date.now();
            relay.send(reply, from.port, from.address);
          });
          back.set(key, sock);
          b = sock;
        }
        b.send(msg, s.port, s.host);
      });
      await new Promise<void>((r) => relay.bind(0, '127.0.0.1', r));
      try {
        const url = `${exporter.url}/ipmi?target=127.0.0.1:${relay.address().port}`;
        const answers = await Promise.all([1, 2, 3].map(() => scrape(url, 8)));
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
        expect(answers.filter((a) => a.body.includes('ipmi_up{collector="ipmi"} 1')).length).toBeGreaterThanOrEqual(1);
        const sessions = [...spans.values()].sort((a, b) => a[0] - b[0]);
        expect(sessions.length).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < sessions.length; i++)
          expect(sessions[i]![0], `session ${i} began before session ${i - 1} ended`).toBeGreaterThanOrEqual(sessions[i - 1]![1]);
      } finally {
        relay.close();
        for (const b of back.values()) b.close();
      }
    });

    it('serves output promtool accepts on every endpoint', async () => {
      const endpoints = [
        `${exporter.url}/metrics`,
        `${exporter.url}/ipmi?target=${target(live()[0]!)}`,
        `${exporter.url}/ipmi?target=${target(live()[1]!)}&module=default`,
        `${exporter.url}/ipmi?target=${target(dead)}`,
      ];
      for (const url of endpoints) {
        const r = await scrape(url, 3);
        expect(r.status, url).toBe(200);
        const check = promtoolCheck(r.body);
        // ipmi_exporter's own name for the SEL entry count trips promtool's naming lint (a gauge
        // ending in _count); it is kept for compatibility (ipmi_exporter's output gets the same
        // finding). Anything else is a defect.
        const findings = check.output.split('\n').filter((l) => l !== '' && l !== INHERITED_LINT);
        expect([url, findings]).toEqual([url, []]);
        expect(check.status === 0 || check.output.includes(INHERITED_LINT)).toBe(true);
      }
      const self = await prom.query('ipmits_exporter_scrapes_total{job="exporter",outcome="done"}');
      expect(Number(self[0]!.value[1])).toBeGreaterThanOrEqual(SIMS);
    });
  });

  describe('next to Debian prometheus-ipmi-exporter on the same BMCs', () => {
    let ipmiExporter: Proc;
    beforeAll(async () => {
      const cfg = path.join(tmp.dir, 'ipmi_exporter.yml');
      writeFileSync(cfg, IPMI_EXPORTER_CONFIG);
      chmodSync(cfg, 0o600);
      ipmiExporter = await startIpmiExporter(cfg, tmp.dir);
    }, 30_000);
    afterAll(async () => {
      await ipmiExporter?.stop();
    });

    it('produces every series ipmi_exporter produces for the collectors ipmits covers, with the same values', async () => {
      // Series of the Go runtime and the exporter process are not IPMI data.
      const ownSeries = /^(go_|process_|promhttp_|ipmi_exporter_)/;
      for (const s of [live()[2]!, live()[9]!]) {
        const theirs = await scrape(`${ipmiExporter.url}/ipmi?target=${target(s)}`, 10);
        const ours = await scrape(`${exporter.url}/ipmi?target=${target(s)}`, 10);
        expect(theirs.status).toBe(200);
        expect(ours.status).toBe(200);
        const a = parseExposition(theirs.body);
        const b = parseExposition(ours.body);
        const compared: string[] = [];
        for (const [key, t] of a) {
          if (ownSeries.test(t.name)) continue;
          const o = b.get(key);
          expect(o, `${target(s)}: ipmits lacks ${key}`).toBeDefined();
          if (t.name === 'ipmi_scrape_duration_seconds') continue;
          if (/_state$/.test(t.name)) {
            // FreeIPMI's default interpretation calls an upper non-critical temperature "Nominal";
            // ipmits says warning (1), as `sensor list` does. Critical agrees.
            if (t.value === 2 || Number.isNaN(t.value)) expect(o!.value, key).toEqual(t.value);
            else expect([0, 1], key).toContain(o!.value);
          } else if (Number.isNaN(t.value)) expect(o!.value, key).toBeNaN();
          else expect(Math.abs(o!.value - t.value), `${key}: ${o!.value} vs ${t.value}`).toBeLessThanOrEqual(Math.max(0.01, Math.abs(t.value) * 0.005));
          compared.push(key);
        }
        expect(promtoolCheck(theirs.body).output).toContain(INHERITED_LINT);
        // Their HELP lines are ours too, word for word.
        const help = (text: string) => new Set(text.split('\n').filter((l) => l.startsWith('# HELP ipmi_') && !/ipmi_exporter_/.test(l)));
        for (const h of help(theirs.body)) expect(help(ours.body), h).toContain(h);
        expect(compared.length).toBeGreaterThanOrEqual(45);
      }
    }, 60_000);
  });

  describe('scale-out: two Prometheus servers sharded by hashmod, each with its own exporter', () => {
    let second: Proc;
    const proms: Prometheus[] = [];
    beforeAll(async () => {
      second = await startIpmitsExporter(config, { XDG_CACHE_HOME: path.join(tmp.dir, 'cache2'), HOME: tmp.dir });
      for (const [shard, ex] of [
        [0, exporter],
        [1, second],
      ] as const) {
        proms.push(await startPrometheus(tmp.dir, ipmiJob('ipmits', ex.port, sims.map(target), { interval: '3s', timeout: '3s', shard: [shard, 2] })));
      }
    }, 90_000);
    afterAll(async () => {
      await Promise.all(proms.map((p) => p.stop()));
      await second?.stop();
    });

    it('holds every target exactly once across the two servers', async () => {
      const instances = async (p: Prometheus) => (await p.query('up{job="ipmits"}')).map((r) => r.metric.instance!);
      await waitFor(
        'both shards scraped',
        async () => ((await instances(proms[0]!)).length + (await instances(proms[1]!)).length === SIMS ? true : undefined),
        30_000,
        500,
      );
      const [a, b] = [await instances(proms[0]!), await instances(proms[1]!)];
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((x) => b.includes(x))).toEqual([]);
      expect([...a, ...b].sort()).toEqual(sims.map(target).sort());
      // Each server's data came through its own exporter: the second exporter saw only its shard.
      await waitFor(
        'the second shard stored sensor readings',
        async () => ((await proms[1]!.query('count(ipmi_temperature_celsius{job="ipmits"})')).length > 0 ? true : undefined),
        20_000,
        500,
      );
      const self = parseExposition((await scrape(`${second.url}/metrics`, 5)).body);
      const remembered = [...self.values()].find((x) => x.name === 'ipmits_exporter_targets_remembered')!.value;
      expect(remembered).toBe(b.length);
    });
  });

  describeSoak(live);
});
