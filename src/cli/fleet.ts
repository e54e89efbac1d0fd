/**
 * The entrance of a run over a hostrange (`-H bmc[01-64]`, `-H @group:rack1`, docs/fleet.md):
 * expand the hosts, apply the inventory, check the command may run on many hosts, resolve each
 * distinct password and Kg source once, then let src/fleet/engine.ts run the command line on
 * every host (each in a Context of its own, output buffered, sessions sharing a few UDP
 * sockets) and print the results as they come (text, --json) or at the end (--gather, --table).
 */
import { nodeFs } from '../node-fs.js';
import { PassThrough } from 'node:stream';
import { IpmiError, UsageError } from '../errors.js';
import { bufferedRandom, jitteredClock, fleetExitCode, runFleet, type HostOutcome, type HostResult } from '../fleet/engine.js';
import { expandHostrange, type Target } from '../fleet/hostrange.js';

export { isHostrange } from '../fleet/hostrange.js';
import { groupHosts, hostSettings, loadInventory, secretResolver, type HostSettings } from '../fleet/inventory.js';
import { clearProgress, failureSummary, jsonLine, prefixLines, progressLine, renderGathered } from '../output/fleet.js';
import { interfaceOf } from '../runtime/connect.js';
import type { Deps, Io } from '../runtime/context.js';
import { resolveCredentials, type Credentials } from '../runtime/credentials.js';
import type { GlobalOptions } from '../runtime/options.js';
import { readInputFile } from '../read-input.js';
import { strerror } from '../strerror.js';
import { bunUdp, connectBunUdp } from '../transport/udp-bun.js';
import type { UdpPool } from '../transport/udp-pool.js';
import type { DatagramSocket } from '../io.js';

/** How main.ts runs one command line on one host (passed in: fleet.ts does not import main.ts). */
export type RunOnHost = (
  options: GlobalOptions,
  command: readonly string[],
  io: Io,
  deps: Deps,
  signal: AbortSignal,
) => Promise<{ code: number; error?: unknown }>;

const DEFAULT_FANOUT = 64;

/**
 * A fleet run gets the normal JIT (src/cli/jit.ts) before JIT_AFTER_MS once its sessions have sent
 * this many datagrams while fewer than a quarter of the hosts started have finished: the hosts hold
 * long conversations (sdr, sensor, sel, fru: dozens of requests each), which the JIT's compiling
 * pays back. Short conversations keep it held back: `power status` over 64 ipmi_sim sends 320 in
 * all, over 254 responders the hosts finish as fast as they start, and there the JIT from this
 * point on cost 1.10x the wall time (docs/benchmarks.md, "Fast start, eighth pass").
 */
const LONG_RUN_DATAGRAMS = 400;

/**
 * A fleet run over this many hosts gets the normal JIT from its start: its session code runs
 * thousands of times. `power status` over responders, wall time with the JIT from the start against
 * held back: 254 hosts 1.05x, 384 0.90x, 512 0.82x, 1024 0.85x (docs/benchmarks.md, eighth pass).
 */
const LONG_RUN_HOSTS = 320;

/** Interactive commands: one host at a time. */
function interactive(command: readonly string[]): string | undefined {
  const [name, sub] = command;
  if (name === 'shell') return 'shell';
  if (name === 'sol' && sub === 'activate') return 'sol activate';
  return undefined;
}

/** Verbs that change a machine's state (power, boot device, SEL, BMC reset, users, LAN): ask before doing them on many hosts. */
export function destructive(command: readonly string[]): string | undefined {
  const [name, a, b] = command;
  const words = command.slice(0, 3).join(' ');
  const powerVerbs = ['off', 'cycle', 'reset', 'soft', 'diag'];
  if (name === 'power' && a && powerVerbs.includes(a)) return words.split(' ').slice(0, 2).join(' ');
  if (name === 'chassis' && a === 'power' && b && powerVerbs.includes(b)) return words;
  if (name === 'chassis' && (a === 'bootdev' || (a === 'bootparam' && b === 'set'))) return `chassis ${a}`;
  if (name === 'sel' && a === 'clear') return 'sel clear';
  if (name === 'mc' && a === 'reset') return 'mc reset';
  if (name === 'user' && a && ['set', 'enable', 'disable', 'priv'].includes(a)) return `user ${a}`;
  if (name === 'lan' && a === 'set') return 'lan set';
  return undefined;
}

