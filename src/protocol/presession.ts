/**
 * Packets outside a session: unauthenticated IPMI v1.5 requests (session id 0,
 * used for Get Channel Auth Caps / Get Session Challenge / the cipher suite probe)
 * and unauthenticated RMCP+ packets (Open Session, RAKP, pre-session requests).
 */
import { decodeResponseMessage, encodeBmcRequest, type ResponseMessage } from '../ipmi/message.js';
import type { IpmiRequest } from '../ipmi/command.js';
import { decodeLan15Packet, encodeLan15Packet, isLan15 } from './lan15.js';
import { decodeRmcpPlus, encodeRmcpPlus, isRmcpPlus, PayloadType } from './rmcpplus/packet.js';

export function v15Unauthenticated(req: IpmiRequest, rqSeq: number): Buffer {
  return encodeLan15Packet({ authType: 0, seq: 0, sessionId: 0, message: encodeBmcRequest(req, rqSeq) });
}

export function rmcpPlusUnauthenticated(payloadType: number, payload: Uint8Array): Buffer {
  return encodeRmcpPlus({ payloadType, encrypted: false, authenticated: false, sessionId: 0, seq: 0 }, payload);
}

/** What arrives before (or outside) a session. */
export type PreSessionInbound =
  | { via: 'v15'; sessionId: number; msg: ResponseMessage }
  | { via: 'rmcpplus'; payloadType: number; payload: Buffer; msg?: ResponseMessage };

export function decodePreSession(pkt: Buffer): PreSessionInbound | { refused: string } {
  if (isLan15(pkt)) {
    const p = decodeLan15Packet(pkt);
    if (p.authType !== 0) return { refused: 'authenticated IPMI v1.5 packet outside a session' };
    return { via: 'v15', sessionId: p.sessionId, msg: decodeResponseMessage(p.message) };
  }
  if (isRmcpPlus(pkt)) {
    const d = decodeRmcpPlus(pkt, 0);
    if (d.header.authenticated || d.header.encrypted) return { refused: 'authenticated RMCP+ packet outside a session' };
    const msg = d.header.payloadType === PayloadType.Ipmi ? decodeResponseMessage(d.payload) : undefined;
    return { via: 'rmcpplus', payloadType: d.header.payloadType, payload: d.payload, ...(msg ? { msg } : {}) };
  }
  return { refused: 'not an RMCP IPMI packet' };
}
