/**
 * The exporter's HTTP side (node:http: two GET routes need no framework):
 *
 *   GET /metrics                      the exporter's own health; plus the local BMC when /dev/ipmi0 exists
 *   GET /ipmi?target=HOST[:PORT]&module=NAME   one BMC, as ipmi_exporter's multi-target endpoint
 *   GET /                             a one-line pointer
 *
 * Each /ipmi scrape is bounded by X-Prometheus-Scrape-Timeout-Seconds less a margin (limits.ts);
 * at most one scrape per target runs (a second waits, then answers ipmi_up 0 when the first is
 * still running at its deadline); at most `concurrency` targets are scraped at once. A scrape that
 * misses its deadline answers ipmi_up 0 at the deadline; its session keeps the target's lock until
 * its own deadline ends it, so nothing doubles up on the BMC. Bad requests: 400/404/405 with one line.
 * Credentials never appear in a URL, a response or the log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TargetMemory } from './collectors.js';
import type { ExporterConfig, Module } from './config.js';
import { family, render, type Family } from './exposition.js';
import { scrapeBudgetMs, Semaphore, TargetLocks, within } from './limits.js';
import type { SettingsFor } from './inventory.js';
import { downFamilies, scrapeTarget, type ScrapeDeps, type Target } from './scrape.js';

export interface ExporterOptions {
  config: ExporterConfig;
  /** Scrapes talking to BMCs at once. */
  concurrency: number;
  /** The module /metrics uses for the local BMC, when `localBmc()` says it exists. */
  localModule?: Module;
  localBmc(): boolean;
  /** Per-target settings over the module's (the ipmits inventory, --inventory). */
  settingsFor?: SettingsFor;
  /** Resident set size and open fds for the exporter's own metrics. */
  processStats(): ProcessStats;
  /** The event loop's recent delay in ms (p99 over the last seconds); kept back from every scrape's budget. */
  loopLagMs?(): number;
}

/** The process as Prometheus client libraries describe theirs (process_* metrics). */
export interface ProcessStats {
  cpuSeconds: number;
  rssBytes: number;
  openFds: number | undefined;
  maxFds: number | undefined;
  startTimeSeconds: number;
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const DEFAULT_PORT = 623;
/** Forget a target's SEL after this long without a scrape. */
const MEMORY_TTL_MS = 3_600_000;

/** HOST, HOST:PORT, [IPv6], [IPv6]:PORT, or a bare IPv6 address; undefined when malformed. */
export function parseTarget(s: string, defaultPort = DEFAULT_PORT): Target | undefined {
  if (s.length === 0 || s.length > 255 || /[\s/@?#]/.test(s)) return undefined;
  let host = s;
  let port = defaultPort;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2] !== undefined) port = Number(bracket[2]);
  } else if ((s.match(/:/g) ?? []).length === 1) {
    const i = s.lastIndexOf(':');
    host = s.slice(0, i);
    const p = s.slice(i + 1);
    if (!/^\d+$/.test(p)) return undefined;
    port = Number(p);
  }
  if (host.length === 0 || !(port >= 1 && port <= 65535)) return undefined;
  return { host, port };
}

/** Whether a target names its port (HOST:PORT, [IPv6]:PORT). */
const namesPort = (s: string): boolean => /^\[[^\]]+\]:\d+$/.test(s) || /^[^:]+:\d+$/.test(s);

interface Stats {
  scrapes: Map<string, number>;
  inFlight: number;
  durations: { sum: number; count: number };
}

export class Exporter {
  readonly locks: TargetLocks;
  readonly gate: Semaphore;
  private readonly memory = new Map<string, { m: TargetMemory; used: number }>();
  private readonly stats: Stats = { scrapes: new Map(), inFlight: 0, durations: { sum: 0, count: 0 } };
  private readonly started: number;

  constructor(
    private readonly o: ExporterOptions,
    private readonly deps: ScrapeDeps,
  ) {
    this.locks = new TargetLocks(deps.clock);
    this.gate = new Semaphore(deps.clock, o.concurrency);
    this.started = deps.clock.now();
  }

  /** Scrapes currently talking to BMCs (sessions open or opening). */
  get inFlight(): number {
    return this.stats.inFlight;
  }

  private count(outcome: string): void {
    this.stats.scrapes.set(outcome, (this.stats.scrapes.get(outcome) ?? 0) + 1);
  }

