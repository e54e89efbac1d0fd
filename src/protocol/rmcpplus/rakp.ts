/** RAKP messages 1-4. IPMI v2.0 §13.20-13.23 (Tables 13-11..13-14). */
import { ByteReader, ByteWriter } from '../../ipmi/codec.js';
import { unknownValueLower } from '../../format/c-printf.js';

export interface Rakp1 {
  tag: number;
  bmcSessionId: number;
  consoleRandom: Uint8Array;
  role: number;
  username: Uint8Array;
}

export function encodeRakp1(m: Rakp1): Buffer {
  return new ByteWriter().u8(m.tag).u24(0).u32(m.bmcSessionId).bytes(m.consoleRandom).u8(m.role).u16(0).u8(m.username.length).bytes(m.username).done();
}

export interface Rakp2 {
  tag: number;
  status: number;
  consoleSessionId: number;
  bmcRandom?: Uint8Array;
  bmcGuid?: Uint8Array;
  authCode?: Uint8Array;
}

interface RakpReplyHeader {
  tag: number;
  status: number;
  consoleSessionId: number;
}

/**
 * RAKP 2 and RAKP 4 open alike (§13.21 Table 13-12, §13.23 Table 13-14): tag, status, two
 * reserved bytes, the console session ID. A refusal may stop after the status; the rest is
 * read only when the status is 0.
 */
function decodeRakpReply<T extends object>(buf: Uint8Array, what: string, rest: (r: ByteReader) => T): RakpReplyHeader & Partial<T> {
  const r = new ByteReader(buf, what);
  const tag = r.u8();
  const status = r.u8();
  if (status !== 0 && r.remaining < 6) return { tag, status, consoleSessionId: 0 } as RakpReplyHeader & Partial<T>;
  r.skip(2);
  const consoleSessionId = r.u32();
  if (status !== 0) return { tag, status, consoleSessionId } as RakpReplyHeader & Partial<T>;
  return { tag, status, consoleSessionId, ...rest(r) };
}

export function decodeRakp2(buf: Uint8Array): Rakp2 {
  return decodeRakpReply(buf, 'RAKP 2', (r) => ({ bmcRandom: r.bytes(16), bmcGuid: r.bytes(16), authCode: r.rest() }));
}

export interface Rakp3 {
  tag: number;
  status: number;
  bmcSessionId: number;
  authCode: Uint8Array;
}

export function encodeRakp3(m: Rakp3): Buffer {
  return new ByteWriter().u8(m.tag).u8(m.status).u16(0).u32(m.bmcSessionId).bytes(m.authCode).done();
}

export interface Rakp4 {
  tag: number;
  status: number;
  consoleSessionId: number;
  icv?: Uint8Array;
}

export function decodeRakp4(buf: Uint8Array): Rakp4 {
  return decodeRakpReply(buf, 'RAKP 4', (r) => ({ icv: r.rest() }));
}

/** RMCP+ / RAKP status codes (§13.24 Table 13-15), worded as ipmitool prints them. */
export const rakpStatusText: readonly string[] = [
  'no errors',
  'insufficient resources for session',
  'invalid session ID',
  'invalid payload type',
  'invalid authentication algorithm',
  'invalid integrity algorithm',
  'no matching authentication algorithm',
  'no matching integrity payload',
  'inactive session ID',
  'invalid role',
  'unauthorized role requested',
  'insufficient resources for role',
  'invalid name length',
  'unauthorized name',
  'unauthorized GUID',
  'invalid integrity check value',
  'invalid confidentiality algorithm',
  'no matching cipher suite',
  'illegal parameter',
];

export function describeRakpStatus(status: number): string {
  return rakpStatusText[status] ?? unknownValueLower(status);
}
