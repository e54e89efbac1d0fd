// Wire framing for the test responder: RMCP, ASF presence ping/pong, IPMI v1.5
// session wrapper (pre-session only), RMCP+ (IPMI v2.0) session header and IPMI LAN
// messages. Written from the IPMI v2.0 specification (§13.1-13.8, §6.12); nothing
// here is shared with the client code in src/.

export const RMCP_VERSION = 0x06;
export const RMCP_NO_ACK_SEQ = 0xff;
export const RMCP_CLASS_ASF = 0x06;
export const RMCP_CLASS_IPMI = 0x07;
export const ASF_IANA = 4542; // 0x000011BE
export const ASF_PING = 0x80;
export const ASF_PONG = 0x40;
export const AUTHTYPE_NONE = 0x00;
export const AUTHTYPE_RMCPPLUS = 0x06;
export const BMC_ADDR = 0x20;

export const Payload = {
  IPMI: 0x00,
  SOL: 0x01,
  OEM_EXPLICIT: 0x02,
  OPEN_SESSION_REQ: 0x10,
  OPEN_SESSION_RSP: 0x11,
  RAKP1: 0x12,
  RAKP2: 0x13,
  RAKP3: 0x14,
  RAKP4: 0x15,
} as const;

/** Two's-complement checksum: the byte that makes the sum of the range zero (mod 256). */
export function checksum(buf: Uint8Array, start = 0, end = buf.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + (buf[i] ?? 0)) & 0xff;
  return (0x100 - sum) & 0xff;
}

// ---------------------------------------------------------------- RMCP / ASF

export function rmcpHeader(cls: number, seq = RMCP_NO_ACK_SEQ): Buffer {
  return Buffer.from([RMCP_VERSION, 0x00, seq, cls]);
}

export interface Ping {
  rmcpSeq: number;
  tag: number;
}

/** Parses an ASF Presence Ping (whole datagram); null for anything else. */
export function parsePing(dgram: Buffer): Ping | null {
  if (dgram.length < 12 || dgram.readUInt8(3) !== RMCP_CLASS_ASF) return null;
  if (dgram.readUInt32BE(4) !== ASF_IANA || dgram.readUInt8(8) !== ASF_PING) return null;
  return { rmcpSeq: dgram.readUInt8(2), tag: dgram.readUInt8(9) };
}

/** ASF Presence Pong: IPMI supported, ASF 1.0, no OEM data. */
export function buildPong(ping: Ping): Buffer {
  const body = Buffer.alloc(24);
  body.writeUInt32BE(ASF_IANA, 0);
  body.writeUInt8(ASF_PONG, 4);
  body.writeUInt8(ping.tag, 5);
  body.writeUInt8(0x10, 7); // data length
  body.writeUInt32BE(ASF_IANA, 8); // IANA enterprise number
  body.writeUInt32BE(0, 12); // OEM defined
  body.writeUInt8(0x81, 16); // supported entities: IPMI, ASF v1.0
  body.writeUInt8(0x00, 17); // supported interactions
  return Buffer.concat([rmcpHeader(RMCP_CLASS_ASF, ping.rmcpSeq), body]);
}

// ---------------------------------------------------------------- IPMI LAN messages

export interface IpmiRequest {
  rsAddr: number;
  netFn: number;
  rsLun: number;
  rqAddr: number;
  rqSeq: number;
  rqLun: number;
  cmd: number;
  data: Buffer;
}

/** Parses a request message (rsAddr..checksum2); null if short, bad checksums or not a request. */
export function parseIpmiRequest(msg: Buffer): IpmiRequest | null {
  if (msg.length < 7) return null;
  if (checksum(msg, 0, 3) !== 0 || checksum(msg, 3, msg.length) !== 0) return null;
  const netFnLun = msg.readUInt8(1);
  const seqLun = msg.readUInt8(4);
  const req: IpmiRequest = {
    rsAddr: msg.readUInt8(0),
    netFn: netFnLun >> 2,
    rsLun: netFnLun & 3,
    rqAddr: msg.readUInt8(3),
    rqSeq: seqLun >> 2,
    rqLun: seqLun & 3,
    cmd: msg.readUInt8(5),
    data: Buffer.from(msg.subarray(6, msg.length - 1)),
  };
  if (req.netFn & 1) return null; // a response, not a request
  return req;
}

/** Response message: rqAddr, netFn+1/rqLUN, chk1, rsAddr, rqSeq/rsLUN, cmd, cc, data, chk2. */
export function buildIpmiResponse(req: IpmiRequest, cc: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const msg = Buffer.alloc(8 + data.length);
  msg.writeUInt8(req.rqAddr, 0);
  msg.writeUInt8((((req.netFn | 1) << 2) | req.rqLun) & 0xff, 1);
  msg.writeUInt8(checksum(msg, 0, 2), 2);
  msg.writeUInt8(req.rsAddr, 3);
  msg.writeUInt8(((req.rqSeq << 2) | req.rsLun) & 0xff, 4);
  msg.writeUInt8(req.cmd, 5);
  msg.writeUInt8(cc, 6);
  data.copy(msg, 7);
  msg.writeUInt8(checksum(msg, 3, msg.length - 1), msg.length - 1);
  return msg;
}

// ---------------------------------------------------------------- IPMI v1.5 session wrapper