  private memoryFor(key: string): TargetMemory {
    const now = this.deps.clock.now();
    for (const [k, v] of this.memory) if (now - v.used > MEMORY_TTL_MS) this.memory.delete(k);
    const e = this.memory.get(key) ?? { m: {}, used: now };
    e.used = now;
    this.memory.set(key, e);
    return e.m;
  }

  /** One target within `budgetMs`: its families, or every collector down when it could not finish. */
  async scrape(t: Target, m: Module, budgetMs: number): Promise<Family[]> {
    const clock = this.deps.clock;
    const start = clock.now();
    const left = (): number => budgetMs - (clock.now() - start);
    const key = `${t.host ?? 'local'}:${t.port}`;
    const lock = await this.locks.acquire(key, budgetMs);
    if (!lock) {
      this.count('busy');
      this.deps.log(`target ${key}: the previous scrape is still running; answering ipmi_up 0`);
      return downFamilies(m.collectors, (clock.now() - start) / 1000);
    }
    const slot = await this.gate.acquire(left());
    if (!slot) {
      lock.release();
      this.count('queued-too-long');
      this.deps.log(`target ${key}: ${this.o.concurrency} scrapes already running until the deadline; answering ipmi_up 0`);
      return downFamilies(m.collectors, (clock.now() - start) / 1000);
    }
    this.stats.inFlight++;
    const work = scrapeTarget(t, m, left(), this.memoryFor(key), this.deps).finally(() => {
      this.stats.inFlight--;
      slot.release();
      lock.release();
    });
    let result: Family[] | undefined;
    let failed: unknown;
    work.then(
      (r) => (result = r),
      (e: unknown) => (failed = e),
    );
    const finished = await within(clock, work, left());
    const seconds = (clock.now() - start) / 1000;
    this.stats.durations.sum += seconds;
    this.stats.durations.count++;
    if (finished && failed !== undefined) {
      this.count('error');
      this.deps.log(`target ${key}: ${(failed as Error)?.message ?? String(failed)}; answering ipmi_up 0`);
      return downFamilies(m.collectors, seconds);
    }
    if (!finished || !result) {
      this.count('deadline');
      this.deps.log(`target ${key}: no answer within ${budgetMs} ms; answering ipmi_up 0`);
      return downFamilies(m.collectors, seconds);
    }
    this.count('done');
    return result;
  }

  /** The exporter's own metrics (ipmits names). */
  selfMetrics(): Family[] {
    const s = this.stats;
    const scrapes = family(
      'ipmits_exporter_scrapes_total',
      'ipmits: /ipmi scrapes answered, by outcome (done, deadline, busy, queued-too-long, error).',
      'counter',
    );
    for (const [outcome, n] of s.scrapes) scrapes.add({ outcome }, n);
    const inflight = family('ipmits_exporter_scrapes_in_flight', 'ipmits: scrapes talking to BMCs now (each holds at most one session).');
    inflight.add({}, s.inFlight);
    const waiting = family('ipmits_exporter_scrapes_waiting', 'ipmits: scrapes waiting for the global concurrency limit.');
    waiting.add({}, this.gate.waiting);
    const limit = family('ipmits_exporter_concurrency_limit', 'ipmits: the most scrapes talking to BMCs at once.');
    limit.add({}, this.o.concurrency);
    const dur = family('ipmits_exporter_scrape_seconds_total', 'ipmits: total seconds spent answering /ipmi scrapes.', 'counter');
    dur.add({}, s.durations.sum);
    // The process_* families of the Prometheus client libraries, same names and HELP texts, so the usual dashboards work.
    const p = this.o.processStats();
    const cpu = family('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', 'counter');
    cpu.add({}, p.cpuSeconds);
    const rss = family('process_resident_memory_bytes', 'Resident memory size in bytes.');
    rss.add({}, p.rssBytes);
    const fds = family('process_open_fds', 'Number of open file descriptors.');
    if (p.openFds !== undefined) fds.add({}, p.openFds);
    const maxFds = family('process_max_fds', 'Maximum number of open file descriptors.');
    if (p.maxFds !== undefined) maxFds.add({}, p.maxFds);
    const start = family('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.');
    start.add({}, p.startTimeSeconds);
    const lag = family('ipmits_exporter_event_loop_lag_seconds', 'ipmits: recent event loop delay (p99), kept back from every scrape budget.');
    if (this.o.loopLagMs) lag.add({}, this.o.loopLagMs() / 1000);
    const uptime = family('ipmits_exporter_uptime_seconds', 'ipmits: seconds since the exporter started.');
    uptime.add({}, (this.deps.clock.now() - this.started) / 1000);
    const targets = family('ipmits_exporter_targets_remembered', 'ipmits: targets whose SEL state is kept between scrapes.');
    targets.add({}, this.memory.size);
    return [scrapes, inflight, waiting, limit, dur, cpu, rss, fds, maxFds, start, lag, uptime, targets];
  }

