/**
 * 1 MiB of console output through a link that drops 5% of the packets each way
 * and reorders some, to the real console glue and state machine, against a
 * model BMC that sends as IPMI v2.0 §15.9 describes (one packet outstanding,
 * up to 255 characters, retransmitted with the same sequence number until
 * ACKed, partial ACKs honoured). Time is a fake clock, so this runs in a
 * second; ipmi_sim cannot carry this much through loss (test/sim/README.md),
 * the UDP proxy test with ipmi_sim is in test/sol/activate.test.ts.
 * Checked: every byte exactly once and in order, and typing in the other
 * direction at the same time also arrives exactly once.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/unit/fakes/fake-clock.js';
import { prng } from '../../test/support/prng.js';
import { silentLogger } from '../io.js';
import { runSolConsole, type SolEnd } from './console.js';
import { solTiming } from './machine.js';
import { decodeConsolePacket, encodeBmcPacket } from './packet.js';

interface Lossy {
  send(pkt: Buffer): void;
}

/** One direction: drop with probability `drop`, hold back behind the next packet with `reorder`, 2 ms latency. */
function lossy(clock: FakeClock, random: () => number, deliver: (p: Buffer) => void, drop: number, reorder: number): Lossy & { dropped: number } {
  let held: Buffer | undefined;
  const self = {
    dropped: 0,
    send(pkt: Buffer): void {
      if (random() < drop) {
        self.dropped++;
        return;
      }
      if (!held && random() < reorder) {
        held = pkt;
        clock.setTimeout(() => {
          if (held === pkt) {
            held = undefined;
            deliver(pkt);
          }
        }, 20);
        return;
      }
      clock.setTimeout(() => deliver(pkt), 2);
      const h = held;
      if (h) {
        held = undefined;
        clock.setTimeout(() => deliver(h), 3);
      }
    },
  };
  return self;
}

/** The BMC side of SOL (IPMI v2.0 §15.9), sending `output` and collecting what is typed. */
class ModelBmc {
  private pos = 0;
  private seq = 1;
  private inFlight: Buffer | undefined;
  private timer: unknown;
  private lastAckedSeq = 0;
  private lastAckedLen = 0;
  readonly typed: Buffer[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly link: Lossy,
    private readonly output: Buffer,
  ) {}

  private sendCurrent(ack?: { seq: number; len: number }): void {
    if (this.pos >= this.output.length) {
      if (ack) this.link.send(encodeBmcPacket({ ackSeq: ack.seq, accepted: ack.len }));
      return;
    }
    this.inFlight ??= this.output.subarray(this.pos, this.pos + 255);
    this.link.send(encodeBmcPacket({ seq: this.seq, ackSeq: ack?.seq ?? 0, accepted: ack?.len ?? 0, data: this.inFlight }));
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.sendCurrent(), 50);
  }

  start(): void {
    this.sendCurrent();
  }

  receive(pkt: Buffer): void {
    const p = decodeConsolePacket(pkt);
    let ack: { seq: number; len: number } | undefined;
    if (p.seq !== 0) {
      // New characters unless this repeats the packet ACKed last (a retransmission).
      if (p.seq !== this.lastAckedSeq) {
        this.typed.push(Buffer.from(p.data));
        this.lastAckedSeq = p.seq;
        this.lastAckedLen = p.data.length;
      }
      ack = { seq: p.seq, len: this.lastAckedLen };
    }
    if (this.inFlight && p.ackSeq === this.seq) {
      this.pos += Math.min(p.accepted, this.inFlight.length);
      this.inFlight = undefined;
      this.seq = this.seq >= 15 ? 1 : this.seq + 1;
      this.clock.clearTimeout(this.timer);
      this.sendCurrent(ack);
      return;
    }
    if (ack) this.link.send(encodeBmcPacket({ ackSeq: ack.seq, accepted: ack.len }));
  }

  get done(): boolean {
    return this.pos >= this.output.length;
  }
}

describe('SOL over a lossy, reordering link', () => {
  it('1 MiB of console output arrives byte-exact (no loss, no duplicates) while typed data also gets through once', async () => {
    const clock = new FakeClock();
    const random = prng(55);
    const output = randomBytes(1 << 20);
    const stdin = new PassThrough();
    const out: Buffer[] = [];
    let toConsole: ((p: Buffer) => void) | undefined;
    let bmc: ModelBmc | undefined;
    const down = lossy(clock, random, (p) => toConsole?.(p), 0.05, 0.05);
    const up = lossy(clock, random, (p) => bmc!.receive(p), 0.05, 0.05);
    bmc = new ModelBmc(clock, down, output);
    let end: SolEnd | undefined;
    void runSolConsole({
      link: { send: async (pkt) => up.send(pkt), onPacket: (h) => void (toConsole = h) },
      clock,
      log: silentLogger,
      timing: solTiming({ timeoutMs: 1000, tries: 4, inboundPayloadSize: 32 }),
      stdin,
      stdout: { write: (c) => void out.push(Buffer.from(c)) },
      terminal: { isTty: false, isRaw: false, enterRaw: () => undefined, restore: () => undefined, suspend: () => undefined },
      escapeChar: 0x7e,
      keepalive: { mode: 'none', intervalMs: 15_000, maxFailures: 6, ping: () => Promise.resolve() },
      escapeText: () => '',
    }).then((e) => (end = e));
    bmc.start();
    const typed = randomBytes(4096).map((b) => (b === 0x7e ? 0x41 : b));
    stdin.write(typed);
    for (let i = 0; i < 200_000 && !bmc.done; i++) await clock.advance(10);
    await clock.advance(500);
    const got = Buffer.concat(out);
    expect(bmc.done).toBe(true);
    expect(got.length).toBe(output.length);
    expect(got.equals(output)).toBe(true);
    // Every typed byte exactly once (the primer adds an empty packet).
    expect(Buffer.concat(bmc.typed).equals(typed)).toBe(true);
    expect(down.dropped + up.dropped).toBeGreaterThan(300);
    stdin.end();
    await new Promise((r) => setImmediate(r));
    await clock.advance(2000);
    expect(end?.reason).toBe('eof');
    expect(end!.machine.stats.duplicates).toBeGreaterThan(0);
  }, 60_000);
});
