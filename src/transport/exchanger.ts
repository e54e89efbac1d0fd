/**
 * Request/response over one datagram socket: send, wait for a matching reply,
 * retransmit on silence, give up after the tries or at the overall deadline.
 * Each arriving packet is decoded once (the session checks integrity and the
 * replay window there); decoded messages are offered to every waiting exchange
 * and, if nobody claims one, to the unsolicited handler (SOL data arrives so).
 * A decoder may answer asynchronously (decryption): messages are still handed on
 * in the order their packets arrived.
 */
import { DeadlineError, DecodeError, TimeoutError, TransportError } from '../errors.js';
import type { Clock, DatagramSocket, Logger } from '../io.js';
import { ArrivalOrder } from './arrival-order.js';

export interface TryPolicy {
  tries: number;
  timeoutMs: number;
  /** Added to the wait after every unanswered try (ipmitool lanplus: +1 s). */
  growMs: number;
  /**
   * Under a bounded deadline (--timeout), keep sending after `tries` until the deadline: the user
   * said how long a lossy link may take (issue 15: 30% loss each way).
   */
  untilDeadline?: boolean;
}

/** A packet the decoder refused, with the reason (shown under -vv, and in the error if nothing else came). */
export interface Refused {
  refused: string;
}

export type Decoder<M> = (pkt: Buffer) => M | Refused | Promise<M | Refused>;

/** Kept back from the work for Close Session: a tenth of the deadline, at most 1 s (see Deadline). */
export function closeReserveMs(totalMs: number): number {
  return Math.min(1000, Math.floor(totalMs / 10));
}

/**
 * The overall `--timeout` deadline, shared by every exchange of one invocation. The work (session
 * set-up, the command) must end a little before it: the last `closeReserveMs` are kept for Close
 * Session, which uses `final`, so that the whole command, close included, ends by the deadline
 * and the session still gets its Close Session (with a retransmission) when the deadline cuts a run.
 */
export class Deadline {
  private constructor(
    private readonly clock: Clock,
    /** When everything must be over (ms on the clock); undefined = no deadline. */
    private readonly at: number | undefined,
    readonly seconds: number | undefined,
    /** Kept back from `at` for the work (0 for `final`). */
    private readonly reserveMs: number,
  ) {}

  static none(clock: Clock): Deadline {
    return new Deadline(clock, undefined, undefined, 0);
  }
  /** `seconds` from `startedAt` (default: now; the CLI counts from the process start). */
  static after(clock: Clock, seconds: number, startedAt = clock.now()): Deadline {
    const totalMs = seconds * 1000;
    return new Deadline(clock, Math.round(Math.min(startedAt, clock.now())) + totalMs, seconds, closeReserveMs(totalMs));
  }

  /** The same deadline with nothing kept back: for Close Session (and what must precede it). */
  get final(): Deadline {
    return this.reserveMs === 0 ? this : new Deadline(this.clock, this.at, this.seconds, 0);
  }

  /** A `--timeout` was given. */
  get bounded(): boolean {
    return this.at !== undefined;
  }

  /** Milliseconds left, capped at `want`. */
  cap(want: number): number {
    if (this.at === undefined) return want;
    return Math.max(0, Math.min(want, this.at - this.reserveMs - this.clock.now()));
  }
  get expired(): boolean {
    return this.at !== undefined && this.clock.now() >= this.at - this.reserveMs;
  }
  error(): DeadlineError {
    return new DeadlineError(`Timed out: no result within the ${this.seconds} s deadline (--timeout)`);
  }
}

interface Waiter<M> {
  offer(msg: M): boolean;
}

function isRefused<M>(x: M | Refused): x is Refused {
  return typeof x === 'object' && x !== null && 'refused' in x;
}

export class Exchanger<M> {
  private readonly waiters = new Set<Waiter<M>>();
  private readonly wakers = new Set<() => void>();
  private unsolicited: ((msg: M) => void) | undefined;
  private strays: ((msg: M) => boolean) | undefined;
  private claimed: ((msg: M) => void) | undefined;
  private flushStrays: (() => void) | undefined;
  private socketError: Error | undefined;
  /** Count and last reason of refused packets, so an exchange can tell garbage from silence. */
  private refusedCount = 0;
  private lastRefusal = '';
  /** Decoding may be asynchronous: messages are still handed on in the order their packets came. */
  private readonly order = new ArrivalOrder();

  constructor(
    private readonly sock: DatagramSocket,
    private readonly clock: Clock,
    readonly deadline: Deadline,
    private readonly log: Logger,
    private readonly decoder: Decoder<M>,
  ) {
    sock.onMessage((pkt) => this.dispatch(pkt));
    sock.onError((err) => {
      this.socketError = err;
      for (const w of [...this.wakers]) w();
    });
  }

  setUnsolicited(handler: ((msg: M) => void) | undefined): void {
    this.unsolicited = handler;
  }

  /**
   * Sees every message no exchange claimed, before the unsolicited handler; true = dealt with (the
   * transport's housekeeping). `claimed` sees every message an exchange took; `flush` runs when the
   * socket is about to close.
   */
  setStrays(handler: ((msg: M) => boolean) | undefined, flush?: () => void, claimed?: (msg: M) => void): void {
    this.strays = handler;
    this.flushStrays = flush;
    this.claimed = claimed;
  }