  /** The request handler (exported for tests that do not need a socket). */
  async handle(
    method: string,
    url: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<{ status: number; body: string; type: string }> {
    const text = (status: number, body: string) => ({ status, body: `${body}\n`, type: 'text/plain; charset=utf-8' });
    if (method !== 'GET' && method !== 'HEAD') return text(405, `method ${method} not allowed: use GET`);
    let u: URL;
    try {
      u = new URL(url, 'http://exporter.invalid');
    } catch {
      return text(400, 'bad request URL');
    }
    const timeoutHeader = headers['x-prometheus-scrape-timeout-seconds'];
    const header = Array.isArray(timeoutHeader) ? timeoutHeader[0] : timeoutHeader;
    if (u.pathname === '/') return text(200, 'ipmits exporter: scrape /ipmi?target=HOST&module=NAME, or /metrics for the exporter itself');
    if (u.pathname === '/metrics') {
      const fams = this.selfMetrics();
      if (this.o.localModule && this.o.localBmc()) {
        fams.push(...(await this.scrape({ port: 0 }, this.o.localModule, scrapeBudgetMs(header, this.o.localModule.timeoutMs, this.o.loopLagMs?.()))));
      }
      return { status: 200, body: render(fams), type: CONTENT_TYPE };
    }
    if (u.pathname !== '/ipmi') return text(404, `unknown path ${u.pathname}: use /ipmi?target=HOST&module=NAME or /metrics`);
    for (const k of u.searchParams.keys()) {
      if (k !== 'target' && k !== 'module') return text(400, `unknown query parameter '${k}': only target and module are accepted`);
    }
    const targets = u.searchParams.getAll('target');
    if (targets.length !== 1 || targets[0] === '') return text(400, "give exactly one 'target' parameter (HOST or HOST:PORT)");
    const modules = u.searchParams.getAll('module');
    if (modules.length > 1) return text(400, "give at most one 'module' parameter");
    const moduleName = modules[0] ?? 'default';
    const m = this.o.config.modules.get(moduleName);
    if (!m) return text(400, `unknown module '${moduleName}': the config has ${[...this.o.config.modules.keys()].join(', ')}`);
    if (m.driver === 'OPEN') return text(400, `module '${moduleName}' uses driver OPEN: the local BMC is served on /metrics`);
    const label = targets[0]!;
    const t = parseTarget(label, m.port ?? DEFAULT_PORT);
    if (!t) return text(400, `bad target '${label.slice(0, 80)}': expected HOST, HOST:PORT or [IPv6]:PORT`);
    let mod = m;
    if (this.o.settingsFor) {
      try {
        const s = await this.o.settingsFor(t.host!, label);
        mod = { ...m, ...s };
        // The inventory's port applies when the target names none.
        if (s.port !== undefined && !namesPort(label)) t.port = s.port;
      } catch (e) {
        this.deps.log(`target ${label}: inventory: ${(e as Error).message}`);
        return { status: 200, body: render(downFamilies(m.collectors, 0)), type: CONTENT_TYPE };
      }
      if (mod.driver === 'OPEN') return text(400, `the inventory gives target '${label.slice(0, 80)}' interface open: not a LAN target`);
    }
    const fams = await this.scrape(t, mod, scrapeBudgetMs(header, mod.timeoutMs, this.o.loopLagMs?.()));
    return { status: 200, body: render(fams), type: CONTENT_TYPE };
  }
}

/** The HTTP server around an Exporter; `listen` resolves with the bound address. */
export function httpServer(ex: Exporter, log: (line: string) => void): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    ex.handle(req.method ?? 'GET', req.url ?? '/', req.headers).then(
      (r) => {
        res.writeHead(r.status, { 'Content-Type': r.type, 'Content-Length': Buffer.byteLength(r.body) });
        res.end(req.method === 'HEAD' ? undefined : r.body);
      },
      (e: unknown) => {
        log(`internal error: ${(e as Error)?.message ?? String(e)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      },
    );
  });
}
