/**
 * The SOL protocol of the remote console, as a state machine without I/O
 * (IPMI v2.0 §15.9-15.11). Time comes in as an argument; what to do comes out
 * as effects (packets to send, bytes for the terminal, the end of the session).
 *
 * Console to BMC (our typing): stop and wait. One packet with characters is
 * outstanding at a time, sequence numbers 1..15 (0 is for ACK-only packets).
 * A packet is retransmitted unchanged (same SOL sequence number, so the BMC can
 * tell a retry from new data) with exponential back-off from a round-trip
 * estimate up to the -N wait, until the -N/-R budget is spent. A partial ACK
 * puts the characters the BMC did not accept back in front of the queue; they
 * go out with a new sequence number. A NACK (or "transfer unavailable") pauses
 * sending until the BMC signals it is ready again or a back-off probe is due.
 *
 * BMC to console (console output): every packet with a sequence number is
 * ACKed with its full length. A packet with the same sequence number as the
 * last one is the BMC's retransmission; it may carry more characters than
 * before, and only those extra characters are new. A packet repeating the
 * sequence number before that is stale and prints nothing.
 */
import type { BmcPacket, ConsolePacket } from './packet.js';
import { SOL_MAX_CHARACTERS } from './packet.js';

export interface SolTiming {
  /** Characters per outbound packet: the BMC's inbound payload size minus the 4-byte header, at most 255. */
  maxChars: number;
  /** Wait before the first retransmission while no round trip has been measured. */
  rtoInitialMs: number;
  rtoMinMs: number;
  /** Longest wait between retransmissions (-N). */
  rtoMaxMs: number;
  /** How long a packet may stay unacknowledged before the BMC counts as gone (-N/-R budget). */
  giveUpMs: number;
  /** First probe after a NACK, doubled up to pauseMaxMs. */
  pauseInitialMs: number;
  pauseMaxMs: number;
}

/** ipmitool's -N/-R budget for one SOL packet (lanplus: the wait grows by 1 s per try). */
export function solTiming(o: { timeoutMs: number; tries: number; inboundPayloadSize: number }): SolTiming {
  let giveUpMs = 0;
  for (let i = 0; i < Math.max(1, o.tries); i++) giveUpMs += o.timeoutMs + i * 1000;
  return {
    maxChars: Math.max(1, Math.min(SOL_MAX_CHARACTERS, o.inboundPayloadSize > 4 ? o.inboundPayloadSize - 4 : o.inboundPayloadSize)),
    rtoInitialMs: Math.min(250, o.timeoutMs),
    rtoMinMs: Math.min(100, o.timeoutMs),
    rtoMaxMs: o.timeoutMs,
    giveUpMs,
    pauseInitialMs: 50,
    pauseMaxMs: Math.max(50, o.timeoutMs),
  };
}

export type PacketTag = 'data' | 'break' | 'keepalive' | 'primer';

export type SolEffect =
  | { kind: 'send'; packet: ConsolePacket }
  | { kind: 'output'; data: Buffer }
  /** A break or keepalive packet was acknowledged. */
  | { kind: 'acked'; tag: PacketTag }
  /** The BMC set "SOL deactivating": the payload is gone (another session took it, or the BMC ended it). */
  | { kind: 'deactivated' }
  /** A packet stayed unacknowledged for the whole budget. */
  | { kind: 'stalled'; tag: PacketTag };

type Item = { tag: 'data'; data: Buffer } | { tag: 'break' } | { tag: 'keepalive' } | { tag: 'primer' };

interface Outstanding {
  packet: ConsolePacket;
  tag: PacketTag;
  firstSent: number;
  lastSent: number;
  attempts: number;
  rto: number;
}

export interface SolStats {
  packetsSent: number;
  retransmissions: number;
  packetsReceived: number;
  duplicates: number;
  bytesIn: number;
  bytesOut: number;
}

