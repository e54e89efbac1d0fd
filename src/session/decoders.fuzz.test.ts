/**
 * Hostile input: random and mutated packets through every decoder that sees network
 * bytes. Each must return a value or a rejection, or throw DecodeError; anything else
 * (TypeError, RangeError, an infinite loop) is a bug. Seeded, so failures repeat.
 */
import { describe, expect, it } from 'vitest';
import { bytes, loadVectors } from '../../test/unit/vectors.js';
import { DecodeError } from '../errors.js';
import { decodeResponseMessage } from '../ipmi/message.js';
import { parseCipherSuiteRecords } from '../ipmi/cmds/app/get-channel-cipher-suites.js';
import { decodeOpenSessionResponse } from '../protocol/rmcpplus/open-session.js';
import { decodeRakp2, decodeRakp4 } from '../protocol/rmcpplus/rakp.js';
import { decodePreSession } from '../protocol/presession.js';
import { LanplusHandshake } from './lanplus-handshake.js';
import { LanplusSession } from './lanplus-session.js';
import { Lan15Session } from './lan15-session.js';
import { systemPrimitives } from '../primitives/primitives.js';
import { prng as rng } from '../../test/support/prng.js';

const primitives = await systemPrimitives();

/** Random packets: pure noise, RMCP-looking headers with noise, and mutations of real captures. */
function* packets(n: number, seed: number, seeds: Buffer[]): Generator<Buffer> {
  const r = rng(seed);
  const byte = (): number => Math.floor(r() * 256);
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    if (kind === 0) yield Buffer.from(Array.from({ length: Math.floor(r() * 80) }, byte));
    else if (kind === 1) {
      const body = Array.from({ length: Math.floor(r() * 120) }, byte);
      yield Buffer.from([0x06, 0x00, 0xff, 0x07, r() < 0.5 ? 0x06 : byte(), ...body]);
    } else {
      const base = Buffer.from(seeds[Math.floor(r() * seeds.length)]!);
      const flips = 1 + Math.floor(r() * 4);
      for (let f = 0; f < flips; f++) base[Math.floor(r() * base.length)] = byte();
      yield kind === 2 ? base : base.subarray(0, Math.floor(r() * base.length));
    }
  }
  yield Buffer.alloc(65_507, 0xff); // the largest UDP payload
}

function survives(label: string, fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof DecodeError) return;
    throw new Error(`${label}: ${(e as Error).stack}`);
  }
}

interface Capture {
  cipher_suite: { id: number };
  packets: { hex: string }[];
}

describe('decoders under random and mutated input', () => {
  const captures = ['lanplus-suite3.json', 'lanplus-suite17-ipmitool.json', 'lanplus-suite11-freeipmi.json'].map((f) => loadVectors<Capture>(f));
  const seeds = captures.flatMap((c) => c.packets.map((p) => bytes(p.hex)));
  const v15 = loadVectors<{ sessions: { packets: { hex: string }[] }[] }>('lan15.json').sessions.flatMap((s) => s.packets.map((p) => bytes(p.hex)));
  const all = [...seeds, ...v15];

  it('pre-session packets, IPMI messages, RMCP+ payloads', () => {
    for (const p of packets(20_000, 1, all)) {
      survives('decodePreSession', () => decodePreSession(p));
      survives('decodeResponseMessage', () => decodeResponseMessage(p));
      survives('decodeOpenSessionResponse', () => decodeOpenSessionResponse(p));
      survives('decodeRakp2', () => decodeRakp2(p));
      survives('decodeRakp4', () => decodeRakp4(p));
      survives('parseCipherSuiteRecords', () => parseCipherSuiteRecords(p));
    }
  });

  it('the handshake refuses garbage with an IpmiError', () => {
    for (const p of packets(5_000, 2, all)) {
      const hs = new LanplusHandshake(
        17,
        { username: Buffer.from('admin'), kuid: Buffer.alloc(20), kg: Buffer.alloc(20), privilege: 4, nameOnlyLookup: true },
        0xa0a2a3a4,
        () => Buffer.alloc(16, 1),
        primitives,
      );
      hs.openSessionRequest();
      // One packet cannot be both a good Open Session Response and a good RAKP 2: something must refuse it.
      let refused: unknown;
      try {
        hs.acceptOpenSessionResponse(p);
        hs.rakp1();
        hs.acceptRakp2(p);
      } catch (e) {
        refused = e;
      }
      expect((refused as { layer?: string } | undefined)?.layer, String(refused)).toMatch(/^(auth|busy|decode)$/);
    }
  });

  it('sessions reject (never throw on) anything that is not theirs', async () => {
    const keys = { sik: Buffer.alloc(20, 1), k1: Buffer.alloc(20, 2), k2: Buffer.alloc(20, 3) };
    for (const suite of [0, 3, 8, 12, 17]) {
      const s = new LanplusSession(
        {
          suite: { id: suite, auth: 1, integrity: [0, 1, 2, 3, 4][suite % 5] as 0, crypt: suite === 3 || suite === 17 || suite === 8 || suite === 12 ? 1 : 0 },
          bmcSessionId: 1,
          consoleSessionId: 0xa0a2a3a4,
          keys,
          kuid: Buffer.alloc(20),
          bmcMaxPriv: 4,
        },
        () => Buffer.alloc(16),
        primitives,
      );
      for (const p of packets(5_000, 3 + suite, all)) {
        const r = await s.open(p);
        // A reason, or (a mutation that kept this session's ID, keys and a fresh sequence number) a payload.
        if ('rejected' in r) expect(r.rejected).toMatch(/\S/);
        else expect(r).toEqual({ payloadType: expect.any(Number), payload: expect.any(Buffer) });
      }
    }
    const s15 = new Lan15Session({
      authType: 2,
      password16: Buffer.alloc(16),
      sessionId: 0x82,
      nextOutSeq: 1,
      perMessageAuthDisabled: false,
      crypto: primitives,
    });
    for (const p of packets(5_000, 9, all)) expect(await s15.open(p)).toEqual({ rejected: expect.any(String) });
  });
});
