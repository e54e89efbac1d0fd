import { describe, expect, it } from 'vitest';
import { DecodeError, TimeoutError, TransportError } from '../errors.js';
import { FakeClock, flush } from '../../test/unit/fakes/fake-clock.js';
import { FakeSocket } from '../../test/unit/fakes/fake-socket.js';
import { Deadline, Exchanger } from './exchanger.js';
import { silentLogger } from '../io.js';

const decodeByte = (pkt: Buffer): { value: number } | { refused: string } => (pkt[0] === 0xee ? { refused: 'garbage' } : { value: pkt[0]! });

function setup(deadlineSec?: number) {
  const clock = new FakeClock();
  const sock = new FakeSocket();
  const deadline = deadlineSec === undefined ? Deadline.none(clock) : Deadline.after(clock, deadlineSec);
  const ex = new Exchanger(sock, clock, deadline, silentLogger, decodeByte);
  return { clock, sock, ex };
}

describe('Exchanger', () => {
  it('returns the first reply the acceptor claims', async () => {
    const { sock, ex } = setup();
    sock.responder = () => [Buffer.from([1]), Buffer.from([7])];
    const v = await ex.exchange(
      'x',
      () => Buffer.from([0xaa]),
      (m) => (m.value === 7 ? 'seven' : undefined),
      { tries: 1, timeoutMs: 1000, growMs: 0 },
    );
    expect(v).toBe('seven');
    expect(sock.sent).toHaveLength(1);
  });

  it('retransmits on silence, growing the wait, and builds a fresh packet per try', async () => {
    const { clock, sock, ex } = setup();
    const p = ex.exchange(
      'x',
      (attempt) => Buffer.from([attempt]),
      () => undefined,
      { tries: 3, timeoutMs: 1000, growMs: 1000 },
    );
    const failed = expect(p).rejects.toBeInstanceOf(TimeoutError);
    await clock.advance(999);
    expect(sock.sent.map((b) => b[0])).toEqual([0]);
    await clock.advance(1);
    expect(sock.sent.map((b) => b[0])).toEqual([0, 1]);
    await clock.advance(2000); // second wait is 1000 + 1000
    expect(sock.sent.map((b) => b[0])).toEqual([0, 1, 2]);
    await clock.advance(2999);
    expect(clock.now()).toBe(5999);
    await clock.advance(1);
    await failed;
  });

  it('under --timeout, an untilDeadline exchange keeps sending after its tries, every -N seconds (no growth under a deadline)', async () => {
    const { clock, sock, ex } = setup(10);
    let sends = 0;
    sock.responder = () => (++sends === 5 ? [Buffer.from([5])] : []);
    const p = ex.exchange(
      'x',
      () => Buffer.from([0xaa]),
      (m) => (m.value === 5 ? 'five' : undefined),
      { tries: 2, timeoutMs: 1000, growMs: 1000, untilDeadline: true },
    );
    await clock.advance(3999);
    expect(sock.sent).toHaveLength(4); // at 0, 1, 2, 3 s
    await clock.advance(1);
    expect(await p).toBe('five');
    expect(sock.sent).toHaveLength(5);
  });

  it('without a deadline, untilDeadline changes nothing: -R tries, then no response', async () => {
    const { clock, sock, ex } = setup();
    const p = ex.exchange(
      'x',
      () => Buffer.from([0xaa]),
      () => undefined,
      { tries: 2, timeoutMs: 1000, growMs: 1000, untilDeadline: true },
    );
    const failed = expect(p).rejects.toBeInstanceOf(TimeoutError);
    await clock.advance(3000);
    await failed;
    expect(sock.sent).toHaveLength(2);
  });

  it('under --timeout, an untilDeadline exchange that gets nothing ends at the work time with the deadline error', async () => {
    const { clock, sock, ex } = setup(10);
    const p = ex.exchange(
      'x',
      () => Buffer.from([0xaa]),
      () => undefined,
      { tries: 2, timeoutMs: 1000, growMs: 1000, untilDeadline: true },
    );
    const failed = expect(p).rejects.toThrow(/deadline/);
    await clock.advance(9000);
    await failed;
    expect(clock.now()).toBe(9000);
    expect(sock.sent).toHaveLength(9); // every second from 0 to 8 s
  });

  it('reports garbage as a decode error, not as silence', async () => {
    const { clock, sock, ex } = setup();
    sock.responder = () => [Buffer.from([0xee])];
    const p = ex.exchange(
      'x',
      () => Buffer.from([1]),
      () => undefined,
      { tries: 2, timeoutMs: 100, growMs: 0 },
    );
    const failed = expect(p).rejects.toBeInstanceOf(DecodeError);
    await clock.advance(200);
    await failed;
  });

  it('stops at the overall deadline', async () => {
    const { clock, ex } = setup(1.5);
    const p = ex.exchange(
      'x',
      () => Buffer.from([1]),
      () => undefined,
      { tries: 10, timeoutMs: 1000, growMs: 0 },
    );
    const failed = expect(p).rejects.toThrow(/1.5 s deadline/);
    await clock.advance(1500);
    await failed;
  });

  it('keeps the last tenth of the deadline (at most 1 s) back from the work, for Close Session', () => {
    const clock = new FakeClock();
    const d = Deadline.after(clock, 10);
    expect(d.cap(60_000)).toBe(9000);
    expect(d.final.cap(60_000)).toBe(10_000);
    const short = Deadline.after(clock, 2);
    expect(short.cap(60_000)).toBe(1800);
    expect(short.final.cap(60_000)).toBe(2000);
    expect(Deadline.none(clock).final.cap(700)).toBe(700);
  });

  it('counts from the start it is given (the process start), never from a later time', async () => {
    const clock = new FakeClock();
    await clock.advance(3000);
    const d = Deadline.after(clock, 10, 500);
    expect(d.final.cap(60_000)).toBe(7500);
    expect(d.cap(60_000)).toBe(6500);
    // A start in the future (another clock's notion of now) counts as now.
    expect(Deadline.after(clock, 10, 9000).final.cap(60_000)).toBe(10_000);
  });

  it('the work stops when only the time kept back is left', async () => {
    const { clock, ex } = setup(10);
    const p = ex.exchange(
      'x',
      () => Buffer.from([1]),
      () => undefined,
      { tries: 50, timeoutMs: 1000, growMs: 0 },
    );
    const failed = expect(p).rejects.toThrow(/10 s deadline/);
    await clock.advance(8999);
    expect(clock.pending).toBe(1);
    await clock.advance(1);
    await failed;
  });

  it('a closing exchange runs on the time kept back, and is sent once even past the deadline', async () => {
    const { clock, sock, ex } = setup(10);
    await clock.advance(9000);
    const p = ex.exchange(
      'close',
      () => Buffer.from([2]),
      () => undefined,
      { tries: 2, timeoutMs: 800, growMs: 0 },
      true,
    );
    const failed = expect(p).rejects.toThrow(/deadline/);
    await clock.advance(800);
    expect(sock.sent).toHaveLength(2);
    await clock.advance(200); // the second wait is cut to what is left: 200 ms
    await failed;
    expect(clock.now()).toBe(10_000);
    const late = ex.exchange(
      'close',
      () => Buffer.from([3]),
      () => undefined,
      { tries: 2, timeoutMs: 800, growMs: 0 },
      true,
    );
    const lateFailed = expect(late).rejects.toThrow(/deadline/);
    await clock.advance(0);
    await lateFailed;
    expect(sock.sent.map((b) => b[0])).toEqual([2, 2, 3]);
  });

  it('fails fast on ECONNREFUSED', async () => {
    const { sock, ex } = setup();
    const p = ex.exchange(
      'x',
      () => Buffer.from([1]),
      () => undefined,
      { tries: 4, timeoutMs: 1000, growMs: 0 },
    );
    const failed = expect(p).rejects.toBeInstanceOf(TransportError);
    await flush();
    sock.fail(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    await failed;
  });

  it('an acceptor that throws fails the exchange at once', async () => {
    const { sock, ex } = setup();
    sock.responder = () => [Buffer.from([9])];
    await expect(
      ex.exchange(
        'x',
        () => Buffer.from([1]),
        () => {
          throw new Error('bad status');
        },
        { tries: 4, timeoutMs: 1000, growMs: 0 },
      ),
    ).rejects.toThrow('bad status');
  });

  it('hands unclaimed messages to the unsolicited handler', async () => {
    const { sock, ex } = setup();
    const seen: number[] = [];
    ex.setUnsolicited((m) => seen.push(m.value));
    sock.deliver(Buffer.from([5]));
    expect(seen).toEqual([5]);
  });

  it('an asynchronous decoder (decryption): messages are handed on in the order their packets came, refusals counted', async () => {
    const clock = new FakeClock();
    const sock = new FakeSocket();
    // Packet 1 takes longest to decode, packet 3 is refused, packet 4 decodes synchronously.
    const slow = (v: number, ticks: number) =>
      (async () => {
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        return { value: v };
      })();
    const ex = new Exchanger<{ value: number }>(sock, clock, Deadline.none(clock), silentLogger, (pkt) =>
      pkt[0] === 1 ? slow(1, 20) : pkt[0] === 2 ? slow(2, 0) : pkt[0] === 3 ? Promise.reject(new Error('bad pad')) : decodeByte(pkt),
    );
    const seen: number[] = [];
    ex.setUnsolicited((m) => seen.push(m.value));
    for (const b of [1, 2, 3, 4]) sock.deliver(Buffer.from([b]));
    expect(seen).toEqual([]);
    await flush();
    expect(seen).toEqual([1, 2, 4]);
    // Once the queue is empty, a synchronous decoder's message goes at once again.
    sock.deliver(Buffer.from([5]));
    expect(seen).toEqual([1, 2, 4, 5]);
    // An asynchronously built packet: the wait starts when it is sent.
    const p = ex.exchange(
      'x',
      async () => Buffer.from([9]),
      (m) => (m.value === 6 ? 'six' : undefined),
      { tries: 1, timeoutMs: 1000, growMs: 0 },
    );
    await flush();
    expect(sock.sent.map((b) => b[0])).toEqual([9]);
    sock.deliver(Buffer.from([6]));
    expect(await p).toBe('six');
  });
});