  private dispatch(pkt: Buffer): void {
    let msg: M | Refused | Promise<M | Refused>;
    try {
      msg = this.decoder(pkt);
    } catch (e) {
      msg = { refused: (e as Error).message };
    }
    this.order.offer(
      msg,
      (m) => this.deliver(pkt, m),
      (e) => this.deliver(pkt, { refused: (e as Error).message }),
    );
  }

  private deliver(pkt: Buffer, msg: M | Refused): void {
    if (isRefused(msg)) {
      this.refusedCount++;
      this.lastRefusal = msg.refused;
      this.log.verbose(2, `ignored a packet of ${pkt.length} bytes: ${msg.refused}`);
      return;
    }
    for (const w of this.waiters) {
      if (w.offer(msg)) {
        this.claimed?.(msg);
        return;
      }
    }
    if (this.strays?.(msg)) return;
    if (this.unsolicited) this.unsolicited(msg);
    else this.log.verbose(3, `ignored an unexpected packet of ${pkt.length} bytes`);
  }

  private closed = false;

  /** Close the socket; exchanges in flight or started later fail at once. */
  close(): Promise<void> {
    if (!this.closed) this.flushStrays?.();
    this.closed = true;
    for (const w of [...this.wakers]) w();
    return this.sock.close();
  }

  /** Send without waiting for anything. */
  send(pkt: Uint8Array): Promise<void> {
    return this.sock.send(pkt);
  }

  /**
   * Send `build(attempt)` and wait until `accept` claims a reply (returns non-undefined).
   * `build` is called per attempt so session sequence numbers move on a retransmission; it may be
   * asynchronous (encryption): the wait starts once the packet is built.
   * `accept` may throw to fail the exchange at once (an error status in the reply).
   * `closing` (Close Session): runs on the time kept back before the deadline (Deadline.final), and
   * its first try is sent even when that is over (then without waiting: the BMC may still get it).
   */
  async exchange<T>(
    what: string,
    build: (attempt: number) => Uint8Array | Promise<Uint8Array>,
    accept: (msg: M) => T | undefined,
    policy: TryPolicy,
    closing = false,
  ): Promise<T> {
    const deadline = closing ? this.deadline.final : this.deadline;
    const refusedBefore = this.refusedCount;
    const tries = Math.max(1, policy.tries);
    const sends = policy.untilDeadline && deadline.bounded && !closing ? Number.POSITIVE_INFINITY : tries;
    // Under --timeout the wait does not grow: on a lossy link retransmissions every -N seconds give
    // the most tries by the deadline, and a slow BMC's late reply to an earlier copy is still taken.
    const growMs = deadline.bounded && !closing ? 0 : policy.growMs;
    for (let attempt = 0; attempt < sends; attempt++) {
      if (this.closed) throw new TransportError(`${what}: the connection was closed`, 'closed');
      if (deadline.expired && !(closing && attempt === 0)) throw deadline.error();
      // Built synchronously (before a session), the wait starts at once, as the packet goes.
      const built = build(attempt);
      const pkt = built instanceof Promise ? await built : built;
      if (this.closed) throw new TransportError(`${what}: the connection was closed`, 'closed');
      const want = policy.timeoutMs + Math.min(attempt, tries - 1) * growMs;
      const wait = deadline.cap(want);
      const result = await this.once(pkt, accept, wait);
      if (result.done) return result.value;
      if (this.closed) throw new TransportError(`${what}: the connection was closed`, 'closed');
      this.throwSocketError();
      this.log.verbose(2, `${what}: no reply within ${wait} ms (try ${attempt + 1} of ${sends === tries ? tries : 'as many as --timeout allows'})`);
    }
    if (deadline.expired) throw deadline.error();
    if (this.refusedCount > refusedBefore) {
      throw new DecodeError(`Invalid reply to ${what}: ${this.lastRefusal}`);
    }
    throw new TimeoutError(`No response to ${what}`, tries);
  }

  private throwSocketError(): void {
    const err = this.socketError;
    if (!err) return;
    this.socketError = undefined;
    if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
      throw new TransportError('Connection refused: nothing answers IPMI at the BMC address', 'connection-refused');
    }
    throw new TransportError(`Socket error: ${err.message}`, 'socket');
  }

  private once<T>(pkt: Uint8Array, accept: (msg: M) => T | undefined, waitMs: number): Promise<{ done: true; value: T } | { done: false }> {
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        this.waiters.delete(waiter);
        this.wakers.delete(wake);
        this.clock.clearTimeout(timer);
      };
      const wake = (): void => {
        finish();
        resolve({ done: false });
      };
      const waiter: Waiter<M> = {
        offer: (msg) => {
          let value: T | undefined;
          try {
            value = accept(msg);
          } catch (err) {
            finish();
            reject(err as Error);
            return true;
          }
          if (value === undefined) return false;
          finish();
          resolve({ done: true, value });
          return true;
        },
      };
      this.waiters.add(waiter);
      this.wakers.add(wake);
      const timer = this.clock.setTimeout(wake, waitMs);
      this.sock.send(pkt).catch(() => undefined);
    });
  }
}