export class SolMachine {
  private readonly queue: Item[] = [];
  private out: Outstanding | undefined;
  private nextSeq = 1;
  private lastSeq = 0;
  private lastLen = 0;
  private prevSeq = 0;
  private paused = false;
  private pauseUntil = 0;
  private pauseDelay: number;
  private srtt: number | undefined;
  private rttvar = 0;
  private ended = false;
  readonly stats: SolStats = { packetsSent: 0, retransmissions: 0, packetsReceived: 0, duplicates: 0, bytesIn: 0, bytesOut: 0 };

  constructor(private readonly t: SolTiming) {
    this.pauseDelay = t.pauseInitialMs;
  }

  /**
   * The session's first packet: an empty one with sequence number 1, so typed
   * characters start at 2. A BMC may keep the last sequence number it accepted
   * from the previous session (ipmi_sim does: lanserv/sol.c never resets
   * last_acked_packet) and would take a first data packet with that number for
   * a retransmission: ACKed, characters dropped. An empty packet can be lost
   * that way harmlessly. If it is never ACKed it is dropped without ending the
   * session (a BMC that ignores empty packets still gets the typing).
   */
  prime(now: number): SolEffect[] {
    this.queue.unshift({ tag: 'primer' });
    return this.pump(now);
  }

  /** Characters typed (after escape processing). */
  write(data: Uint8Array, now: number): SolEffect[] {
    if (data.length === 0) return [];
    const last = this.queue[this.queue.length - 1];
    if (last?.tag === 'data') last.data = Buffer.concat([last.data, data]);
    else this.queue.push({ tag: 'data', data: Buffer.from(data) });
    return this.pump(now);
  }

  /** ~B: a packet with the break bit and no characters, after what was typed before. */
  sendBreak(now: number): SolEffect[] {
    this.queue.push({ tag: 'break' });
    return this.pump(now);
  }

  /** usesolkeepalive: an empty SOL packet the BMC must acknowledge. */
  keepalive(now: number): SolEffect[] {
    this.queue.push({ tag: 'keepalive' });
    return this.pump(now);
  }

  /** Nothing typed is waiting or unacknowledged. */
  get idle(): boolean {
    return !this.out && this.queue.length === 0;
  }

  /** When tick() next has work, or undefined. */
  nextTimer(): number | undefined {
    if (this.ended) return undefined;
    const times: number[] = [];
    if (this.out) times.push(Math.min(this.out.lastSent + this.out.rto, this.out.firstSent + this.t.giveUpMs));
    if (this.paused && this.queue.length) times.push(this.pauseUntil);
    return times.length ? Math.min(...times) : undefined;
  }

  tick(now: number): SolEffect[] {
    if (this.ended) return [];
    const fx: SolEffect[] = [];
    const o = this.out;
    if (o && o.tag === 'primer' && now >= o.firstSent + this.t.giveUpMs) {
      this.out = undefined;
      return this.pump(now);
    }
    if (o && now >= o.firstSent + this.t.giveUpMs) {
      this.ended = true;
      return [{ kind: 'stalled', tag: o.tag }];
    }
    if (o && now >= o.lastSent + o.rto) {
      o.attempts++;
      o.lastSent = now;
      o.rto = Math.min(o.rto * 2, this.t.rtoMaxMs);
      this.stats.retransmissions++;
      this.stats.packetsSent++;
      fx.push({ kind: 'send', packet: o.packet });
    }
    if (this.paused && now >= this.pauseUntil) {
      this.paused = false;
      fx.push(...this.pump(now));
    }
    return fx;
  }

