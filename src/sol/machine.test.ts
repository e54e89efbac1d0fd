/**
 * The SOL state machine against a scripted BMC (IPMI v2.0 §15.9-15.11): sequence
 * numbers, ACKs with accepted counts, partial ACKs, NACK pauses, retransmission
 * with back-off, duplicate suppression, break, SOL deactivating.
 */
import { describe, expect, it } from 'vitest';
import { SolMachine, solTiming, type SolEffect } from './machine.js';
import type { BmcPacket } from './packet.js';

const T = solTiming({ timeoutMs: 1000, tries: 4, inboundPayloadSize: 32 });
const bmc = (p: Partial<BmcPacket>): BmcPacket => ({
  seq: 0,
  ackSeq: 0,
  accepted: 0,
  nack: false,
  transferUnavailable: false,
  deactivating: false,
  overrun: false,
  breakDetected: false,
  data: Buffer.alloc(0),
  ...p,
});
const sends = (fx: SolEffect[]) => fx.flatMap((e) => (e.kind === 'send' ? [e.packet] : []));
const output = (fx: SolEffect[]) => Buffer.concat(fx.flatMap((e) => (e.kind === 'output' ? [e.data] : []))).toString('latin1');

describe('timing from -N/-R and the BMC payload size', () => {
  it('28 characters per packet for ipmi_sim (inbound 32 - 4 header bytes), 255 at most', () => {
    expect(T.maxChars).toBe(28);
    expect(solTiming({ timeoutMs: 1000, tries: 4, inboundPayloadSize: 0x400 }).maxChars).toBe(255);
  });
  it('give-up budget = ipmitool lanplus waits: 1 + 2 + 3 + 4 s', () => {
    expect(T.giveUpMs).toBe(10_000);
    expect(T.rtoMaxMs).toBe(1000);
  });
});

describe('console output (BMC to console)', () => {
  it('prints new data and ACKs it with the full length (seq 0, ackSeq = seq)', () => {
    const m = new SolMachine(T);
    const fx = m.receive(bmc({ seq: 1, data: Buffer.from('login: ') }), 0);
    expect(output(fx)).toBe('login: ');
    expect(sends(fx)).toEqual([{ seq: 0, ackSeq: 1, accepted: 7, data: new Uint8Array(0) }]);
  });
  it('a retransmission (same seq) prints only the extra characters, and is ACKed in full', () => {
    const m = new SolMachine(T);
    m.receive(bmc({ seq: 4, data: Buffer.from('abc') }), 0);
    const again = m.receive(bmc({ seq: 4, data: Buffer.from('abc') }), 1000);
    expect(output(again)).toBe('');
    expect(sends(again)[0]).toMatchObject({ ackSeq: 4, accepted: 3 });
    const more = m.receive(bmc({ seq: 4, data: Buffer.from('abcdef') }), 2000);
    expect(output(more)).toBe('def');
    expect(sends(more)[0]).toMatchObject({ ackSeq: 4, accepted: 6 });
  });
  it('a stale packet (the seq before the last) prints nothing; sequence numbers wrap 15 -> 1', () => {
    const m = new SolMachine(T);
    let text = '';
    for (const [seq, d] of [
      [14, 'a'],
      [15, 'b'],
      [14, 'a'],
      [1, 'c'],
      [2, 'd'],
    ] as const)
      text += output(m.receive(bmc({ seq, data: Buffer.from(d) }), 0));
    expect(text).toBe('abcd');
    expect(m.stats.duplicates).toBe(1);
  });
  it('an ACK-only packet prints nothing and is not ACKed', () => {
    const m = new SolMachine(T);
    expect(m.receive(bmc({ ackSeq: 3, accepted: 1 }), 0)).toEqual([]);
  });
  it('"SOL deactivating" ends the session and is not ACKed', () => {
    const m = new SolMachine(T);
    expect(m.receive(bmc({ seq: 2, deactivating: true, data: Buffer.from('x') }), 0)).toEqual([{ kind: 'deactivated' }]);
    expect(m.receive(bmc({ seq: 3, data: Buffer.from('y') }), 1)).toEqual([]);
  });
});

