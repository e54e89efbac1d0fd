/**
 * One scrape of one target: a Context (one session) with the module's settings and the scrape's
 * deadline, the module's collectors in turn over that session, Close Session at the end. Every
 * collector reports `ipmi_up{collector}`; the scrape `ipmi_scrape_duration_seconds`, and (an ipmits
 * addition) the IPMI packets it sent. Nothing here outlives the deadline: the Context's deadline
 * ends any exchange still waiting, and Close Session is bounded.
 */
import type { AddonResult } from '../native/addon.js';
import type { Clock, DatagramSocket, RandomSource } from '../io.js';
import { Context, type Io } from '../runtime/context.js';
import type { GlobalOptions } from '../runtime/options.js';
import type { UdpTarget } from '../transport/udp.js';
import type { PenRegistry } from '../spec/iana.js';
import { cacheDir, cacheFileName, defaultCacheIo } from '../sdr/cache.js';
import { DEFAULT_WINDOW, SdrSource } from '../sdr/source.js';
import { DEFAULT_TIMEOUT_SEC } from '../runtime/connect.js';
import { COLLECTOR_IMPL, type TargetMemory } from './collectors.js';
import type { CollectorName, Module } from './config.js';
import { family, type Family } from './exposition.js';

export interface ScrapeDeps {
  clock: Clock;
  random: RandomSource;
  connect(t: UdpTarget): Promise<DatagramSocket>;
  env: Readonly<Record<string, string | undefined>>;
  ipmiDev?: (env: Readonly<Record<string, string | undefined>>) => AddonResult;
  registry: () => PenRegistry;
  /** One line per failed collector (never a secret: the error messages name commands, not credentials). */
  log(line: string): void;
}

export interface Target {
  /** undefined: the local BMC (-I open). */
  host?: string;
  port: number;
}

const SILENT: Io = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: process.stdin,
};

export function optionsFor(t: Target, m: Module, budgetMs: number): GlobalOptions {
  const iface = m.driver === 'OPEN' ? 'open' : m.driver === 'LAN' ? 'lan' : 'lanplus';
  return {
    interface: iface,
    ...(t.host !== undefined ? { host: t.host } : {}),
    port: t.port,
    username: m.user,
    passwordSources: [{ kind: 'arg', value: m.password.toString('latin1'), order: 0 }],
    kgSources: m.kg ? [{ kind: 'hex', bytes: m.kg, order: 1 }] : [],
    privilege: m.privilege,
    nameOnlyLookup: true,
    ...(m.cipherSuite !== undefined ? { cipherSuite: m.cipherSuite } : {}),
    verbose: 0,
    csv: false,
    escapeChar: '~',
    devnum: 0,
    utc: false,
    format: 'text',
    deadlineSec: budgetMs / 1000,
    cache: true,
    force: false,
    color: false,
  };
}

/** Counts datagrams sent through the sockets it hands out. */
function countingConnect(connect: ScrapeDeps['connect'], counter: { sent: number }): ScrapeDeps['connect'] {
  return async (t) => {
    const s = await connect(t);
    return {
      send: (b) => {
        counter.sent++;
        return s.send(b);
      },
      onMessage: (cb) => s.onMessage(cb),
      onError: (cb) => s.onError(cb),
      close: () => s.close(),
    };
  };
}

export const upFamily = (): ReturnType<typeof family> => family('ipmi_up', "'1' if a scrape of the IPMI device was successful, '0' otherwise.");
export const durationFamily = (): ReturnType<typeof family> =>
  family('ipmi_scrape_duration_seconds', 'Returns how long the scrape took to complete in seconds.');

/** The answer for a target that could not be scraped at all (deadline, busy): every collector down. */
export function downFamilies(collectors: readonly CollectorName[], seconds: number): Family[] {
  const up = upFamily();
  for (const c of collectors) up.add({ collector: c }, 0);
  const d = durationFamily();
  d.add({}, seconds);
  return [up, d];
}

export async function scrapeTarget(t: Target, m: Module, budgetMs: number, memory: TargetMemory, deps: ScrapeDeps): Promise<Family[]> {
  const started = deps.clock.now();
  const counter = { sent: 0 };
  const ctx = new Context(optionsFor(t, m, budgetMs), SILENT, {
    env: deps.env,
    clock: deps.clock,
    random: deps.random,
    connect: countingConnect(deps.connect, counter),
    prompt: async () => undefined,
    ...(deps.ipmiDev ? { ipmiDev: deps.ipmiDev } : {}),
  });
  const dir = cacheDir(deps.env);
  const sdr = new SdrSource({
    client: () => ctx.client(),
    clock: deps.clock,
    random: deps.random,
    log: ctx.log,
    cache: dir && t.host !== undefined ? { dir, name: cacheFileName(t.host, t.port), bmc: `${t.host}:${t.port}` } : undefined,
    cacheIo: defaultCacheIo,
    file: undefined,
    timeoutMs: DEFAULT_TIMEOUT_SEC[ctx.interfaceName] * 1000,
    window: DEFAULT_WINDOW,
  });
  const up = upFamily();
  const out: Family[] = [up];
  const where = `${t.host ?? 'local'}:${t.port}`;
  try {
    for (const name of m.collectors) {
      try {
        out.push(...(await COLLECTOR_IMPL[name]({ ctx, sdr, module: m, memory, registry: deps.registry })));
        up.add({ collector: name }, 1);
        if (memory.failing?.delete(name)) deps.log(`target ${where} collector ${name}: up again`);
      } catch (e) {
        up.add({ collector: name }, 0);
        const why = (e as Error).message.split('\n')[0]!;
        memory.failing ??= new Map();
        // A BMC without DCMI fails that collector on every scrape: say so once, and when the cause changes.
        if (memory.failing.get(name) !== why) deps.log(`target ${where} collector ${name}: ${why}`);
        memory.failing.set(name, why);
      }
    }
  } finally {
    await ctx.close();
  }
  const d = durationFamily();
  d.add({}, (deps.clock.now() - started) / 1000);
  const sent = family('ipmits_scrape_packets_sent', 'ipmits: IPMI datagrams this scrape sent to the BMC (requests, retransmissions, session setup and close).');
  if (t.host !== undefined) sent.add({}, counter.sent);
  return [...out, d, sent];
}
