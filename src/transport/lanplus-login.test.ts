/**
 * RMCP+ login under loss and damage (issue 15, defect 3), in process: LanplusTransport.open() over a
 * scripted link to the test responder's session table (test/responder/session.ts), time on a fake
 * clock. The link drops or damages chosen replies; `simRepeats` makes the BMC ignore a repeated RAKP 1
 * as ipmi_sim from OpenIPMI 2.0.37 does (lanserv_ipmi.c handle_rakp1_payload: the session has left the OPENED state).
 * Checked: a step is sent again unchanged before the handshake starts again; a reply that is not ours
 * is ignored; every half-open session given up is freed on the BMC (RAKP 3 with an error status, or
 * Close Session once RAKP 3 went through); a wrong password is still an authentication failure.
 */
import { randomBytes } from 'node:crypto';
import { assert, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/unit/fakes/fake-clock.js';
import { nodePrimitives } from '../primitives/node.js';
import { standardSuite } from '../../test/responder/crypto.js';
import { buildIpmiResponse, buildV2Unsigned, parseIpmiRequest, parseV2Header, V2_HEADER_END } from '../../test/responder/framing.js';
import { DEFAULT_GUID, DEFAULT_USERS } from '../../test/responder/responder.js';
import { SessionTable } from '../../test/responder/session.js';
import type { DatagramSocket } from '../io.js';
import { Deadline } from './exchanger.js';
import { LanplusTransport } from './lanplus.js';
import type { LanOptions } from './transport.js';

/** What the link does with the n-th reply of a payload type (n from 1): deliver, drop, or these bytes instead. */
type Fate = 'ok' | 'drop' | ((reply: Buffer) => Buffer[]);

interface Sent {
  type: number;
  payload: Buffer;
}

function setup(
  o: {
    fate?: (type: number, n: number) => Fate;
    simRepeats?: boolean;
    answersInSession?: boolean;
    /** Whether the n-th request of a payload type (n from 1) is lost on its way to the BMC. */
    lose?: (type: number, n: number) => boolean;
    user?: string;
    password?: string;
    suite?: number;
    tries?: number;
    /** The BMC's Kg (none by default: Kuid is used). */
    bmcKg?: Buffer;
    /** --timeout in seconds (none by default). */
    deadlineSec?: number;
  } = {},
) {
  const clock = new FakeClock();
  const suite = o.suite ?? 3;
  const table = new SessionTable({
    quirks: new Set(),
    users: DEFAULT_USERS,
    kg: o.bmcKg ?? null,
    suites: [standardSuite(suite)!],
    guid: DEFAULT_GUID,
    channelMaxPriv: 4,
  });
  const sent: Sent[] = [];
  const replies = new Map<number, number>();
  const requests = new Map<number, number>();
  const closed: number[] = [];
  const rakp1Seen = new Set<number>();
  let deliver: (b: Buffer) => void = () => undefined;

  let outSeq = 0;
  /**
   * The BMC: Open Session and RAKP through the table; in a session without integrity or encryption
   * (suites 0-2) Close Session, and Get Device ID when `answersInSession`.
   */
  const answer = (type: number, sessionId: number, payload: Buffer): Buffer | null => {
    if (type === 0x10) return table.openSession(payload, 'console');
    if (type === 0x12) {
      const id = payload.readUInt32LE(4);
      if (o.simRepeats && rakp1Seen.has(id)) return null;
      rakp1Seen.add(id);
      return table.rakp1(payload, 'console');
    }
    if (type === 0x14) return table.rakp3(payload, 'console');
    const req = type === 0 && sessionId !== 0 ? parseIpmiRequest(payload) : null;
    if (req?.netFn === 0x06 && req.cmd === 0x3c && table.delete(req.data.readUInt32LE(0))) closed.push(req.data.readUInt32LE(0));
    const s = table.get(sessionId);
    if (req?.netFn === 0x06 && req.cmd === 0x01 && o.answersInSession && s?.state === 'active') {
      const reply = buildV2Unsigned(0, { encrypted: false, authenticated: false }, s.consoleId, ++outSeq, buildIpmiResponse(req, 0, Buffer.alloc(11)));
      clock.setTimeout(() => deliver(reply), 1);
    }
    return null;
  };

  const sock: DatagramSocket = {
    async send(buf: Uint8Array) {
      const pkt = Buffer.from(buf);
      const h = parseV2Header(pkt);
      if (!h) return; // the cipher suite probe is not used (-C given)
      const payload = pkt.subarray(V2_HEADER_END, V2_HEADER_END + h.payloadLength);
      sent.push({ type: h.payloadType, payload });
      const nth = (requests.get(h.payloadType) ?? 0) + 1;
      requests.set(h.payloadType, nth);
      if (o.lose?.(h.payloadType, nth)) return;
      const reply = answer(h.payloadType, h.sessionId, payload);
      if (!reply) return;
      const type = h.payloadType + 1;
      const n = (replies.get(type) ?? 0) + 1;
      replies.set(type, n);
      const fate = o.fate?.(type, n) ?? 'ok';
      if (fate === 'drop') return;
      const framed = buildV2Unsigned(type, { encrypted: false, authenticated: false }, 0, 0, reply);
      for (const b of fate === 'ok' ? [framed] : fate(framed)) clock.setTimeout(() => deliver(b), 1);
    },
    onMessage(cb) {
      deliver = cb;
    },
    onError() {},
    async close() {},
  };

  const options: LanOptions = {
    host: '127.0.0.1',
    port: 623,
    username: Buffer.from(o.user ?? 'admin'),
    password: Buffer.from(o.password ?? 'password'),
    kg: Buffer.alloc(20),
    privilege: 4,
    nameOnlyLookup: true,
    cipherSuite: suite,
    timeoutMs: 1000,
    tries: o.tries ?? 4,
  };
  const logs: string[] = [];
  const t = new LanplusTransport(options, {
    connect: async () => sock,
    clock,
    random: randomBytes,
    // Given, not loaded: the default loader imports a module, which the fake clock's flush does not wait for.
    crypto: async () => nodePrimitives,
    log: { verbose: (_level, line) => void logs.push(line) },
    deadline: o.deadlineSec ? Deadline.after(clock, o.deadlineSec) : Deadline.none(clock),
  });
  const open = async (): Promise<unknown> => {
    const p = t.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    await clock.advance(60_000);
    return p;
  };
  const of = (type: number) => sent.filter((s) => s.type === type).map((s) => s.payload);
  return { t, table, sent, of, closed, clock, logs, open };
}

const OPEN = 0x10;
const RAKP1 = 0x12;
const RAKP3 = 0x14;

/** The live sessions on the BMC, half-open ones included. */
const sessionsOn = (table: SessionTable, ids: number[]): number => ids.filter((id) => table.get(id)).length;
/** BMC session IDs the console learnt (bytes 4-7 of RAKP 1 and RAKP 3). */
const bmcIds = (payloads: Buffer[]): number[] => [...new Set(payloads.map((p) => p.readUInt32LE(4)))];

/** open() given a minute of the fake clock; it must fail: its error, and how long after the start. */
async function failedOpen(x: ReturnType<typeof setup>): Promise<{ e: unknown; after: number }> {
  const t0 = x.clock.now();
  const settled = x.t.open().then(
    () => assert.fail('open() succeeded'),
    (e: unknown) => ({ e, after: x.clock.now() - t0 }),
  );
  await x.clock.advance(60_000);
  return settled;
}

describe('a lost set-up reply: the same step is sent again before the handshake starts again', () => {
  it('a lost Open Session response: the same request again (same console session ID), one handshake', async () => {
    const x = setup({ fate: (type, n) => (type === 0x11 && n === 1 ? 'drop' : 'ok') });
    expect(await x.open()).toBeUndefined();
    const opens = x.of(OPEN);
    expect(opens).toHaveLength(2);
    expect(opens[1]).toEqual(opens[0]);
    expect(x.of(RAKP1)).toHaveLength(1);
  });

  it('a lost RAKP 2 from a BMC that answers a repeat: RAKP 1 again, byte for byte, no new session', async () => {
    const x = setup({ fate: (type, n) => (type === 0x13 && n === 1 ? 'drop' : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(1);
    const rakp1 = x.of(RAKP1);
    expect(rakp1).toHaveLength(2);
    expect(rakp1[1]).toEqual(rakp1[0]);
  });

  it('a lost RAKP 2 from a BMC that ignores a repeat (ipmi_sim 2.0.37+): one more RAKP 1, then RAKP 3 with status 02h frees the slot and a new session logs in', async () => {
    const x = setup({ simRepeats: true, fate: (type, n) => (type === 0x13 && n === 1 ? 'drop' : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(2);
    const rakp1 = x.of(RAKP1);
    expect(rakp1).toHaveLength(3);
    expect(rakp1[1]).toEqual(rakp1[0]);
    const abandoned = x.of(RAKP3)[0]!;
    expect([...abandoned.subarray(0, 8)]).toEqual([3, 0x02, 0, 0, ...abandoned.subarray(4, 8)]);
    expect(abandoned.readUInt32LE(4)).toBe(rakp1[0]!.readUInt32LE(4));
    expect(sessionsOn(x.table, bmcIds(rakp1))).toBe(1);
  });

  it('a lost RAKP 4 (the BMC has authenticated the session and ignores a repeated RAKP 3): Close Session frees it, a new session logs in', async () => {
    const x = setup({ suite: 1, fate: (type, n) => (type === 0x15 && n === 1 ? 'drop' : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(2);
    const first = x.of(RAKP1)[0]!.readUInt32LE(4);
    expect(x.closed).toEqual([first]);
    expect(sessionsOn(x.table, bmcIds(x.of(RAKP1)))).toBe(1);
  });

  it('a lost RAKP 4, but the session answers Get Device ID in it: the session is used at once, one handshake', async () => {
    const x = setup({ suite: 1, simRepeats: true, answersInSession: true, fate: (type, n) => (type === 0x15 && n === 1 ? 'drop' : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(1);
    expect(x.of(RAKP3)).toHaveLength(1);
    expect(x.closed).toEqual([]);
    expect(x.logs).toContain('No usable RAKP 4 (No response to RAKP 3), but the session answers: using it');
    expect(x.t.bmcSessionId).toBe(x.of(RAKP1)[0]!.readUInt32LE(4));
  });

  it('a lost RAKP 3: Get Device ID gets no answer (no session yet), RAKP 3 again gets RAKP 4, one handshake', async () => {
    const x = setup({ suite: 1, answersInSession: true, lose: (type, n) => type === RAKP3 && n === 1 });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(1);
    const rakp3 = x.of(RAKP3);
    expect(rakp3).toHaveLength(2);
    expect(rakp3[1]).toEqual(rakp3[0]);
    expect(x.logs.some((l) => l.startsWith('No usable RAKP 4'))).toBe(false);
  });

  it('a silent host: Open Session -R times (1+2+3+4 s), and no new handshake after that', async () => {
    const x = setup({ fate: () => 'drop' });
    const r = await failedOpen(x);
    expect(r.e).toMatchObject({ layer: 'transport', code: 'timeout' });
    expect(r.after).toBe(10_000);
    expect(x.of(OPEN)).toHaveLength(4);
    expect(bmcIds(x.of(OPEN))).toHaveLength(1);
  });
});

describe('with --timeout, silence to Open Session is loss until the deadline', () => {
  it('five Open Session responses lost in a row (more than -R 4): a second handshake logs in at its second send', async () => {
    const x = setup({ deadlineSec: 30, fate: (type, n) => (type === 0x11 && n <= 5 ? 'drop' : 'ok') });
    expect(await x.open()).toBeUndefined();
    const opens = x.of(OPEN);
    expect(opens).toHaveLength(6);
    expect(bmcIds(opens)).toHaveLength(2);
    expect(x.logs.some((l) => l.includes('starting again with a new session ID'))).toBe(true);
  });

  it('a silent host: handshakes until the work time of --timeout 30 is over (29 s), then the deadline error', async () => {
    const x = setup({ deadlineSec: 30, fate: () => 'drop' });
    const r = await failedOpen(x);
    expect(r.e).toMatchObject({ layer: 'transport' });
    expect(r.after).toBeLessThanOrEqual(29_000);
    expect(r.after).toBeGreaterThan(20_000);
    expect(bmcIds(x.of(OPEN)).length).toBeGreaterThan(1);
  });

  it('a wrong password is still final after -R handshakes, whatever time is left', async () => {
    const x = setup({ deadlineSec: 30, password: 'wrong' });
    expect(await x.open()).toMatchObject({ layer: 'auth' });
    expect(bmcIds(x.of(OPEN))).toHaveLength(4);
  });
});

describe('a damaged set-up reply', () => {
  it('a RAKP 2 with a flipped console session ID is not ours: ignored, the good copy behind it is taken', async () => {
    const flipped = (b: Buffer): Buffer[] => {
      const bad = Buffer.from(b);
      bad[V2_HEADER_END + 5]! ^= 0x10;
      return [bad, b];
    };
    const x = setup({ fate: (type, n) => (type === 0x13 && n === 1 ? flipped : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(1);
    expect(x.of(RAKP1)).toHaveLength(1);
  });

  const short = (b: Buffer): Buffer[] => {
    const bad = Buffer.from(b.subarray(0, b.length - 12));
    bad.writeUInt16LE(bad.length - V2_HEADER_END, V2_HEADER_END - 2);
    return [bad];
  };
  it.each([
    ['cut short (the length field no longer fits: not known to be ours, the wait runs out)', (b: Buffer) => [b.subarray(0, b.length - 12)], 3],
    ['of ours that is too short to decode', short, 2],
    [
      'with a bit flipped in its HMAC',
      (b: Buffer) => {
        const bad = Buffer.from(b);
        bad[bad.length - 3]! ^= 0x01;
        return [bad];
      },
      2,
    ],
  ])('a RAKP 2 %s: the half-open session is freed (RAKP 3 with an error status), a new one logs in', async (_, damage, rakp1Sends) => {
    const x = setup({ simRepeats: true, fate: (type, n) => (type === 0x13 && n === 1 ? damage : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.of(OPEN)).toHaveLength(2);
    expect(x.of(RAKP1)).toHaveLength(rakp1Sends);
    expect(x.of(RAKP3)[0]![1]).not.toBe(0);
    expect(sessionsOn(x.table, bmcIds(x.of(RAKP1)))).toBe(1);
  });

  it('a truncated RAKP 4: Close Session frees the session, a new one logs in', async () => {
    const x = setup({ suite: 1, fate: (type, n) => (type === 0x15 && n === 1 ? (b) => [b.subarray(0, b.length - 6)] : 'ok') });
    expect(await x.open()).toBeUndefined();
    expect(x.closed).toHaveLength(1);
    expect(sessionsOn(x.table, bmcIds(x.of(RAKP1)))).toBe(1);
  });
});

describe('credentials the BMC really rejects', () => {
  it('a wrong password: RAKP 2 fails every handshake the same way; authentication error after -R handshakes, no session left', async () => {
    const x = setup({ password: 'wrong' });
    const e = await x.open();
    expect(e).toMatchObject({ layer: 'auth', code: 'rakp2-hmac', message: 'Error: Unable to establish IPMI v2 / RMCP+ session' });
    expect(x.of(OPEN)).toHaveLength(4);
    expect(sessionsOn(x.table, bmcIds(x.of(RAKP1)))).toBe(0);
  });

  it('a wrong Kg: RAKP 4 fails its check in every handshake; the check value error (exit 4), not the silence to RAKP 3 after it', async () => {
    const x = setup({ suite: 3, bmcKg: Buffer.alloc(20, 0x11) });
    const e = await x.open();
    expect(e).toMatchObject({ layer: 'auth', code: 'rakp4-icv' });
    expect(bmcIds(x.of(OPEN))).toHaveLength(4);
  });

  it('an unknown user name (RAKP 2 status 0Dh): final at once, one handshake', async () => {
    const x = setup({ user: 'nobody' });
    const e = await x.open();
    expect(e).toMatchObject({ layer: 'auth', code: 'rakp2', detail: 'RAKP 2 message indicates an error : unauthorized name' });
    expect(x.of(OPEN)).toHaveLength(1);
  });
});
