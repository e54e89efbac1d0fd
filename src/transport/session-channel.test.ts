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
import { SessionChannel, type ChannelStyle } from './session-channel.js';
import type { LanOptions } from './transport.js';

const STYLE: ChannelStyle = { description: 'test LAN', growMs: 0, bridgeStyle: 'lanplus', failureLine: 'Error: no session' };
const CLOSE_SESSION = 0x3c;

/** A session without cryptography: a sealed packet is 0x5e then the IPMI message. */
const codec: SessionCodec = {
  sessionId: 0x1234,
  sealMessage: (m) => Buffer.concat([Buffer.from([0x5e]), m]),
  open: (p) => (p[0] === 0x5e ? { payloadType: 0, payload: Buffer.from(p.subarray(1)) } : { rejected: 'not ours' }),
};

/** The BMC's reply to a sealed request (same layout as a request, addresses swapped, cc first). */
function reply(sealed: Buffer, cc = 0): Buffer {
  const m = sealed.subarray(1);
  const netFn = m[1]! >> 2;
  return codec.sealMessage(encodeRequestMessage({ rsAddr: 0x81, rqAddr: 0x20, rqSeq: m[4]! >> 2, lun: 0 }, netFn | 1, m[5]!, Buffer.from([cc])));
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