describe('typing (console to BMC)', () => {
  it('stop and wait: one packet outstanding, seq 1.., split at maxChars', () => {
    const m = new SolMachine(T);
    const first = sends(m.write(Buffer.alloc(40, 0x61), 0));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ seq: 1, ackSeq: 0 });
    expect(first[0]!.data.length).toBe(28);
    expect(sends(m.write(Buffer.from('b'), 1))).toEqual([]);
    const next = sends(m.receive(bmc({ ackSeq: 1, accepted: 28 }), 2));
    expect(next[0]).toMatchObject({ seq: 2 });
    expect(Buffer.from(next[0]!.data).toString()).toBe('a'.repeat(12) + 'b');
    expect(sends(m.receive(bmc({ ackSeq: 2, accepted: 13 }), 3))).toEqual([]);
    expect(m.idle).toBe(true);
  });
  it('sequence numbers cycle 1..15 and skip 0', () => {
    const m = new SolMachine(T);
    const seqs: number[] = [];
    for (let i = 0; i < 17; i++) {
      const p = sends(m.write(Buffer.from('x'), i))[0]!;
      seqs.push(p.seq);
      m.receive(bmc({ ackSeq: p.seq, accepted: 1 }), i);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1, 2]);
  });
  it('a partial ACK resends the rest at once with a new sequence number', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('hello'), 0);
    const rest = sends(m.receive(bmc({ ackSeq: 1, accepted: 2 }), 1));
    expect(rest).toHaveLength(1);
    expect(rest[0]!.seq).toBe(2);
    expect(Buffer.from(rest[0]!.data).toString()).toBe('llo');
  });
  it('an ACK for another sequence number is ignored', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('a'), 0);
    expect(sends(m.receive(bmc({ ackSeq: 9, accepted: 1 }), 1))).toEqual([]);
    expect(m.idle).toBe(false);
  });
  it('retransmits the same packet (same SOL seq) with back-off capped at -N, then gives up after the budget', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('a'), 0);
    const times: number[] = [];
    let now = 0;
    let fx: SolEffect[] = [];
    for (;;) {
      now = m.nextTimer()!;
      fx = m.tick(now);
      if (fx.some((e) => e.kind === 'stalled')) break;
      const p = sends(fx)[0]!;
      expect(p.seq).toBe(1);
      times.push(now);
    }
    expect(times.slice(0, 4)).toEqual([250, 750, 1750, 2750]);
    expect(now).toBe(10_000);
    expect(fx).toEqual([{ kind: 'stalled', tag: 'data' }]);
    expect(m.tick(now + 1)).toEqual([]);
  });
  it('the first retransmission follows the measured round trip', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('a'), 0);
    m.receive(bmc({ ackSeq: 1, accepted: 1 }), 2);
    m.write(Buffer.from('b'), 10);
    expect(m.nextTimer()).toBe(10 + T.rtoMinMs);
  });
  it('NACK: what was accepted counts, the rest waits until the BMC stops NACKing', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('abcdef'), 0);
    expect(sends(m.receive(bmc({ ackSeq: 1, accepted: 4, nack: true }), 1))).toEqual([]);
    // ipmi_sim's "buffer drained" ACK: same acked seq, NACK bit clear.
    const resumed = sends(m.receive(bmc({ ackSeq: 1, accepted: 4 }), 5));
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ seq: 2 });
    expect(Buffer.from(resumed[0]!.data).toString()).toBe('ef');
  });
  it('NACK: if the ready signal is lost, a probe goes out after a back-off that doubles', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('abc'), 0);
    m.receive(bmc({ ackSeq: 1, accepted: 0, nack: true }), 0);
    expect(m.nextTimer()).toBe(50);
    const probe = sends(m.tick(50));
    expect(probe[0]).toMatchObject({ seq: 2 });
    m.receive(bmc({ ackSeq: 2, accepted: 0, transferUnavailable: true }), 51);
    expect(m.nextTimer()).toBe(151);
  });
  it('break: a packet with the break bit after the data typed before it; its ACK is reported', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('x'), 0);
    m.sendBreak(0);
    const fx = m.receive(bmc({ ackSeq: 1, accepted: 1 }), 1);
    expect(sends(fx)[0]).toMatchObject({ seq: 2, generateBreak: true, data: new Uint8Array(0) });
    expect(m.receive(bmc({ ackSeq: 2 }), 2)).toContainEqual({ kind: 'acked', tag: 'break' });
  });
  it('usesolkeepalive: an empty packet; never-acknowledged keepalive stalls as a keepalive', () => {
    const m = new SolMachine(T);
    expect(sends(m.keepalive(0))[0]).toMatchObject({ seq: 1, data: new Uint8Array(0) });
    let fx: SolEffect[] = [];
    while (!fx.some((e) => e.kind === 'stalled')) fx = m.tick(m.nextTimer()!);
    expect(fx).toEqual([{ kind: 'stalled', tag: 'keepalive' }]);
  });
  it('an ACK can ride on a data packet: both halves are handled', () => {
    const m = new SolMachine(T);
    m.write(Buffer.from('q'), 0);
    const fx = m.receive(bmc({ seq: 6, ackSeq: 1, accepted: 1, data: Buffer.from('Q') }), 1);
    expect(output(fx)).toBe('Q');
    expect(m.idle).toBe(true);
  });
});

