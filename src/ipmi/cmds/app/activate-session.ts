/** Activate Session (App 3Ah). IPMI v2.0 §22.17 Table 22-19. */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ActivateSessionRequest {
  authType: number;
  maxPriv: number;
  challenge: Uint8Array; // 16 bytes from Get Session Challenge
  initialOutboundSeq: number;
}

export interface ActivatedSession {
  authType: number;
  sessionId: number;
  initialInboundSeq: number;
  maxPriv: number;
}

export const activateSession = defineCommand<ActivateSessionRequest, ActivatedSession>({
  name: 'Activate Session',
  netFn: NetFn.App,
  cmd: 0x3a,
  spec: 'IPMI v2.0 §22.17',
  encode: (r) => new ByteWriter().u8(r.authType).u8(r.maxPriv).padded(r.challenge, 16).u32(r.initialOutboundSeq).done(),
  decode(data) {
    const r = new ByteReader(data, 'Activate Session');
    return { authType: r.u8() & 0x0f, sessionId: r.u32(), initialInboundSeq: r.u32(), maxPriv: r.u8() & 0x0f };
  },
  completionCodes: {
    0x81: 'No session slot available',
    0x82: 'No slot available for given user',
    0x83: 'No slot available to support user due to maximum privilege capability',
    0x84: 'Session sequence number out-of-range',
    0x85: 'Invalid session ID in request',
    0x86: 'Requested maximum privilege level exceeds user and/or channel privilege limit',
  },
});
