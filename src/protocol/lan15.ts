/**
 * IPMI v1.5 LAN session packets. IPMI v2.0 §13.6 Table 13-8:
 *   RMCP header | auth type | session seq (4) | session id (4) | [auth code (16)] | msg length | message | [legacy pad]
 */
import { DecodeError } from '../errors.js';
import { ByteReader, ByteWriter } from '../ipmi/codec.js';
import { RMCP_IPMI_HEADER, isRmcpIpmi } from './rmcp.js';

export interface Lan15Packet {
  authType: number;
  seq: number;
  sessionId: number;
  authCode?: Uint8Array | undefined;
  message: Uint8Array;
}

/** Total packet lengths after which legacy LAN controllers need one pad byte (§13.6 note). */
const LEGACY_PAD_LENGTHS = new Set([56, 84, 112, 128, 156]);

export function encodeLan15Packet(p: Lan15Packet): Buffer {
  const w = new ByteWriter().bytes(RMCP_IPMI_HEADER).u8(p.authType).u32(p.seq).u32(p.sessionId);
  if (p.authType !== 0) {
    if (p.authCode?.length !== 16) throw new Error('IPMI v1.5 packet needs a 16-byte auth code');
    w.bytes(p.authCode);
  }
  w.u8(p.message.length).bytes(p.message);
  if (LEGACY_PAD_LENGTHS.has(w.length)) w.u8(0);
  return w.done();
}

/** Parse a v1.5 packet (auth type byte other than 0x06). */
export function decodeLan15Packet(buf: Uint8Array): Lan15Packet {
  if (!isRmcpIpmi(buf)) throw new DecodeError('not an RMCP IPMI packet');
  const r = new ByteReader(buf, 'IPMI v1.5 packet');
  r.skip(4);
  const authType = r.u8() & 0x0f;
  const seq = r.u32();
  const sessionId = r.u32();
  const authCode = authType !== 0 ? r.bytes(16) : undefined;
  const len = r.u8();
  const message = r.bytes(len);
  return { authType, seq, sessionId, authCode, message };
}

/** Byte offset of the IPMI message inside an encoded v1.5 packet (for auth-code checks). */
export function isLan15(buf: Uint8Array): boolean {
  return isRmcpIpmi(buf) && (buf[4]! & 0x0f) !== 0x06;
}
