/**
 * What a LAN transport needs from an active session, whatever its version: seal an outbound
 * IPMI message, open an inbound packet, name the session. The RMCP+ session (lanplus-session.ts)
 * and the IPMI v1.5 session (lan15-session.ts) implement it; the transport composes one and
 * coordinates (src/transport/session-channel.ts). No I/O. Both are asynchronous (AES is, see
 * src/primitives/primitives.ts); the state (sequence numbers, replay window) moves at the call, before any await.
 */

/** An inbound packet of the session, opened: its payload type (0 = IPMI message) and payload. */
export interface OpenedPayload {
  payloadType: number;
  payload: Buffer;
}

/** Why an inbound packet was dropped (reported under -v, never fatal by itself). */
export type Rejection = { rejected: string };

export function isRejection(x: OpenedPayload | Rejection): x is Rejection {
  return 'rejected' in x;
}

export interface SessionCodec {
  /** The BMC's id of this session (Close Session names it). */
  readonly sessionId: number;
  /** One outbound IPMI message, sealed: session header, sequence number, auth code or integrity data, encryption. */
  sealMessage(message: Uint8Array): Promise<Buffer>;
  /** One inbound packet: opened when it belongs to this session and passes its checks, else the reason. */
  open(packet: Uint8Array): Promise<OpenedPayload | Rejection>;
}
