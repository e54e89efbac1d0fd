/**
 * Close Session when --timeout cuts a command (issue 15): the work stops a little before the
 * deadline, and Close Session uses the time kept back (one retransmission if its reply is lost);
 * the whole command, close included, ends by the deadline.
 */
import { describe, expect, it } from 'vitest';
import { DeadlineError } from '../errors.js';
import { toRequest } from '../ipmi/command.js';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { encodeRequestMessage } from '../ipmi/message.js';
import type { SessionCodec } from '../session/codec.js';
import { silentLogger } from '../io.js';
import { FakeClock } from '../../test/unit/fakes/fake-clock.js';
import { FakeSocket } from '../../test/unit/fakes/fake-socket.js';
import { Deadline } from './exchanger.js';
import { RqSeq } from './rq-seq.js';
import { SessionChannel, releaseStraySession, type ChannelStyle } from './session-channel.js';
import { decodePreSession, rmcpPlusUnauthenticated } from '../protocol/presession.js';
import { PayloadType } from '../protocol/rmcpplus/packet.js';
import type { LanOptions } from './transport.js';

const STYLE: ChannelStyle = { description: 'test LAN', growMs: 0, bridgeStyle: 'lanplus', failureLine: 'Error: no session' };
const CLOSE_SESSION = 0x3c;

/** A session without cryptography: a sealed packet is 0x5e then the IPMI message. */
const codec: SessionCodec = {
  sessionId: 0x1234,
  sealMessage: async (m) => Buffer.concat([Buffer.from([0x5e]), m]),
  open: async (p) => (p[0] === 0x5e ? { payloadType: 0, payload: Buffer.from(p.subarray(1)) } : { rejected: 'not ours' }),
};

/** The BMC's reply to a sealed request (same layout as a request, addresses swapped, cc first). */
function reply(sealed: Buffer, cc = 0): Buffer {
  const m = sealed.subarray(1);
  const netFn = m[1]! >> 2;
  return Buffer.concat([
    Buffer.from([0x5e]),
    encodeRequestMessage({ rsAddr: 0x81, rqAddr: 0x20, rqSeq: m[4]! >> 2, lun: 0 }, netFn | 1, m[5]!, Buffer.from([cc])),
  ]);
}
const cmdOf = (sealed: Buffer): number => sealed[6]!;

function setup(deadlineSec: number, answerClose: (n: number) => boolean) {
  const clock = new FakeClock();
  const sock = new FakeSocket();
  const closes: number[] = [];
  // Silent to everything but Close Session, which is answered as `answerClose` says (by try number).
  sock.responder = (pkt) => {
    if (cmdOf(pkt) !== CLOSE_SESSION) return [];
    closes.push(clock.now());
    return answerClose(closes.length) ? [reply(pkt)] : [];
  };
  const options = { timeoutMs: 1000, tries: 50, privilege: 4 } as LanOptions;
  const deps = { connect: async () => sock, clock, random: () => Buffer.alloc(1), log: silentLogger, deadline: Deadline.after(clock, deadlineSec) };
  const channel = new SessionChannel(sock, options, deps, new RqSeq(1), STYLE, () => ({ refused: 'no pre-session' }));
  channel.begin(codec);
  return { clock, sock, channel, closes };
}

describe('SessionChannel: a command cut by --timeout still closes its session, by the deadline', () => {
  it('the command stops 1 s before --timeout 10; Close Session is sent then and once more when its reply is lost', async () => {
    const { clock, sock, channel, closes } = setup(10, (n) => n === 2);
    let failedAt = -1;
    const cut = channel.request(toRequest(getDeviceId, undefined)).catch((e: unknown) => {
      failedAt = clock.now();
      throw e;
    });
    const failed = expect(cut).rejects.toBeInstanceOf(DeadlineError);
    await clock.advance(9000);
    await failed;
    expect(failedAt).toBe(9000);
    const closed = channel.close();
    await clock.advance(1000);
    await closed;
    expect(closes).toEqual([9000, 9500]);
    expect(sock.closed).toBe(true);
  });

  it('a BMC that never answers Close Session: both tries fit in the time kept back, the channel is closed at the deadline', async () => {
    const { clock, sock, channel, closes } = setup(10, () => false);
    const cut = expect(channel.request(toRequest(getDeviceId, undefined))).rejects.toBeInstanceOf(DeadlineError);
    await clock.advance(9000);
    await cut;
    let closedAt = -1;
    const closed = channel.close().then(() => (closedAt = clock.now()));
    await clock.advance(5000);
    await closed;
    expect(closes).toEqual([9000, 9500]);
    expect(closedAt).toBe(10_000);
    expect(sock.closed).toBe(true);
  });

  it('past the deadline Close Session is still sent once, without waiting for its reply', async () => {
    const { clock, channel, closes } = setup(2, () => false);
    await clock.advance(2500);
    let done = false;
    const closed = channel.close().then(() => (done = true));
    await clock.advance(0);
    await closed;
    expect(done).toBe(true);
    expect(closes).toEqual([2500]);
  });

  it('an answered Close Session ends the close at once', async () => {
    const { clock, channel, closes } = setup(10, () => true);
    await channel.close();
    expect(closes).toEqual([0]);
    expect(clock.pending).toBe(0);
  });
});

