/** Get Session Info (App 3Dh). IPMI v2.0 §22.20 Table 22-21. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Session index byte: 00h current session, 01h-3Fh the Nth active session, FEh by handle, FFh by id. */
export type SessionSelector = { by: 'current' } | { by: 'index'; index: number } | { by: 'handle'; handle: number } | { by: 'id'; id: number };

export const getSessionInfo = defineCommand<SessionSelector, Buffer>({
  name: 'Get Session Info',
  netFn: NetFn.App,
  cmd: 0x3d,
  spec: 'IPMI v2.0 §22.20',
  encode(r) {
    switch (r.by) {
      case 'current':
        return Uint8Array.of(0);
      case 'index':
        return Uint8Array.of(r.index & 0x3f);
      case 'handle':
        return Uint8Array.of(0xfe, r.handle & 0xff);
      case 'id':
        return Uint8Array.of(0xff, r.id & 0xff, (r.id >>> 8) & 0xff, (r.id >>> 16) & 0xff, (r.id >>> 24) & 0xff);
    }
  },
  // The layout depends on the length (3 bytes: no such session; 18: 802.3 LAN; 12/14: serial): see parseSessionInfo.
  decode: (data) => Buffer.from(data),
});

export interface SessionInfo {
  handle: number;
  slotCount: number;
  activeSessions: number;
  /** The rest only when the reply is longer than 3 bytes. */
  userId?: number;
  privilege?: number;
  /** Byte 6 bits 7:4: 0 IPMI v1.5, 1 IPMI v2.0/RMCP+. */
  sessionType?: number;
  channel?: number;
  lan?: { ip: string; mac: string; port: number };
  serial?: { activityType: number; destinationSelector: number; ip: string; port?: number };
  length: number;
}

const ip = (b: Buffer, at: number): string => [...b.subarray(at, at + 4)].join('.');
const mac = (b: Buffer, at: number): string => [...b.subarray(at, at + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');

/** Fields per Table 22-21; `b` is padded to 18 bytes by the caller when shorter. */
export function parseSessionInfo(data: Buffer, length = data.length): SessionInfo {
  const b = Buffer.alloc(Math.max(18, data.length));
  data.copy(b);
  const s: SessionInfo = { handle: b[0]!, slotCount: b[1]! & 0x3f, activeSessions: b[2]! & 0x3f, length };
  if (length <= 3) return s;
  s.userId = b[3]! & 0x3f;
  s.privilege = b[4]! & 0x0f;
  s.sessionType = b[5]! >> 4;
  s.channel = b[5]! & 0x0f;
  if (length === 18) s.lan = { ip: ip(b, 6), mac: mac(b, 10), port: b.readUInt16LE(16) };
  else if (length === 12 || length === 14) {
    s.serial = { activityType: b[6]!, destinationSelector: b[7]! & 0x0f, ip: ip(b, 8), ...(length === 14 ? { port: b.readUInt16LE(12) } : {}) };
  }
  return s;
}
