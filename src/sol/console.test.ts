/**
 * The console glue (runSolConsole) with a fake clock, a fake session link and
 * in-memory stdin/stdout: keepalive on an idle console (ipmitool: every 15 s,
 * the 7th failure in a row ends the session), end of input, ~., the BMC ending
 * SOL, and stdin released at the end.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FakeClock, flush } from '../../test/unit/fakes/fake-clock.js';
import { silentLogger } from '../io.js';
import { runSolConsole, type KeepaliveMode, type SolEnd } from './console.js';
import { solTiming } from './machine.js';
import { decodeConsolePacket, encodeBmcPacket, type ConsolePacket } from './packet.js';
import type { Terminal } from './terminal.js';

function harness(mode: KeepaliveMode, ping: () => Promise<void> = () => Promise.resolve()) {
  const clock = new FakeClock();
  const stdin = new PassThrough();
  const out: Buffer[] = [];
  const sent: ConsolePacket[] = [];
  let deliver: ((p: Buffer) => void) | undefined;
  let pings = 0;
  const terminal: Terminal = { isTty: false, isRaw: false, enterRaw: () => undefined, restore: () => undefined, suspend: () => undefined };
  const ended = runSolConsole({
    link: {
      send: async (pkt) => void sent.push(decodeConsolePacket(pkt)),
      onPacket: (h) => void (deliver = h),
    },
    clock,
    log: silentLogger,
    timing: solTiming({ timeoutMs: 1000, tries: 4, inboundPayloadSize: 32 }),
    stdin,
    stdout: { write: (c) => void out.push(Buffer.from(c)) },
    terminal,
    escapeChar: 0x7e,
    keepalive: {
      mode,
      intervalMs: 15_000,
      maxFailures: 6,
      ping: () => {
        pings++;
        return ping();
      },
    },
    escapeText: (a) => `<${a}>`,
  });
  let end: SolEnd | undefined;
  void ended.then((e) => (end = e));
  /** The BMC ACKs the last packet sent (all its characters). */
  const ackLast = (): void => {
    const p = sent[sent.length - 1]!;
    deliver!(encodeBmcPacket({ ackSeq: p.seq, accepted: p.data.length }));
  };
  return {
    clock,
    stdin,
    sent,
    out: () => Buffer.concat(out).toString('latin1'),
    pings: () => pings,
    ended: () => end,
    ackLast,
    bmc: (b: Buffer) => deliver!(b),
  };
}

describe('runSolConsole', () => {
  it('sends the primer first; typed data after its ACK; end of input ends once the data is ACKed', async () => {
    const h = harness('none');
    await flush();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({ seq: 1, data: Buffer.alloc(0) });
    h.ackLast();
    h.stdin.write('ls\r');
    await flush();
    expect(h.sent[1]).toMatchObject({ seq: 2, data: Buffer.from('ls\r') });
    h.stdin.end();
    await new Promise((r) => setImmediate(r));
    expect(h.ended()).toBeUndefined();
    h.ackLast();
    await flush();
    expect(h.ended()?.reason).toBe('eof');
    expect(h.stdin.destroyed).toBe(true);
  });

  it('console output goes to stdout and is ACKed; ~. ends with the escape text', async () => {
    const h = harness('none');
    await flush();
    h.ackLast();
    h.bmc(encodeBmcPacket({ seq: 1, data: Buffer.from('login: ') }));
    expect(h.sent[h.sent.length - 1]).toMatchObject({ seq: 0, ackSeq: 1, accepted: 7 });
    h.stdin.write('~.');
    await flush();
    expect(h.out()).toBe('login: <terminate>');
    expect(h.ended()?.reason).toBe('escape');
  });

  it('the BMC ending SOL (deactivating) ends the session', async () => {
    const h = harness('none');
    await flush();
    h.bmc(encodeBmcPacket({ deactivating: true }));
    await flush();
    expect(h.ended()?.reason).toBe('deactivated');
  });

  it('ipmi keepalive: Get Device ID after 15 s idle, again 15 s after each success', async () => {
    const h = harness('ipmi');
    await flush();
    h.ackLast();
    await h.clock.advance(14_999);
    expect(h.pings()).toBe(0);
    await h.clock.advance(1);
    expect(h.pings()).toBe(1);
    await h.clock.advance(15_000);
    expect(h.pings()).toBe(2);
    expect(h.ended()).toBeUndefined();
  });

  it('ipmi keepalive: the 7th failure in a row ends the session (keepalive-lost), retries 500 ms apart', async () => {
    const h = harness('ipmi', () => Promise.reject(new Error('no answer')));
    await flush();
    h.ackLast();
    await h.clock.advance(15_000);
    expect(h.pings()).toBe(1);
    await h.clock.advance(6 * 500);
    expect(h.pings()).toBe(7);
    expect(h.ended()?.reason).toBe('keepalive-lost');
  });

  it('usesolkeepalive: an empty SOL packet after 15 s idle; the BMC not answering it ends the session', async () => {
    const h = harness('sol');
    await flush();
    h.ackLast();
    await h.clock.advance(15_000);
    expect(h.sent[h.sent.length - 1]).toMatchObject({ seq: 2, data: Buffer.alloc(0), generateBreak: false });
    expect(h.pings()).toBe(0);
    await h.clock.advance(10_000);
    expect(h.ended()?.reason).toBe('keepalive-lost');
  });

  it('nokeepalive: nothing is sent on an idle console', async () => {
    const h = harness('none');
    await flush();
    h.ackLast();
    await h.clock.advance(120_000);
    expect(h.sent).toHaveLength(1);
    expect(h.pings()).toBe(0);
    expect(h.ended()).toBeUndefined();
  });
});