describe('the primer (first packet of a session)', () => {
  it('is empty with seq 1; typed characters wait for its ACK and start at seq 2', () => {
    const m = new SolMachine(T);
    expect(sends(m.prime(0))).toEqual([{ seq: 1, ackSeq: 0, accepted: 0, generateBreak: false, data: new Uint8Array(0) }]);
    expect(sends(m.write(Buffer.from('ab'), 1))).toEqual([]);
    const fx = m.receive(bmc({ ackSeq: 1 }), 5);
    expect(fx.some((e) => e.kind === 'acked')).toBe(false);
    expect(sends(fx)).toEqual([{ seq: 2, ackSeq: 0, accepted: 0, data: Buffer.from('ab') }]);
  });
  it('ipmi_sim keeps the last accepted seq across sessions: 1 would be taken for a retransmission, 2 is not', () => {
    // lanserv/sol.c: is_dup = seq == last_acked_packet, data of a "duplicate" is dropped.
    let bmcLastAcked = 1; // left over from a previous session that typed one packet
    const accepted: string[] = [];
    const m = new SolMachine(T);
    let fx = m.prime(0);
    for (let i = 0; i < 4 && sends(fx).length; i++) {
      const p = sends(fx)[0]!;
      if (p.seq !== bmcLastAcked && p.data.length) accepted.push(Buffer.from(p.data).toString());
      if (p.seq !== bmcLastAcked) bmcLastAcked = p.seq;
      fx =
        i === 0
          ? [...m.receive(bmc({ ackSeq: p.seq }), i), ...m.write(Buffer.from('echo\r'), i)]
          : m.receive(bmc({ ackSeq: p.seq, accepted: p.data.length }), i);
    }
    expect(accepted).toEqual(['echo\r']);
  });
  it('a primer the BMC never ACKs is dropped after the give-up budget, and the session goes on', () => {
    const m = new SolMachine(T);
    m.prime(0);
    m.write(Buffer.from('x'), 0);
    const fx = m.tick(T.giveUpMs);
    expect(fx.some((e) => e.kind === 'stalled')).toBe(false);
    expect(sends(fx)).toEqual([{ seq: 2, ackSeq: 0, accepted: 0, data: Buffer.from('x') }]);
  });
});
