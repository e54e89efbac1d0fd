/**
 * The fan-out engine: one command line over many hosts in one event loop.
 *
 * At most `fanout` hosts run at once, started no faster than `ratePerSec` (power-on inrush),
 * one session per BMC at a time (two names of one host:port never overlap). A host that has
 * not finished `hostTimeoutMs` after it started is abandoned (its run is told to stop) and
 * reported as timed out; at the overall deadline every running host is abandoned and the
 * hosts not started are reported as such. A dead host costs its own deadline, never a slot
 * of anyone else's beyond it.
 *
 * What a host runs is the caller's `runOne` (the CLI runs the parsed command line there):
 * this module knows nothing of commands or output.
 */
import type { Clock, RandomSource } from '../io.js';
import type { Target } from './hostrange.js';

export interface HostError {
  /** A stable word: the IpmiError code (timeout, connection-refused, auth, ...), or deadline / not-started. */
  kind: string;
  message: string;
}

export interface HostOutcome {
  /** The exit status the same command would have had on this host alone. */
  code: number;
  stdout: string;
  stderr: string;
  error?: HostError;
}

export interface HostResult extends HostOutcome {
  target: Target;
  ms: number;
}

/** Runs the command on one host; `signal` aborts when the engine gives up on the host. */
export type RunOne = (target: Target, signal: AbortSignal) => Promise<HostOutcome>;

export interface EngineOptions {
  /** Hosts in flight at once (default 64). */
  fanout?: number;
  /** Host starts per second; undefined = no limit. */
  ratePerSec?: number;
  /** Per-host limit in ms from the host's start (--timeout); undefined = none. */
  hostTimeoutMs?: number;
  /** Whole-run limit in ms (--deadline); undefined = none. */
  deadlineMs?: number;
  /** Exit status given to hosts abandoned at a deadline or never started (default 3). */
  timeoutCode?: number;
  clock: Clock;
  onStart?(target: Target): void;
  onDone?(result: HostResult): void;
}

interface Slot {
  target: Target;
  started: number;
  abort: AbortController;
  finish(outcome: HostOutcome): void;
  timer?: unknown;
}

/** Key of one BMC: a second session to it waits until the first one ends. */
function bmcKey(t: Target): string {
  return `${t.host.toLowerCase()}|${t.port ?? ''}`;
}

