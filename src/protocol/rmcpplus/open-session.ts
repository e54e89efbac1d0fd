/**
 * RMCP+ Open Session Request/Response payloads. IPMI v2.0 §13.17 (Table 13-9),
 * §13.18 (Table 13-10). Algorithm records are: type | 00 00 | length 08 | alg | 00 00 00.
 */
import { ByteReader, ByteWriter } from '../../ipmi/codec.js';
import type { CipherSuite } from './cipher-suites.js';

export interface OpenSessionRequest {
  tag: number;
  /** Requested maximum privilege; 0 = highest the user may have. */
  maxPriv: number;
  consoleSessionId: number;
  suite: CipherSuite;
}

export function encodeOpenSessionRequest(r: OpenSessionRequest): Buffer {
  return new ByteWriter()
    .u8(r.tag)
    .u8(r.maxPriv)
    .u16(0)
    .u32(r.consoleSessionId)
    .bytes([0x00, 0, 0, 0x08, r.suite.auth, 0, 0, 0])
    .bytes([0x01, 0, 0, 0x08, r.suite.integrity, 0, 0, 0])
    .bytes([0x02, 0, 0, 0x08, r.suite.crypt, 0, 0, 0])
    .done();
}

export interface OpenSessionResponse {
  tag: number;
  status: number;
  maxPriv: number;
  consoleSessionId: number;
  bmcSessionId?: number;
  auth?: number;
  integrity?: number;
  crypt?: number;
}

/** An error reply may stop after the status byte (ipmi_sim sends just tag and status). */
export function decodeOpenSessionResponse(buf: Uint8Array): OpenSessionResponse {
  const r = new ByteReader(buf, 'Open Session response');
  const tag = r.u8();
  const status = r.u8();
  if (status !== 0 && r.remaining < 6) return { tag, status, maxPriv: 0, consoleSessionId: 0 };
  const maxPriv = r.u8();
  r.skip(1);
  const consoleSessionId = r.u32();
  if (status !== 0) return { tag, status, maxPriv, consoleSessionId };
  const bmcSessionId = r.u32();
  const alg = (): number => {
    r.skip(4);
    const a = r.u8() & 0x3f;
    r.skip(3);
    return a;
  };
  return { tag, status, maxPriv, consoleSessionId, bmcSessionId, auth: alg(), integrity: alg(), crypt: alg() };
}