export interface V15Packet {
  authType: number;
  seq: number;
  sessionId: number;
  msg: Buffer;
}

/** Parses an IPMI v1.5 packet (whole datagram). */
export function parseV15(dgram: Buffer): V15Packet | null {
  if (dgram.length < 14) return null;
  const authType = dgram.readUInt8(4);
  const lenAt = authType === AUTHTYPE_NONE ? 13 : 29;
  if (dgram.length < lenAt + 1) return null;
  const len = dgram.readUInt8(lenAt);
  // some clients append one legacy pad byte; anything else is malformed
  const rest = dgram.length - (lenAt + 1);
  if (rest !== len && rest !== len + 1) return null;
  return {
    authType,
    seq: dgram.readUInt32LE(5),
    sessionId: dgram.readUInt32LE(9),
    msg: Buffer.from(dgram.subarray(lenAt + 1, lenAt + 1 + len)),
  };
}

/** v1.5 pre-session response: auth type NONE, session 0, sequence 0. */
export function buildV15(msg: Buffer): Buffer {
  const hdr = Buffer.alloc(10);
  hdr.writeUInt8(AUTHTYPE_NONE, 0);
  hdr.writeUInt8(msg.length, 9);
  return Buffer.concat([rmcpHeader(RMCP_CLASS_IPMI), hdr, msg]);
}

// ---------------------------------------------------------------- RMCP+ (IPMI v2.0) header

export const V2_HEADER_END = 16; // RMCP(4) + authtype(1) + ptype(1) + sid(4) + seq(4) + len(2)

export interface V2Header {
  encrypted: boolean;
  authenticated: boolean;
  payloadType: number;
  sessionId: number;
  seq: number;
  payloadLength: number;
}

/** Parses the RMCP+ session header; null for OEM-explicit payloads or truncated packets. */
export function parseV2Header(dgram: Buffer): V2Header | null {
  if (dgram.length < V2_HEADER_END || dgram.readUInt8(4) !== AUTHTYPE_RMCPPLUS) return null;
  const pt = dgram.readUInt8(5);
  const payloadType = pt & 0x3f;
  if (payloadType === Payload.OEM_EXPLICIT) return null;
  const hdr: V2Header = {
    encrypted: (pt & 0x80) !== 0,
    authenticated: (pt & 0x40) !== 0,
    payloadType,
    sessionId: dgram.readUInt32LE(6),
    seq: dgram.readUInt32LE(10),
    payloadLength: dgram.readUInt16LE(14),
  };
  if (dgram.length < V2_HEADER_END + hdr.payloadLength) return null;
  return hdr;
}

/** RMCP header + RMCP+ session header + payload (no trailer). */
export function buildV2Unsigned(
  payloadType: number,
  flags: { encrypted: boolean; authenticated: boolean },
  sessionId: number,
  seq: number,
  payload: Buffer,
): Buffer {
  const hdr = Buffer.alloc(12);
  hdr.writeUInt8(AUTHTYPE_RMCPPLUS, 0);
  hdr.writeUInt8(payloadType | (flags.encrypted ? 0x80 : 0) | (flags.authenticated ? 0x40 : 0), 1);
  hdr.writeUInt32LE(sessionId >>> 0, 2);
  hdr.writeUInt32LE(seq >>> 0, 6);
  hdr.writeUInt16LE(payload.length, 10);
  return Buffer.concat([rmcpHeader(RMCP_CLASS_IPMI), hdr, payload]);
}

/**
 * Appends the session trailer: 0xFF integrity pad so that authtype..next-header is a
 * multiple of 4 bytes, pad length, next header 0x07, then the AuthCode over
 * authtype..next-header computed by `mac`.
 */
export function appendTrailer(unsigned: Buffer, mac: (covered: Buffer) => Buffer): Buffer {
  const covered = unsigned.length - 4 + 2;
  const pad = (4 - (covered % 4)) % 4;
  const trailer = Buffer.alloc(pad + 2, 0xff);
  trailer.writeUInt8(pad, pad);
  trailer.writeUInt8(0x07, pad + 1);
  const signed = Buffer.concat([unsigned, trailer]);
  return Buffer.concat([signed, mac(signed.subarray(4))]);
}

export interface Trailer {
  covered: Buffer;
  authCode: Buffer;
}

/**
 * Splits an authenticated packet into the bytes covered by the AuthCode and the
 * AuthCode itself, checking pad bytes, pad length, next header and total length.
 */
export function splitTrailer(dgram: Buffer, hdr: V2Header, authLen: number): Trailer | null {
  const payloadEnd = V2_HEADER_END + hdr.payloadLength;
  const nextHdrAt = dgram.length - authLen - 1;
  if (nextHdrAt < payloadEnd + 1) return null;
  if (dgram.readUInt8(nextHdrAt) !== 0x07) return null;
  const pad = dgram.readUInt8(nextHdrAt - 1);
  if (pad > 3 || payloadEnd + pad !== nextHdrAt - 1) return null;
  for (let i = payloadEnd; i < payloadEnd + pad; i++) if (dgram.readUInt8(i) !== 0xff) return null;
  if ((nextHdrAt + 1 - 4) % 4 !== 0) return null;
  return { covered: dgram.subarray(4, nextHdrAt + 1), authCode: dgram.subarray(nextHdrAt + 1) };
}