/** Results in completion order. Never rejects: a host's failure is its result. */
export function runFleet(targets: readonly Target[], runOne: RunOne, o: EngineOptions): Promise<HostResult[]> {
  const fanout = Math.max(1, o.fanout ?? 64);
  const clock = o.clock;
  const timeoutCode = o.timeoutCode ?? 3;
  const spacing = o.ratePerSec ? 1000 / o.ratePerSec : 0;
  const pending = [...targets];
  const running = new Map<Target, Slot>();
  const busy = new Set<string>();
  const results: HostResult[] = [];
  const t0 = clock.now();
  let nextStartAt = t0;
  let wakeTimer: unknown;
  let over = false;

  return new Promise((resolveAll) => {
    const done = (r: HostResult): void => {
      results.push(r);
      o.onDone?.(r);
    };

    const maybeEnd = (): void => {
      if (running.size > 0 || (pending.length > 0 && !over)) return;
      if (wakeTimer !== undefined) clock.clearTimeout(wakeTimer);
      if (overallTimer !== undefined) clock.clearTimeout(overallTimer);
      for (const t of pending.splice(0)) {
        done({
          target: t,
          ms: 0,
          code: timeoutCode,
          stdout: '',
          stderr: '',
          error: { kind: 'not-started', message: 'Not started: the --deadline passed first' },
        });
      }
      resolveAll(results);
    };

    const start = (target: Target): void => {
      const key = bmcKey(target);
      busy.add(key);
      const abort = new AbortController();
      let settled = false;
      const slot: Slot = {
        target,
        started: clock.now(),
        abort,
        finish: (outcome) => {
          if (settled) return;
          settled = true;
          if (slot.timer !== undefined) clock.clearTimeout(slot.timer);
          running.delete(target);
          busy.delete(key);
          done({ ...outcome, target, ms: clock.now() - slot.started });
          pump();
          maybeEnd();
        },
      };
      running.set(target, slot);
      o.onStart?.(target);
      if (o.hostTimeoutMs !== undefined) {
        slot.timer = clock.setTimeout(
          () => giveUp(slot, 'timeout', `Timed out: no result within the ${o.hostTimeoutMs! / 1000} s deadline (--timeout)`),
          o.hostTimeoutMs,
        );
      }
      let p: Promise<HostOutcome>;
      try {
        p = runOne(target, abort.signal);
      } catch (e) {
        p = Promise.reject(e);
      }
      p.then(slot.finish, (e: unknown) =>
        slot.finish({
          code: 70,
          stdout: '',
          stderr: `ipmits: internal error: ${(e as Error)?.message ?? String(e)}\n`,
          error: { kind: 'internal', message: String((e as Error)?.message ?? e) },
        }),
      );
    };

    const giveUp = (slot: Slot, kind: string, message: string): void => {
      slot.abort.abort();
      slot.finish({ code: timeoutCode, stdout: '', stderr: `${message}\n`, error: { kind, message } });
    };

    const pump = (): void => {
      if (over) return;
      while (running.size < fanout && pending.length > 0) {
        const now = clock.now();
        if (spacing && now < nextStartAt) {
          if (wakeTimer === undefined) {
            wakeTimer = clock.setTimeout(() => {
              wakeTimer = undefined;
              pump();
              maybeEnd();
            }, nextStartAt - now);
          }
          return;
        }
        const i = pending.findIndex((t) => !busy.has(bmcKey(t)));
        if (i < 0) return;
        const [target] = pending.splice(i, 1);
        if (spacing) nextStartAt = Math.max(nextStartAt, now) + spacing;
        start(target!);
      }
    };

    const overallTimer =
      o.deadlineMs !== undefined
        ? clock.setTimeout(() => {
            over = true;
            for (const slot of [...running.values()]) giveUp(slot, 'deadline', `Timed out: the ${o.deadlineMs! / 1000} s --deadline of the whole run passed`);
            maybeEnd();
          }, o.deadlineMs)
        : undefined;

    pump();
    maybeEnd();
  });
}

/** The highest per-host exit status, 0 when every host succeeded (FreeIPMI pstdout's rule). */
export function fleetExitCode(results: readonly Pick<HostResult, 'code'>[]): number {
  return results.reduce((m, r) => Math.max(m, r.code), 0);
}

/**
 * A clock whose timers fire up to `fraction` later, at random: sessions started together then
 * retransmit at staggered times instead of in one burst (pyghmi staggers its retries so).
 */
export function jitteredClock(clock: Clock, random: RandomSource, fraction = 0.1): Clock {
  return {
    now: () => clock.now(),
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms + Math.floor((ms * fraction * random(1)[0]!) / 255)),
    clearTimeout: (h) => clock.clearTimeout(h),
  };
}

/**
 * The same random source, drawn `chunk` bytes at a time: every session wants a few random bytes
 * per packet (IVs, sequence numbers, jitter), and each draw from the system CSPRNG costs ~8 us of
 * fixed overhead (Web Crypto's getRandomValues), which made ~11 draws per host 10 % of the CPU of a
 * 1024-host `power status`. Bytes are handed out once each, never twice.
 */
export function bufferedRandom(random: RandomSource, chunk = 4096): RandomSource {
  let pool: Buffer = Buffer.alloc(0);
  let used = 0; // an offset, not pool = pool.subarray(n): one view per draw instead of two (subarray is native in Bun)
  return (n) => {
    if (n > chunk / 4) return random(n);
    if (pool.length - used < n) {
      pool = random(chunk);
      used = 0;
    }
    used += n;
    return pool.subarray(used - n, used);
  };
}
