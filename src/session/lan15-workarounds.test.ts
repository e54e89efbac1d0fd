/**
 * -W endianseq and noauthcodecheck in the IPMI v1.5 session codec, on packets built with the
 * codec's own sealing (a BMC's reply has the same shape as a console's request).
 */
import { describe, expect, it } from 'vitest';
import { encodeLan15Packet } from '../protocol/lan15.js';
import { authCode15, AuthType } from '../protocol/crypto/authcode15.js';
import { Lan15Session, swap32 } from './lan15-session.js';
import type { Workaround } from './workarounds.js';
import { systemPrimitives } from '../primitives/primitives.js';

/** The crypto of the runtime the test runs under: node:crypto under vitest, Bun's natives under `bun test`. */
const crypto = await systemPrimitives();

const pw16 = Buffer.alloc(16);
pw16.write('adminpass');
const SID = 0x0200a1b2;
const message = Buffer.from('81047b20f80100010000e6', 'hex'); // a Get Chassis Status reply

function reply(seq: number, authCode = authCode15(crypto, AuthType.Md5, pw16, SID, seq, message)): Buffer {
  return encodeLan15Packet({ authType: AuthType.Md5, seq, sessionId: SID, authCode, message });
}

const session = (...w: Workaround[]): Lan15Session =>
  new Lan15Session({ authType: AuthType.Md5, password16: pw16, sessionId: SID, nextOutSeq: 1, perMessageAuthDisabled: false, workarounds: new Set(w), crypto });

describe('IPMI v1.5 workarounds', () => {
  it('swap32 turns the byte order around', () => {
    expect(swap32(0x01020304)).toBe(0x04030201);
    expect(swap32(0xff000000)).toBe(0x000000ff);
  });

  it('endianseq: the window sees the swapped number, so a replay of a byte-swapped reply is still refused', async () => {
    const s = session('endianseq');
    // The BMC counts 7, 8 but writes them big-endian: the packet field reads 0x07000000, 0x08000000.
    expect(await s.open(reply(swap32(7)))).toHaveProperty('message');
    expect(await s.open(reply(swap32(8)))).toHaveProperty('message');
    expect(await s.open(reply(swap32(8)))).toEqual({ rejected: 'replayed or stale sequence number 8' });
    expect(await s.open(reply(swap32(100)))).toHaveProperty('message');
    expect(await s.open(reply(swap32(7)))).toEqual({ rejected: 'replayed or stale sequence number 7' });
  });

  it('noauthcodecheck: a wrong auth code is taken only with the flag', async () => {
    const bad = reply(5, Buffer.alloc(16, 0xee));
    expect(await session().open(bad)).toEqual({ rejected: 'invalid authcode' });
    expect(await session('noauthcodecheck').open(bad)).toHaveProperty('message');
  });
});
