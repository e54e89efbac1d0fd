/**
 * `ipmits exporter [--listen ADDR:PORT] [--config FILE] [--concurrency N]` (an ipmits addition): a
 * Prometheus exporter that replaces ipmi_exporter (docs/exporter.md). Runs until SIGTERM/SIGINT;
 * a bad option or config file is one line and a non-zero exit before anything listens.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { systemClock, systemRandom } from '../../io.js';
import { HelpRequest, LocalError, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import type { Outcome } from '../../report.js';
import { loadPenRegistry, type PenRegistry } from '../../spec/iana.js';
import { defaultModule, fsConfigIo, loadConfig, type ExporterConfig } from '../../exporter/config.js';
import { Exporter, httpServer, type ProcessStats } from '../../exporter/server.js';
import { inventorySettings } from '../../exporter/inventory.js';
import { loadInventory } from '../../fleet/inventory.js';

export const EXPORTER_USAGE = `usage: exporter [--listen ADDR:PORT] [--config FILE] [--inventory FILE] [--concurrency N]
   --listen ADDR:PORT   where to serve /metrics and /ipmi (default :9290, as ipmi_exporter)
   --config FILE        ipmi_exporter's YAML config (modules: user, pass, driver, privilege, ...)
   --inventory FILE     per-BMC settings from the ipmits inventory (TOML), over the module's
   --concurrency N      most BMC scrapes at once (default 64)
`;

interface Args {
  host: string | undefined;
  port: number;
  config?: string;
  inventory?: string;
  concurrency: number;
}

export function parseListen(s: string): { host: string | undefined; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(s);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  const host = m[1] ?? m[2];
  return { host: host === '' ? undefined : host, port };
}

export function parseArgs(args: readonly string[]): Args {
  const out: Args = { host: undefined, port: 9290, concurrency: 64 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`exporter: ${flag} needs a value`, EXPORTER_USAGE);
      return v;
    };
    switch (flag) {
      case 'help':
      case '--help':
      case '-h':
        throw new HelpRequest(EXPORTER_USAGE);
      case '--listen':
      case '--web.listen-address': {
        const v = value();
        const l = parseListen(v);
        if (!l) throw new UsageError(`exporter: bad --listen '${v}': expected ADDR:PORT, :PORT or [IPv6]:PORT`, EXPORTER_USAGE);
        out.host = l.host;
        out.port = l.port;
        break;
      }
      case '--config':
      case '--config.file':
        out.config = value();
        break;
      case '--inventory':
        out.inventory = value();
        break;
      case '--concurrency': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > 4096) throw new UsageError(`exporter: bad --concurrency '${v}': expected 1 to 4096`, EXPORTER_USAGE);
        out.concurrency = n;
        break;
      }
      default:
        throw new UsageError(`exporter: unknown argument '${a}'`, EXPORTER_USAGE);
    }
  }
  return out;
}

/** The process, for the process_* metrics: /proc where there is one. */
function processStats(): ProcessStats {
  let openFds: number | undefined;
  let maxFds: number | undefined;
  try {
    openFds = readdirSync('/proc/self/fd').length;
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) maxFds = Number(m[1]);
  } catch {
    // not Linux: left out
  }
  const { user, system } = process.cpuUsage();
  return {
    cpuSeconds: (user + system) / 1e6,
    rssBytes: process.memoryUsage.rss(),
    openFds,
    maxFds,
    startTimeSeconds: Math.round((Date.now() - process.uptime() * 1000) / 1000),
  };
}

/** The event loop's delay, p99 over windows of 5 s (perf_hooks), in ms. */
function eventLoopLag(): { ms(): number; stop(): void } {
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  let last = 0;
  const t = setInterval(() => {
    last = h.percentile(99) / 1e6;
    h.reset();
  }, 5000);
  t.unref();
  return {
    ms: () => Math.max(last, h.count > 0 ? h.percentile(99) / 1e6 : 0),
    stop: () => {
      clearInterval(t);
      h.disable();
    },
  };
}

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const a = parseArgs(args);
  const env = ctx.deps.env;
  const config: ExporterConfig =
    a.config !== undefined ? loadConfig(a.config, fsConfigIo(env)) : { modules: new Map([['default', defaultModule('LAN_2_0')]]), notes: [] };
  const inventory = a.inventory !== undefined ? loadInventory(a.inventory, { env }) : undefined;
  const log = (line: string): void => void ctx.io.stderr.write(`ipmits exporter: ${line}\n`);
  for (const n of config.notes) log(n);
  let registry: PenRegistry | undefined;
  const loopLag = eventLoopLag();
  const ex = new Exporter(
    {
      config,
      concurrency: a.concurrency,
      localModule: defaultModule('OPEN'),
      ...(inventory ? { settingsFor: inventorySettings(inventory, { env }) } : {}),
      localBmc: () => existsSync(`/dev/ipmi${ctx.options.devnum}`),
      processStats,
      loopLagMs: loopLag.ms,
    },
    {
      clock: ctx.deps.clock ?? systemClock,
      random: ctx.deps.random ?? systemRandom,
      connect: ctx.deps.connect,
      env,
      ...(ctx.deps.ipmiDev ? { ipmiDev: ctx.deps.ipmiDev } : {}),
      registry: () => (registry ??= loadPenRegistry(env, (p) => readFileSync(p)).registry),
      log,
    },
  );
  // Load the session code now, not during the first scrapes (which would pay for it against their deadline).
  await Promise.all([import('../../transport/lanplus.js'), import('../../transport/lan.js')]);
  const server = httpServer(ex, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new LocalError(`exporter: cannot listen on ${a.host ?? '*'}:${a.port}: ${e.code ?? e.message}`, 'listen')),
    );
    server.listen({ port: a.port, ...(a.host !== undefined ? { host: a.host } : {}) }, resolve);
  });
  const addr = server.address() as AddressInfo;
  log(`listening on ${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port} (modules: ${[...config.modules.keys()].join(', ')})`);
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  ctx.beforeClose(async () => {
    loopLag.stop();
    server.close();
    server.closeAllConnections();
    await closed;
  });
  await closed;
  return [];
}
