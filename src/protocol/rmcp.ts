/**
 * RMCP header and ASF presence ping/pong. IPMI v2.0 §13.1.3 (RMCP), §13.2.3 (ASF ping).
 *   version 06 | reserved 00 | sequence FF (no RMCP ACK) | class (06 ASF, 07 IPMI)
 */
import { DecodeError } from '../errors.js';

export const RMCP_VERSION = 0x06;
export const RMCP_NO_ACK_SEQ = 0xff;
export const RmcpClass = { Asf: 0x06, Ipmi: 0x07 } as const;

export const RMCP_IPMI_HEADER: readonly number[] = [RMCP_VERSION, 0x00, RMCP_NO_ACK_SEQ, RmcpClass.Ipmi];

export function isRmcpIpmi(buf: Uint8Array): boolean {
  return buf.length >= 5 && buf[0] === RMCP_VERSION && (buf[3]! & 0x1f) === RmcpClass.Ipmi;
}

/** ASF Presence Ping (message type 0x80) with the given message tag. */
export function encodePresencePing(tag: number): Buffer {
  return Buffer.from([
    RMCP_VERSION,
    0x00,
    RMCP_NO_ACK_SEQ,
    RmcpClass.Asf,
    0x00,
    0x00,
    0x11,
    0xbe, // IANA 4542, big-endian in ASF
    0x80,
    tag & 0xff,
    0x00,
    0x00, // type, tag, reserved, data length
  ]);
}

export interface PresencePong {
  tag: number;
  ipmiSupported: boolean;
}

export function decodePresencePong(buf: Uint8Array): PresencePong {
  if (buf.length < 12 || buf[3] !== RmcpClass.Asf || buf[8] !== 0x40) {
    throw new DecodeError('not an ASF presence pong');
  }
  const supported = buf.length >= 21 ? buf[20]! : 0;
  return { tag: buf[9]!, ipmiSupported: (supported & 0x80) !== 0 };
}
