/**
 * IPMI v1.5 sessions captured between real clients (ipmitool, FreeIPMI) and
 * ipmi_sim (test/vectors/lan15.json): auth codes NONE, PASSWORD, MD2, MD5.
 */
import { describe, expect, it } from 'vitest';
import { bytes, loadVectors } from '../../test/unit/vectors.js';
import { decodeLan15Packet } from '../protocol/lan15.js';
import { Lan15Session, sealActivateSession } from './lan15-session.js';
import { systemPrimitives } from '../primitives/primitives.js';

/** The crypto of the runtime the test runs under: node:crypto under vitest, Bun's natives under `bun test`. */
const crypto = await systemPrimitives();

interface Packet {
  dir: string;
  name: string;
  hex: string;
  fields: { session_seq: number; session_id: string; message_hex: string; auth_type: number };
}
interface V15Session {
  name: string;
  auth_type: number;
  inputs: { password16_hex: string };
  session: { temporary_session_id: string; session_id: string; initial_inbound_seq: string };
  packets: Packet[];
}

const sessions = loadVectors<{ sessions: V15Session[] }>('lan15.json').sessions;

describe('IPMI v1.5 sessions captured between real clients and ipmi_sim', () => {
  it('cover NONE, MD2, MD5 and PASSWORD', () => {
    expect(new Set(sessions.map((s) => s.auth_type))).toEqual(new Set([0, 1, 2, 4]));
  });

  it.each(sessions.map((s) => [s.name, s] as const))('%s', async (_, s) => {
    const pw16 = bytes(s.inputs.password16_hex);
    const find = (name: string): Packet => s.packets.find((p) => p.name === name)!;

    // Activate Session: authenticated with the temporary session id and sequence number 0.
    const act = find('Activate Session request');
    expect(sealActivateSession(crypto, act.fields.auth_type, pw16, Number(s.session.temporary_session_id), bytes(act.fields.message_hex)).toString('hex')).toBe(
      act.hex,
    );

    // In session: our first packet carries exactly the BMC's "initial inbound sequence number".
    const inSession = s.packets.filter((p) => p.fields.session_id === s.session.session_id);
    const requests = inSession.filter((p) => p.dir === 'console->bmc');
    const replies = inSession.filter((p) => p.dir === 'bmc->console');
    expect(requests.length).toBeGreaterThan(1);
    const authType = requests[0]!.fields.auth_type;
    const session = new Lan15Session({
      authType,
      password16: pw16,
      sessionId: Number(s.session.session_id),
      nextOutSeq: Number(s.session.initial_inbound_seq),
      perMessageAuthDisabled: false,
      crypto,
    });
    for (const r of requests) expect(session.seal(bytes(r.fields.message_hex)).toString('hex')).toBe(r.hex);
    for (const r of replies) {
      const opened = await session.open(bytes(r.hex));
      if ('rejected' in opened) throw new Error(`${r.name}: ${opened.rejected}`);
      expect(Buffer.from(opened.message).toString('hex')).toBe(r.fields.message_hex);
    }
    const fresh = (password16: Buffer) =>
      new Lan15Session({ authType, password16, sessionId: Number(s.session.session_id), nextOutSeq: 1, perMessageAuthDisabled: false, crypto });
    const last = bytes(replies[replies.length - 1]!.hex);
    if (authType === 1 || authType === 2) {
      // MD2/MD5 cover the message: one flipped bit fails the auth code check.
      const tampered = Buffer.from(last);
      tampered[tampered.length - 2]! ^= 0x01;
      expect(await fresh(pw16).open(tampered)).toEqual({ rejected: 'invalid authcode' });
    }
    if (authType !== 0) {
      // Every authenticated type fails with another password.
      expect(await fresh(Buffer.alloc(16, 0x41)).open(last)).toEqual({ rejected: 'invalid authcode' });
    }
  });

  it('decodes every captured packet the way the capture describes it', () => {
    for (const s of sessions) {
      for (const p of s.packets.filter((x) => x.fields?.message_hex)) {
        const d = decodeLan15Packet(bytes(p.hex));
        expect(d.seq).toBe(p.fields.session_seq);
        expect(Buffer.from(d.message).toString('hex')).toBe(p.fields.message_hex);
      }
    }
  });
});
