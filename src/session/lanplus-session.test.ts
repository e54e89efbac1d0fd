/**
 * LanplusSession with asynchronous AES: packets come out sealed in the order seal() was called, whatever
 * order the encryptions finish in; sequence numbers are taken at the call.
 */
import { describe, expect, it } from 'vitest';
import { nodePrimitives } from '../primitives/node.js';
import type { CryptoPrimitives } from '../primitives/primitives.js';
import { decodeRmcpPlus } from '../protocol/rmcpplus/packet.js';
import { LanplusSession } from './lanplus-session.js';
import type { EstablishedSession } from './lanplus-handshake.js';

const established: EstablishedSession = {
  suite: { id: 3, auth: 1, integrity: 1, crypt: 1 },
  bmcSessionId: 0x0200,
  consoleSessionId: 0xa0a2a3a4,
  keys: { sik: Buffer.alloc(20, 1), k1: Buffer.alloc(20, 2), k2: Buffer.alloc(20, 3) },
  kuid: Buffer.alloc(20),
  bmcMaxPriv: 4,
};

describe('LanplusSession', () => {
  it('seals in call order though the first encryption finishes last', async () => {
    let calls = 0;
    const crypto: CryptoPrimitives = {
      ...nodePrimitives,
      // The first encryption takes many more microtasks than the others.
      aes128CbcEncrypt: async (key, iv, data) => {
        const ticks = calls++ === 0 ? 50 : 0;
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        return nodePrimitives.aes128CbcEncrypt(key, iv, data);
      },
    };
    const s = new LanplusSession(established, (n) => Buffer.alloc(n), crypto);
    const done: number[] = [];
    const sealed = [1, 2, 3].map(async (i) => {
      const p = await s.seal(1, Buffer.from([i]));
      done.push(i);
      return p;
    });
    const packets = await Promise.all(sealed);
    expect(done).toEqual([1, 2, 3]);
    expect(packets.map((p) => decodeRmcpPlus(p, 12).header.seq)).toEqual([1, 2, 3]);
  });
});
