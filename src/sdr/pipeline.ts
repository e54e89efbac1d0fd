/**
 * Several independent requests in flight at once (sensor readings, thresholds, the cache
 * check). Requests go out in bursts of `window` and every burst is awaited before the next,
 * so a BMC sees at most `window` outstanding requests. Each request keeps its own rqSeq and
 * retries (the exchanger matches replies to waiters), so a burst is correct on any BMC; it
 * is only faster where the BMC queues requests. On any sign of trouble (a request that
 * needed a retransmission or got no answer, "node busy", "duplicate request") the window
 * drops to 1 for the rest of the run and failed requests are sent again one at a time.
 */
import { CompletionCode } from '../ipmi/completion-codes.js';
import { DeadlineError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import type { IpmiCommand } from '../ipmi/command.js';
import type { Clock } from '../io.js';

/** A request's outcome: the completion code and decoded value, or `error` (no answer, bad reply). */
export interface Outcome<Res> {
  cc?: number;
  value?: Res;
  error?: unknown;
}

export interface Job<Req, Res> {
  cmd: IpmiCommand<Req, Res>;
  req: Req;
  lun?: number;
}

/** Completion codes that say "too many at once" rather than anything about the request. */
const BUSY = new Set<number>([CompletionCode.NodeBusy, CompletionCode.Timeout, CompletionCode.DuplicatedRequest]);

export class Pipeline {
  private troubled = false;

  constructor(
    private readonly client: IpmiClient,
    private readonly clock: Clock,
    /** Requests per burst; 1 = one at a time. */
    private win: number,
    /** A request slower than this was retransmitted at least once. */
    private readonly slowMs: number,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get window(): number {
    return this.win;
  }

  private degrade(why: string): void {
    if (this.win > 1) this.log(`several requests in flight: ${why}; one at a time from now on`);
    this.win = 1;
    this.troubled = true;
  }

  private async one<Req, Res>(job: Job<Req, Res>): Promise<Outcome<Res>> {
    const started = this.clock.now();
    try {
      const r = await this.client.try(job.cmd, job.req, job.lun !== undefined ? { lun: job.lun } : {});
      if (this.win > 1 && this.clock.now() - started >= this.slowMs) this.degrade(`${job.cmd.name} needed a retry`);
      return r.cc === 0 ? { cc: 0, value: r.value as Res } : { cc: r.cc };
    } catch (e) {
      // The deadline (--timeout) is final: never retried, never swallowed.
      if (e instanceof DeadlineError) throw e;
      return { error: e };
    }
  }

  /** Run all jobs; results in job order. */
  async run<Req, Res>(jobs: readonly Job<Req, Res>[]): Promise<Outcome<Res>[]> {
    const out: Outcome<Res>[] = new Array(jobs.length);
    let i = 0;
    while (i < jobs.length) {
      const n = Math.min(this.win, jobs.length - i);
      const burst = jobs.slice(i, i + n);
      const wasParallel = n > 1;
      const results = await Promise.all(burst.map((j) => this.one(j)));
      for (let k = 0; k < n; k++) {
        const r = results[k]!;
        if (wasParallel && (r.error !== undefined || (r.cc !== undefined && BUSY.has(r.cc)))) {
          this.degrade(r.error !== undefined ? `no answer to ${burst[k]!.cmd.name}` : `completion code ${r.cc!.toString(16)}h`);
          // Again, alone: the failure may have been caused by the company it kept.
          out[i + k] = await this.one(burst[k]!);
        } else out[i + k] = r;
      }
      i += n;
    }
    return out;
  }

  /** Run jobs of different types together (the cache check with the first readings). */
  async all<T extends readonly Job<unknown, unknown>[]>(jobs: T): Promise<{ [K in keyof T]: T[K] extends Job<unknown, infer R> ? Outcome<R> : never }> {
    return (await this.run(jobs as readonly Job<unknown, unknown>[])) as never;
  }

  get degraded(): boolean {
    return this.troubled;
  }
}
