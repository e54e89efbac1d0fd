/**
 * Real processes for the exporter tests, all on loopback with free ports: ipmits' exporter, Debian's
 * prometheus-ipmi-exporter, Prometheus (its own temp storage) and promtool. Every process is killed
 * in stop() and by an exit hook; every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ipmitsCommand, ROOT } from '../support/run.js';

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export interface Proc {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function track(child: ChildProcess): { output(): string; stop(): Promise<void> } {
  live.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      live.delete(child);
    },
  };
}

/** `ipmits exporter --listen 127.0.0.1:0 --config FILE`: resolves once it says where it listens. */
export async function startIpmitsExporter(config: string, env: Record<string, string>, extra: string[] = []): Promise<Proc> {
  const [cmd, ...pre] = ipmitsCommand();
  const child = spawn(cmd!, [...pre, 'exporter', '--listen', '127.0.0.1:0', '--config', config, ...extra], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t = track(child);
  const port = await waitFor(
    'ipmits exporter to listen',
    async () => {
      if (child.exitCode !== null) throw new Error(`ipmits exporter exited ${child.exitCode}: ${t.output()}`);
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(t.output());
      return m ? Number(m[1]) : undefined;
    },
    15_000,
    50,
  );
  return { child, port, url: `http://127.0.0.1:${port}`, ...t };
}

/** Debian's prometheus-ipmi-exporter (ipmi_exporter 1.6.1 + FreeIPMI). */
export async function startIpmiExporter(config: string, home: string): Promise<Proc> {
  const port = await freePort();
  const child = spawn('prometheus-ipmi-exporter', [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`, '--freeipmi.path=/usr/sbin'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t = track(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('ipmi_exporter to listen', async () => ((await fetch(`${url}/`)).ok ? true : undefined), 15_000);
  return { child, port, url, ...t };
}

export interface Prometheus extends Proc {
  /** An instant query; the result vector. */
  query(q: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
}

/** Prometheus with this scrape config (YAML text), its own storage dir under `dir`. */
export async function startPrometheus(dir: string, scrapeConfigs: string, globalExtra = ''): Promise<Prometheus> {
  const port = await freePort();
  const cfg = path.join(dir, `prometheus-${port}.yml`);
  writeFileSync(cfg, `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n${globalExtra}scrape_configs:\n${scrapeConfigs}`);
  const check = spawnSync('promtool', ['check', 'config', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`promtool check config: ${check.stdout}${check.stderr}`);
  const child = spawn(
    'prometheus',
    [
      `--config.file=${cfg}`,
      `--storage.tsdb.path=${path.join(dir, `data-${port}`)}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir } },
  );
  const t = track(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor('prometheus to be ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 30_000, 200);
  const query = async (q: string) => {
    const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`);
    const j = (await r.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> }; error?: string };
    if (j.status !== 'success') throw new Error(`query ${q}: ${j.error}`);
    return j.data.result;
  };
  return { child, port, url, query, ...t };
}

/** The standard ipmi_exporter multi-target scrape job: targets become ?target=, the exporter is the address. */
export function ipmiJob(
  name: string,
  exporterPort: number,
  targets: string[],
  o: { module?: string; interval?: string; timeout?: string; shard?: [number, number] } = {},
): string {
  const shard = o.shard
    ? `      - source_labels: [__address__]\n        modulus: ${o.shard[1]}\n        target_label: __tmp_hash\n        action: hashmod\n      - source_labels: [__tmp_hash]\n        regex: "${o.shard[0]}"\n        action: keep\n`
    : '';
  return `  - job_name: ${name}
    metrics_path: /ipmi
${o.interval ? `    scrape_interval: ${o.interval}\n` : ''}${o.timeout ? `    scrape_timeout: ${o.timeout}\n` : ''}${o.module ? `    params:\n      module: [${o.module}]\n` : ''}    static_configs:
      - targets: [${targets.map((t) => `"${t}"`).join(', ')}]
    relabel_configs:
${shard}      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 127.0.0.1:${exporterPort}
`;
}

/** `promtool check metrics` on an exposition text: its complaints ('' when none). */
export function promtoolCheck(text: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Parse exposition text into series: `name{sorted labels}` -> value. */
export function parseExposition(text: string): Map<string, { name: string; labels: Record<string, string>; value: number }> {
  const out = new Map<string, { name: string; labels: Record<string, string>; value: number }>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    const key = `${m[1]}{${Object.keys(labels)
      .sort()
      .map((k) => `${k}=${JSON.stringify(labels[k])}`)
      .join(',')}}`;
    out.set(key, { name: m[1]!, labels, value: Number(m[4] === 'NaN' ? NaN : m[4]) });
  }
  return out;
}

/** GET with the Prometheus timeout header; the body and how long it took. */
export async function scrape(url: string, timeoutSec: number): Promise<{ status: number; body: string; ms: number }> {
  const t0 = Date.now();
  const r = await fetch(url, { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': String(timeoutSec) }, signal: AbortSignal.timeout(timeoutSec * 1000 + 5000) });
  return { status: r.status, body: await r.text(), ms: Date.now() - t0 };
}
