import { describe, expect, it } from 'vitest';
import { LanplusHandshake } from './lanplus-handshake.js';
import { systemPrimitives } from '../primitives/primitives.js';

const primitives = await systemPrimitives();
const creds = { username: Buffer.from('admin'), kuid: Buffer.alloc(20), kg: Buffer.alloc(20), privilege: 4, nameOnlyLookup: true };

describe('LanplusHandshake: late replies to an earlier attempt', () => {
  it('takes a reply only with its tag and its console session ID (Open Session Response, RAKP 2/4: bytes 4-7)', () => {
    const hs = new LanplusHandshake(3, creds, 0x11223344, () => Buffer.alloc(16, 1), primitives);
    hs.openSessionRequest(); // tag 1
    const reply = (tag: number, id: number[]): Buffer => Buffer.from([tag, 0x00, 0x04, 0x00, ...id, 0x01, 0x02, 0x03, 0x04]);
    expect(hs.matchesOpenSession(reply(1, [0x44, 0x33, 0x22, 0x11]))).toBe(true);
    // A new attempt starts at tag 1 again: the slow BMC's answer to the previous one carries the old ID.
    expect(hs.matchesOpenSession(reply(1, [0x99, 0x33, 0x22, 0x11]))).toBe(false);
    expect(hs.matchesOpenSession(reply(2, [0x44, 0x33, 0x22, 0x11]))).toBe(false);
    // An error reply too short to carry the ID is matched on the tag alone.
    expect(hs.matchesOpenSession(Buffer.from([1, 0x12]))).toBe(true);
    expect(hs.matchesRakp(reply(1, [0x44, 0x33, 0x22, 0x11]))).toBe(true);
    expect(hs.matchesRakp(reply(1, [0x00, 0x00, 0x00, 0x00]))).toBe(false);
  });
});
