/**
 * What keeps the exporter from piling up work on a BMC or on itself:
 *
 * - `scrapeBudgetMs`: the time a scrape may take, from Prometheus' X-Prometheus-Scrape-Timeout-Seconds
 *   header minus a margin (so the answer, even "ipmi_up 0", arrives before Prometheus gives up);
 * - `TargetLocks`: one scrape per target at a time; a second one waits for the first, at most
 *   until its own deadline, so a BMC never sees two of our sessions for one target;
 * - `Semaphore`: a global limit on scrapes talking to BMCs at once; waiters give up at their deadline.
 *
 * Time comes from an injected Clock (tests use a fake one). No I/O.
 */
import type { Clock } from '../io.js';

/** Without the header (a curl, an old Prometheus): Prometheus' default scrape_timeout. */
export const DEFAULT_SCRAPE_TIMEOUT_SEC = 10;
/**
 * Kept back for rendering, the network and a busy event loop: 15 % of the timeout, at least 500 ms,
 * at most 1.5 s (but never more than half the timeout).
 */
export function marginMs(timeoutMs: number): number {
  return Math.min(timeoutMs / 2, Math.min(1500, Math.max(500, Math.round(timeoutMs * 0.15))));
}

/**
 * The budget of one scrape in ms: the header's seconds (a positive decimal) less the margin and the
 * recent event loop delay `lagMs`, also capped by the module's `timeout`; never below 100 ms. A
 * header that is not a positive number is ignored.
 */
export function scrapeBudgetMs(header: string | undefined, moduleTimeoutMs?: number, lagMs = 0): number {
  const sec = header !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(header) ? Number(header) : NaN;
  const timeoutMs = (sec > 0 ? sec : DEFAULT_SCRAPE_TIMEOUT_SEC) * 1000;
  // A busy process answers late by about its event loop's delay: keep that back too (up to a quarter).
  let budget = timeoutMs - marginMs(timeoutMs) - Math.min(Math.max(0, lagMs), timeoutMs / 4);
  if (moduleTimeoutMs !== undefined) budget = Math.min(budget, moduleTimeoutMs);
  return Math.max(100, budget);
}

/** Resolves true when `p` settles first, false when `ms` pass first (p keeps running). */
export function within(clock: Clock, p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (ms <= 0) {
      resolve(false);
      return;
    }
    const t = clock.setTimeout(() => resolve(false), ms);
    const done = (): void => {
      clock.clearTimeout(t);
      resolve(true);
    };
    p.then(done, done);
  });
}

/** A held slot; release() is idempotent. */
export interface Held {
  release(): void;
}

/** One holder per key; others queue in arrival order and may give up at their deadline. */
export class TargetLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private held = 0;

  constructor(private readonly clock: Clock) {}

  /** Keys with a holder or a queue now. */
  get active(): number {
    return this.tails.size;
  }

  /** Holders now (at most one per key). */
  get holding(): number {
    return this.held;
  }

  /** The lock for `key` within `ms`, or undefined when the previous holder did not finish in time. */
  async acquire(key: string, ms: number): Promise<Held | undefined> {
    const before = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    // The queue for this key now ends after us, whether we get our turn or give up.
    const tail = (before ?? Promise.resolve()).then(() => mine);
    this.tails.set(key, tail);
    const cleanup = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (before && !(await within(this.clock, before, ms))) {
      // We leave the queue: our turn passes at once when it comes.
      release();
      void tail.then(cleanup);
      return undefined;
    }
    this.held++;
    let done = false;
    return {
      release: () => {
        if (done) return;
        done = true;
        this.held--;
        release();
        void tail.then(cleanup);
      },
    };
  }
}

/** At most `limit` holders; waiters are served in order and give up after `ms`. */
export class Semaphore {
  private inUse = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(
    private readonly clock: Clock,
    readonly limit: number,
  ) {}

  get used(): number {
    return this.inUse;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(ms: number): Promise<Held | undefined> {
    const held = (): Held => {
      let done = false;
      return {
        release: () => {
          if (done) return;
          done = true;
          const next = this.waiters.shift();
          if (next) next.grant();
          else this.inUse--;
        },
      };
    };
    if (this.inUse < this.limit) {
      this.inUse++;
      return Promise.resolve(held());
    }
    return new Promise((resolve) => {
      const w = {
        grant: () => {
          this.clock.clearTimeout(timer);
          resolve(held());
        },
      };
      const timer = this.clock.setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(undefined);
      }, ms);
      this.waiters.push(w);
    });
  }
}
