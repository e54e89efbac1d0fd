/**
 * RMCP+ session packets. IPMI v2.0 §13.6 Table 13-8 (IPMI v2.0 / RMCP+ session format):
 *   RMCP header | auth type 06 | payload type (b7 encrypted, b6 authenticated)
 *   | session id (4) | session seq (4) | payload length (2) | payload
 *   | [integrity pad FF.. | pad length | next header 07 | auth code]
 * The integrity pad makes auth type .. next header a multiple of 4 bytes.
 */
import { DecodeError } from '../../errors.js';
import { ByteReader, ByteWriter } from '../../ipmi/codec.js';
import { RMCP_IPMI_HEADER, isRmcpIpmi } from '../rmcp.js';

export const AUTH_TYPE_RMCPPLUS = 0x06;
export const NEXT_HEADER = 0x07;

export const PayloadType = {
  Ipmi: 0x00,
  Sol: 0x01,
  Oem: 0x02,
  OpenSessionRequest: 0x10,
  OpenSessionResponse: 0x11,
  Rakp1: 0x12,
  Rakp2: 0x13,
  Rakp3: 0x14,
  Rakp4: 0x15,
} as const;
export type PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

export interface RmcpPlusHeader {
  payloadType: number;
  encrypted: boolean;
  authenticated: boolean;
  sessionId: number;
  seq: number;
}

/**
 * Build a packet. `payload` is already encrypted when `encrypted`; `sign` computes
 * the auth code over the bytes from the auth type to the next header.
 */
export function encodeRmcpPlus(h: RmcpPlusHeader, payload: Uint8Array, sign?: (covered: Uint8Array) => Uint8Array): Buffer {
  const w = new ByteWriter()
    .bytes(RMCP_IPMI_HEADER)
    .u8(AUTH_TYPE_RMCPPLUS)
    .u8((h.payloadType & 0x3f) | (h.encrypted ? 0x80 : 0) | (h.authenticated ? 0x40 : 0))
    .u32(h.sessionId)
    .u32(h.seq)
    .u16(payload.length)
    .bytes(payload);
  if (!h.authenticated) return w.done();
  // Covered region starts after the 4-byte RMCP header; +2 for pad length and next header.
  const padLen = (4 - ((w.length - 4 + 2) % 4)) % 4;
  for (let i = 0; i < padLen; i++) w.u8(0xff);
  w.u8(padLen).u8(NEXT_HEADER);
  const unsigned = w.done();
  if (!sign) throw new Error('authenticated RMCP+ packet needs an integrity function');
  return Buffer.concat([unsigned, sign(unsigned.subarray(4))]);
}

export interface DecodedRmcpPlus {
  header: RmcpPlusHeader;
  /** Payload as on the wire (still encrypted when header.encrypted). */
  payload: Buffer;
  /** Bytes the auth code covers (auth type .. next header), when authenticated. */
  covered?: Buffer;
  authCode?: Buffer;
}

export function isRmcpPlus(buf: Uint8Array): boolean {
  return isRmcpIpmi(buf) && (buf[4]! & 0x0f) === AUTH_TYPE_RMCPPLUS;
}

/** Split a packet into its parts; `authCodeLen` is the negotiated integrity code length. */
export function decodeRmcpPlus(buf: Uint8Array, authCodeLen: number): DecodedRmcpPlus {
  if (!isRmcpPlus(buf)) throw new DecodeError('not an RMCP+ packet');
  const r = new ByteReader(buf, 'RMCP+ packet');
  r.skip(5);
  const pt = r.u8();
  const payloadType = pt & 0x3f;
  if (payloadType === PayloadType.Oem) r.skip(6); // OEM IANA + OEM payload id
  const header: RmcpPlusHeader = {
    payloadType,
    encrypted: (pt & 0x80) !== 0,
    authenticated: (pt & 0x40) !== 0,
    sessionId: r.u32(),
    seq: r.u32(),
  };
  const len = r.u16();
  const payload = Buffer.from(r.bytes(len));
  if (!header.authenticated) return { header, payload };
  const trailerStart = r.offset;
  const total = buf.length - authCodeLen;
  if (total < trailerStart + 2) throw new DecodeError('RMCP+ packet too short for its integrity trailer');
  const padLen = buf[total - 2]!;
  if (buf[total - 1] !== NEXT_HEADER || total - 2 - padLen !== trailerStart) {
    throw new DecodeError('RMCP+ packet has a malformed integrity trailer');
  }
  return {
    header,
    payload,
    covered: Buffer.from(buf.subarray(4, total)),
    authCode: Buffer.from(buf.subarray(total)),
  };
}