/** An Open Session response (§13.18): tag, status 0, max privilege, reserved, console ID, BMC ID, the suite 3 algorithms. */
function openSessionResponse(tag: number, consoleId: number, bmcId: number): Buffer {
  const p = Buffer.alloc(36);
  p[0] = tag;
  p[2] = 4;
  p.writeUInt32LE(consoleId, 4);
  p.writeUInt32LE(bmcId, 8);
  p.set([0x00, 0, 0, 0x08, 1, 0, 0, 0, 0x01, 0, 0, 0x08, 1, 0, 0, 0, 0x02, 0, 0, 0x08, 1, 0, 0, 0], 12);
  return rmcpPlusUnauthenticated(PayloadType.OpenSessionResponse, p);
}

describe('sessions the BMC opened for copies of our Open Session request are freed', () => {
  it('RAKP 3 with status 02h for the unclaimed session, its tag sent back (known answer)', () => {
    const payload = openSessionResponse(0x07, 0xa4a3a2a1, 0x11223344).subarray(16);
    expect(releaseStraySession(payload)?.rakp3.toString('hex')).toBe(
      // RMCP header, auth type RMCP+, payload type 14h unauthenticated, session 0, sequence 0, length 8; tag, status, reserved, BMC ID.
      '0600ff07' + '06' + '14' + '00000000' + '00000000' + '0800' + '07020000' + '44332211',
    );
    expect(releaseStraySession(payload)?.bmcSessionId).toBe(0x11223344);
    // A refusal opened nothing; a short reply is not one.
    expect(releaseStraySession(Buffer.from([0x07, 0x01]))).toBeUndefined();
    expect(releaseStraySession(Buffer.from([0x07]))).toBeUndefined();
  });

  function handshakeChannel() {
    const clock = new FakeClock();
    const sock = new FakeSocket();
    const options = { timeoutMs: 1000, tries: 4, privilege: 4 } as LanOptions;
    const deps = { connect: async () => sock, clock, random: () => Buffer.alloc(1), log: silentLogger, deadline: Deadline.none(clock) };
    const channel = new SessionChannel(sock, options, deps, new RqSeq(1), STYLE, decodePreSession);
    const rakp3s = () => sock.sent.filter((p) => p[5] === PayloadType.Rakp3).map((p) => p.readUInt32LE(20).toString(16));
    return { clock, sock, channel, rakp3s };
  }

  /** Open Session until the response naming BMC session `id` is taken. */
  const takeOpenSession = (channel: SessionChannel, id: number) =>
    channel.exchanger.exchange(
      'Open Session Request',
      () => Buffer.from([0]),
      (m) =>
        m.via === 'rmcpplus' && m.payloadType === PayloadType.OpenSessionResponse && m.payload[0] === 1 && m.payload.readUInt32LE(8) === id ? true : undefined,
      { tries: 1, timeoutMs: 1000, growMs: 0 },
    );

  it('during the handshake: the answer taken is kept (a duplicate of it too), a second session is freed after 200 ms', async () => {
    const { clock, sock, channel, rakp3s } = handshakeChannel();
    const taken = takeOpenSession(channel, 0x100);
    sock.deliver(openSessionResponse(1, 0xc0, 0x200)); // the BMC's answer to a retransmission: nobody takes it
    sock.deliver(openSessionResponse(1, 0xc0, 0x100)); // ours
    await taken;
    sock.deliver(openSessionResponse(1, 0xc0, 0x100)); // the same datagram duplicated on the way: the session in use
    sock.deliver(openSessionResponse(1, 0xc0, 0x200)); // and a duplicate of the stray: once is enough
    await clock.advance(199);
    expect(rakp3s()).toEqual([]);
    await clock.advance(1);
    expect(rakp3s()).toEqual(['200']);
  });

  it('a damaged copy of the answer (another tag) just before the genuine one: the session taken is not freed', async () => {
    const { clock, sock, channel, rakp3s } = handshakeChannel();
    const taken = takeOpenSession(channel, 0x100);
    sock.deliver(openSessionResponse(0x81, 0xc0, 0x100)); // tag flipped: not taken
    await clock.advance(50);
    sock.deliver(openSessionResponse(1, 0xc0, 0x100));
    await taken;
    await clock.advance(1000);
    expect(rakp3s()).toEqual([]);
  });

  it('after the handshake: a late answer to a repeated request is still freed; closing frees what waits at once', async () => {
    const { clock, sock, channel, rakp3s } = handshakeChannel();
    channel.begin(codec);
    sock.deliver(openSessionResponse(1, 0xc0, 0x300));
    await clock.advance(200);
    expect(rakp3s()).toEqual(['300']);
    sock.deliver(openSessionResponse(1, 0xc0, 0x400));
    await clock.advance(10);
    await channel.exchanger.close();
    expect(rakp3s()).toEqual(['300', '400']);
  });
});