  receive(p: BmcPacket, now: number): SolEffect[] {
    if (this.ended) return [];
    this.stats.packetsReceived++;
    if (p.deactivating) {
      this.ended = true;
      return [{ kind: 'deactivated' }];
    }
    const fx: SolEffect[] = [];
    const busy = p.nack || p.transferUnavailable;
    const o = this.out;
    if (p.ackSeq !== 0 && o && p.ackSeq === o.packet.seq) {
      if (o.attempts === 1) this.sample(now - o.firstSent);
      const accepted = Math.min(p.accepted, o.packet.data.length);
      const rest = Buffer.from(o.packet.data.subarray(accepted));
      this.stats.bytesOut += accepted;
      if (rest.length) {
        const first = this.queue[0];
        if (first?.tag === 'data') first.data = Buffer.concat([rest, first.data]);
        else this.queue.unshift({ tag: 'data', data: rest });
      }
      if (o.tag !== 'data' && o.tag !== 'primer') fx.push({ kind: 'acked', tag: o.tag });
      this.out = undefined;
      if (busy) this.pause(now);
      else this.pauseDelay = this.t.pauseInitialMs;
    } else if (this.paused && !busy) {
      // The BMC's buffer drained: it says so with a packet that no longer NACKs.
      this.paused = false;
      this.pauseDelay = this.t.pauseInitialMs;
    }
    if (p.seq !== 0) {
      const len = p.data.length;
      let fresh: Buffer;
      if (p.seq === this.lastSeq) {
        fresh = len > this.lastLen ? p.data.subarray(this.lastLen) : Buffer.alloc(0);
        this.lastLen = Math.max(this.lastLen, len);
        this.stats.duplicates++;
      } else if (p.seq === this.prevSeq) {
        fresh = Buffer.alloc(0);
        this.stats.duplicates++;
      } else {
        fresh = p.data;
        this.prevSeq = this.lastSeq;
        this.lastSeq = p.seq;
        this.lastLen = len;
      }
      if (fresh.length) {
        this.stats.bytesIn += fresh.length;
        fx.push({ kind: 'output', data: fresh });
      }
      this.stats.packetsSent++;
      fx.push({ kind: 'send', packet: { seq: 0, ackSeq: p.seq, accepted: len, data: new Uint8Array(0) } });
    }
    fx.push(...this.pump(now));
    return fx;
  }

  private pause(now: number): void {
    this.paused = true;
    this.pauseUntil = now + this.pauseDelay;
    this.pauseDelay = Math.min(this.pauseDelay * 2, this.t.pauseMaxMs);
  }

  /** RFC 6298 estimator, from packets acknowledged on their first transmission (Karn). */
  private sample(rtt: number): void {
    if (this.srtt === undefined) {
      this.srtt = rtt;
      this.rttvar = rtt / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rtt);
      this.srtt = 0.875 * this.srtt + 0.125 * rtt;
    }
  }

  private get rto(): number {
    const base = this.srtt === undefined ? this.t.rtoInitialMs : this.srtt + 4 * this.rttvar;
    return Math.min(this.t.rtoMaxMs, Math.max(this.t.rtoMinMs, base));
  }

  private takeSeq(): number {
    const s = this.nextSeq;
    this.nextSeq = s >= 15 ? 1 : s + 1;
    return s;
  }

  private pump(now: number): SolEffect[] {
    if (this.ended || this.out || this.paused) return [];
    const item = this.queue[0];
    if (!item) return [];
    let packet: ConsolePacket;
    if (item.tag === 'data') {
      const n = Math.min(item.data.length, this.t.maxChars);
      const data = item.data.subarray(0, n);
      if (n === item.data.length) this.queue.shift();
      else item.data = item.data.subarray(n);
      packet = { seq: this.takeSeq(), ackSeq: 0, accepted: 0, data: Buffer.from(data) };
    } else {
      this.queue.shift();
      packet = { seq: this.takeSeq(), ackSeq: 0, accepted: 0, generateBreak: item.tag === 'break', data: new Uint8Array(0) };
    }
    this.out = { packet, tag: item.tag, firstSent: now, lastSent: now, attempts: 1, rto: this.rto };
    this.stats.packetsSent++;
    return [{ kind: 'send', packet }];
  }
}
