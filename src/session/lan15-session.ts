/**
 * An IPMI v1.5 session (and the Activate Session packet that starts it): seal
 * outbound messages with the session's auth code, open inbound packets checking
 * session id, auth code and sequence window. No I/O. IPMI v2.0 §22.12, §13.6.
 * The transport uses it as its SessionCodec (v1.5 carries IPMI messages only: payload type 0).
 */
import { authCode15, AuthType } from '../protocol/crypto/authcode15.js';
import { decodeLan15Packet, encodeLan15Packet, isLan15 } from '../protocol/lan15.js';
import type { OpenedPayload, Rejection, SessionCodec } from './codec.js';
import { ReplayWindow } from './replay-window.js';
import type { Workarounds } from './workarounds.js';
import type { CryptoPrimitives } from '../primitives/primitives.js';

export interface Lan15SessionParams {
  authType: number;
  password16: Uint8Array;
  sessionId: number;
  /** Sequence number for our next packet (the BMC's "initial inbound sequence number"). */
  nextOutSeq: number;
  /** Per-message authentication disabled on the channel: replies may come with auth type NONE. */
  perMessageAuthDisabled: boolean;
  /** endianseq: the BMC's sequence numbers come byte-swapped; noauthcodecheck: replies' auth codes are not checked. */
  workarounds?: Workarounds;
  /** MD5 and the auth code compare (src/primitives/). */
  crypto: CryptoPrimitives;
}

/** An opened v1.5 packet: the IPMI message, also as the codec's payload of type 0. */
export type Opened15 = (OpenedPayload & { message: Uint8Array }) | Rejection;

export class Lan15Session implements SessionCodec {
  private outSeq: number;
  private readonly window = new ReplayWindow(8);

  constructor(private readonly p: Lan15SessionParams) {
    this.outSeq = p.nextOutSeq >>> 0 || 1;
  }

  get sessionId(): number {
    return this.p.sessionId;
  }

  async sealMessage(message: Uint8Array): Promise<Buffer> {
    return this.seal(message);
  }

  seal(message: Uint8Array): Buffer {
    const seq = this.outSeq;
    this.outSeq = (this.outSeq + 1) >>> 0 || 1;
    const authType = this.p.perMessageAuthDisabled ? AuthType.None : this.p.authType;
    return encodeLan15Packet({
      authType,
      seq,
      sessionId: this.p.sessionId,
      authCode: authCode15(this.p.crypto, authType as AuthType, this.p.password16, this.p.sessionId, seq, message),
      message,
    });
  }

  async open(pkt: Uint8Array): Promise<Opened15> {
    if (!isLan15(pkt)) return { rejected: 'not an IPMI v1.5 packet' };
    let p;
    try {
      p = decodeLan15Packet(pkt);
    } catch (e) {
      return { rejected: (e as Error).message };
    }
    if (p.sessionId !== this.p.sessionId) return { rejected: `packet for another session (0x${p.sessionId.toString(16)})` };
    if (p.authType !== this.p.authType && !(this.p.perMessageAuthDisabled && p.authType === AuthType.None)) {
      return { rejected: `reply with authentication type ${p.authType}, session uses ${this.p.authType}` };
    }
    // An auth code although per-message authentication is off (unexpectedauth) is checked as though expected.
    const w = this.p.workarounds;
    const expect = authCode15(this.p.crypto, p.authType as AuthType, this.p.password16, p.sessionId, p.seq, p.message);
    if (expect && !w?.has('noauthcodecheck') && (!p.authCode || !this.p.crypto.equal(expect, p.authCode))) return { rejected: 'invalid authcode' };
    const seq = w?.has('endianseq') ? swap32(p.seq) : p.seq;
    if (!this.window.accept(seq)) return { rejected: `replayed or stale sequence number ${seq}` };
    const payload = Buffer.from(p.message.buffer, p.message.byteOffset, p.message.length);
    return { message: payload, payloadType: 0, payload };
  }
}

/** A 32-bit number in the other byte order (endianseq). */
export function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

/** The Activate Session packet: authenticated with the temporary session id and sequence number 0. */
export function sealActivateSession(crypto: CryptoPrimitives, authType: number, password16: Uint8Array, tempSessionId: number, message: Uint8Array): Buffer {
  return encodeLan15Packet({
    authType,
    seq: 0,
    sessionId: tempSessionId,
    authCode: authCode15(crypto, authType as AuthType, password16, tempSessionId, 0, message),
    message,
  });
}