/** main's hooks for a fleet run. */
export interface FleetHooks {
  /** Called with a cleanup to run if a signal (SIGINT, SIGTERM, SIGHUP) ends the process early. */
  onCleanup?(cleanup: () => Promise<void>): void;
  /** Called when the run is or turns out long (LONG_RUN_HOSTS, longRunWatch): the entrance gives the JIT back. */
  onLongRun?(): void;
}

/**
 * Run `command` on every host of `options.host`. `hooks.onCleanup` gets a cleanup that stops
 * every host and closes the sessions that are open.
 */
export async function runFleetCommand(
  options: GlobalOptions,
  command: readonly string[],
  io: Io,
  deps: Deps,
  runOnHost: RunOnHost,
  hooks: FleetHooks = {},
): Promise<number> {
  const f = options.fleet ?? {};
  if (interfaceOf(options) === 'open') throw new UsageError("-I open talks to this machine's BMC: a hostrange needs -I lan or -I lanplus");
  const inv = loadInventory(f.inventory, { env: deps.env });
  const targets = expandHostrange(options.host!, {
    readFile: (p) => {
      try {
        return readInputFile(p).toString('utf8');
      } catch (e) {
        throw new UsageError(`Cannot read host file ${p}: ${strerror(e)}`, undefined, 'hostrange');
      }
    },
    group: (name) => (inv ? groupHosts(inv, name) : undefined),
  });
  const many = targets.length > 1;
  const long = targets.length >= LONG_RUN_HOSTS;
  if (long) hooks.onLongRun?.();
  const alone = interactive(command);
  if (alone && many) throw new UsageError(`${alone} works on one host at a time; -H names ${targets.length} hosts`);
  const risky = destructive(command);
  if (risky && many && !f.yes) await confirm(risky, targets.length, io, deps);

  const settings = targets.map((t) => (inv ? hostSettings(inv, t) : { groups: [] }));
  const credsFor = credentialSource(options, deps);
  // Every distinct source is resolved (and prompted for) before the first packet goes out.
  const creds = await Promise.all(targets.map((t, i) => credsFor(hostOptions(options, t, settings[i]!), settings[i]!)));

  const sockets = await sessionSockets();
  const counts = { done: 0, failed: 0, running: 0 };
  const watched = longRunWatch(counts, long ? undefined : hooks.onLongRun);
  const random = bufferedRandom(deps.random);
  const format = options.format;
  const hostDeps: Deps = {
    ...deps,
    random,
    clock: jitteredClock(deps.clock, random),
    connect: async (t) => watched(await sockets.connect(t)),
    prompt: async () => undefined,
    readFile: onceEach(deps.readFile ?? ((p: string) => nodeFs().readFileSync(p))),
    shared: new Map(),
  };
  const tty = io.stderr.isTTY === true;
  let shown = false;
  let lastDraw = 0;
  const t0 = deps.clock.now();
  const draw = (force = false): void => {
    if (!tty) return;
    const now = deps.clock.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    shown = true;
    io.stderr.write(progressLine({ ...counts, total: targets.length, elapsedMs: now - t0 }));
  };
  const unDraw = (): void => {
    if (shown) io.stderr.write(clearProgress);
    shown = false;
  };

  // A signal ends every host: each closes its session (runOnHost does on abort), then the process ends.
  const stopAll = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  hooks.onCleanup?.(async () => {
    stopAll.abort();
    await Promise.allSettled([...inFlight]);
  });

  const indexOf = new Map(targets.map((t, i) => [t, i])); // targets.indexOf per host was quadratic
  const runOne = async (t: Target, signal: AbortSignal): Promise<HostOutcome> => {
    const i = indexOf.get(t)!;
    const out = collector();
    const err = collector();
    const hostIo: Io = { stdout: out, stderr: err, stdin: emptyStdin() };
    const o = { ...hostOptions(options, t, settings[i]!), ...secretsOf(creds[i]!), color: false as const };
    if (format !== 'json') o.format = 'text';
    const run = runOnHost(o, command, hostIo, hostDeps, AbortSignal.any([signal, stopAll.signal]));
    inFlight.add(run);
    const r = await run.finally(() => inFlight.delete(run));
    const e = r.error;
    return {
      code: r.code,
      stdout: out.text(),
      stderr: err.text(),
      ...(e === undefined ? {} : { error: errorOf(e) }),
    };
  };

  // Hosts that finish together share one write (one system call per host cost ~3 % of 1024 hosts).
  // On a terminal every result is shown at once, as the progress line is drawn under it.
  const out = batched(io.stdout, tty);
  const err = batched(io.stderr, tty);
  let results: HostResult[];
  try {
    results = await runFleet(targets, runOne, {
      fanout: f.fanout ?? DEFAULT_FANOUT,
      ...(f.rate !== undefined ? { ratePerSec: f.rate } : {}),
      ...(options.deadlineSec !== undefined ? { hostTimeoutMs: options.deadlineSec * 1000 } : {}),
      ...(f.deadlineSec !== undefined ? { deadlineMs: f.deadlineSec * 1000 } : {}),
      clock: deps.clock,
      onStart: () => {
        counts.running++;
        draw();
      },
      onDone: (r) => {
        counts.running--;
        counts.done++;
        if (r.code !== 0) counts.failed++;
        unDraw();
        if (format === 'json') out.write(jsonLine(r));
        else if (!f.gather && format !== 'table') {
          out.write(prefixLines(r.target.label, r.stdout));
          err.write(prefixLines(r.target.label, r.stderr));
        } else if (f.gather) err.write(prefixLines(r.target.label, r.stderr));
        draw(true);
      },
    });
  } finally {
    out.flush();
    err.flush();
    await sockets.close();
  }
  unDraw();
  if (f.gather && format !== 'json') io.stdout.write(renderGathered(results));
  else if (format === 'table') io.stdout.write((await import('../output/fleet-table.js')).renderFleetTable(results, options.color ?? false));
  io.stderr.write(failureSummary(results));
  return fleetExitCode(results);
}

/** The options one host runs with: -H/-p as the range and inventory say; the command line's own choices win. */
function hostOptions(base: GlobalOptions, t: Target, s: HostSettings): GlobalOptions {
  const o: GlobalOptions = { ...base, host: t.host, port: t.port ?? s.port ?? base.port };
  if (base.username === '' && s.user !== undefined) o.username = s.user;
  if (base.interface === undefined && s.interface !== undefined) o.interface = s.interface;
  if (base.cipherSuite === undefined && s.cipherSuite !== undefined) o.cipherSuite = s.cipherSuite;
  if (s.privilege !== undefined && base.privilege === 4 && base.privilegeInvalid === undefined) o.privilege = s.privilege;
  return o;
}

/** Credentials as options: the resolved bytes, so no host prompts or reads a file again. */
function secretsOf(c: Credentials): Pick<GlobalOptions, 'passwordSources' | 'kgSources'> {
  return { passwordSources: [{ kind: 'arg', value: c.password.toString('latin1'), order: 0 }], kgSources: [{ kind: 'hex', bytes: c.kg, order: 1 }] };
}

/**
 * Password and Kg per host, each distinct source resolved once: the command line's -P, -f, -E,
 * -k, -y, -K win over the inventory; -a (and the prompt ipmitool gives when no password is
 * named) serve the hosts the inventory gives no password.
 */
function credentialSource(base: GlobalOptions, deps: Deps): (o: GlobalOptions, s: HostSettings) => Promise<Credentials> {
  const secret = secretResolver({ env: deps.env, prompt: deps.prompt });
  const fromArgv = new Map<string, Promise<Credentials>>();
  const cliPassword = base.passwordSources.some((p) => p.kind !== 'prompt');
  return async (o, s) => {
    const iface = interfaceOf(o) === 'lan' ? 'lan' : 'lanplus';
    const useInvPassword = s.password !== undefined && !cliPassword;
    const useInvKg = s.kg !== undefined && base.kgSources.length === 0;
    let cli: Credentials | undefined;
    if (!useInvPassword || !useInvKg) {
      // Prompt wording and length limits as ipmitool's; one resolution per interface.
      const key = `${iface}|${o.authType === 0 ? 'none' : ''}`;
      let p = fromArgv.get(key);
      if (!p) {
        const src = useInvPassword ? { ...o, passwordSources: [{ kind: 'arg' as const, value: '', order: -1 }] } : o;
        fromArgv.set(key, (p = resolveCredentials(src, deps.env, deps.prompt, iface)));
      }
      cli = await p;
    }
    const password = useInvPassword ? await secret(s.password!, 'password') : cli!.password;
    let kg = cli?.kg ?? Buffer.alloc(20);
    if (useInvKg) {
      const bytes = await secret(s.kg!, 'kg');
      if (bytes.length > 20) throw new UsageError('Kg key is too long');
      kg = Buffer.alloc(20);
      bytes.copy(kg);
    }
    return { password, kg };
  };
}

async function confirm(what: string, n: number, io: Io, deps: Deps): Promise<void> {
  const refuse = `'${what}' on ${n} hosts needs --yes, or a confirmation typed on a terminal`;
  if (io.stdin.isTTY !== true || io.stderr.isTTY !== true) throw new UsageError(refuse, undefined, 'confirm');
  const answer = await deps.prompt(`'${what}' will touch ${n} hosts. Type yes to go on: `);
  if (answer?.trim().toLowerCase() !== 'yes') throw new UsageError(`Not confirmed: '${what}' was not run on any of the ${n} hosts`, undefined, 'confirm');
}

/**
 * Where the sessions' sockets come from. In the Bun executable each session gets a Bun.udpSocket of
 * its own (connected, closed at the session's end, so at most --fanout at once; ICMP errors reach it
 * as with the pool): ~13 % less CPU than node:dgram's shim there (1024 responders, 5 pairs), and
 * node:dgram is not even loaded. Under Node: the pool's kept sockets.
 */
async function sessionSockets(): Promise<Pick<UdpPool, 'connect' | 'close'>> {
  const bun = bunUdp();
  if (bun) return { connect: (t) => connectBunUdp(bun, t), close: async () => undefined };
  return (await import('../transport/udp-pool.js')).createUdpPool();
}

/**
 * Sockets that count the datagrams sent by every session together, and call `onLongRun` once when
 * LONG_RUN_DATAGRAMS have gone while fewer than a quarter of the hosts started (`counts`: done and
 * running) have finished.
 */
export function longRunWatch(counts: { readonly done: number; readonly running: number }, onLongRun?: () => void): (s: DatagramSocket) => DatagramSocket {
  if (!onLongRun) return (s) => s;
  let sent = 0;
  let called = false;
  const note = (): void => {
    if (called || ++sent < LONG_RUN_DATAGRAMS || counts.done * 4 >= counts.done + counts.running) return;
    called = true;
    onLongRun();
  };
  return (s) => ({
    send: (buf) => {
      note();
      return s.send(buf);
    },
    onMessage: (cb) => s.onMessage(cb),
    onError: (cb) => s.onError(cb),
    close: () => s.close(),
  });
}

/** Each file read once for all hosts (the IANA registry is 4.7 MB: 64 synchronous reads stalled every session). */
function onceEach(read: (path: string) => Uint8Array): (path: string) => Uint8Array {
  const seen = new Map<string, Uint8Array | Error>();
  return (path) => {
    let got = seen.get(path);
    if (got === undefined) {
      try {
        got = read(path);
      } catch (e) {
        got = e as Error;
      }
      seen.set(path, got);
    }
    if (got instanceof Error) throw got;
    return got;
  };
}

/** Text written now (`now`), or gathered and written once the hosts finishing in this turn are done. */
function batched(stream: Io['stdout'], now: boolean): { write(text: string): void; flush(): void } {
  let parts: string[] = [];
  const flush = (): void => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    stream.write(text);
  };
  return {
    write: (text) => {
      if (text === '') return;
      if (now) return void stream.write(text);
      if (parts.push(text) === 1) setImmediate(flush);
    },
    flush,
  };
}

/** The error of a host for --json and the summary: the message, with its cause when there is one ("... (Connection refused: ...)"). */
function errorOf(e: unknown): { kind: string; message: string } {
  if (e instanceof IpmiError) {
    const message = e.message || e.preamble.join(' ');
    return { kind: e.code, message: e.detail && e.detail !== message ? `${message} (${e.detail})` : message };
  }
  return { kind: 'internal', message: `internal error: ${(e as Error)?.message ?? String(e)}` };
}

function collector(): { write(chunk: string | Uint8Array): boolean; text(): string; isTTY: false } {
  const parts: string[] = [];
  return {
    isTTY: false,
    write: (chunk) => {
      parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
    text: () => parts.join(''),
  };
}

function emptyStdin(): Io['stdin'] {
  const s = new PassThrough();
  s.end();
  return s as unknown as Io['stdin'];
}
