// RMCP+ session establishment (Open Session, RAKP 1-4; IPMI v2.0 §13.17-13.23) and
// the session table with the inbound sequence-number window (§6.12.13).
import { randomBytes } from 'node:crypto';
import type { ResponderUser } from './responder.js';
import { Auth, type CipherSuite, type SessionKeys, deriveKeys, pad20, rakp4Icv, rakpHmac, safeEqual, u32le } from './crypto.js';

export const Priv = { CALLBACK: 1, USER: 2, OPERATOR: 3, ADMIN: 4, OEM: 5 } as const;

/** RMCP+ and RAKP message status codes (IPMI v2.0 table 13-15). */
export const Status = {
  OK: 0x00,
  NO_RESOURCES: 0x01,
  INVALID_SESSION_ID: 0x02,
  INVALID_AUTH_ALG: 0x04,
  INVALID_INTEGRITY_ALG: 0x05,
  INVALID_ROLE: 0x09,
  UNAUTHORIZED_ROLE: 0x0a,
  INVALID_NAME_LENGTH: 0x0c,
  UNAUTHORIZED_NAME: 0x0d,
  INVALID_ICV: 0x0f,
  INVALID_CONF_ALG: 0x10,
  NO_CIPHER_SUITE_MATCH: 0x11,
  ILLEGAL_PARAMETER: 0x12,
} as const;

/**
 * Broken-BMC behaviours the responder can imitate (FreeIPMI's -W names for the client flag
 * that copes with each; src/session/workarounds.ts):
 *   opensesspriv        hash the keys with the privilege asked for in Open Session (0 =
 *                       "highest" when the client asks so) instead of RAKP 1's, and report
 *                       maximum privilege 0 in the Open Session response (as ipmi_sim does)
 *   intel20             hash the user name null-padded to 16 bytes; HMAC-MD5 with the password cut to 16 bytes
 *   supermicro20        a RAKP 2 key exchange auth code 4 bytes longer than its algorithm's
 *   sun20               HMAC-SHA1: a RAKP 2 auth code 8 bytes too long; and opensesspriv
 *   integritycheckvalue cipher suite 0: a 12-byte RAKP 4 integrity check value (should be empty)
 */
export type ResponderQuirk = 'opensesspriv' | 'intel20' | 'supermicro20' | 'sun20' | 'integritycheckvalue';

export interface BmcConfig {
  quirks: ReadonlySet<ResponderQuirk>;
  users: ResponderUser[];
  kg: Buffer | null; // 20 bytes, or null when no BMC key is set
  suites: CipherSuite[];
  guid: Buffer;
  channelMaxPriv: number;
}

export interface Session {
  bmcId: number;
  consoleId: number;
  peer: string;
  state: 'opened' | 'rakp2' | 'active';
  suite: CipherSuite;
  openMaxPriv: number;
  /** The privilege byte of the Open Session request as sent (0 = highest). */
  openReqPriv: number;
  /** Role and name as this BMC puts them into the RAKP hashes and the SIK (quirks may differ from RAKP 1's). */
  hashRole: number;
  hashName: Buffer;
  user: ResponderUser | null;
  kuid: Buffer;
  role: number;
  uname: Buffer;
  rm: Buffer;
  rc: Buffer;
  keys: SessionKeys | null;
  rakp2: Buffer | null; // last RAKP 2 sent, repeated for a retransmitted RAKP 1
  maxPriv: number; // privilege limit of this session
  priv: number; // current operating privilege
  inHigh: number; // highest accepted inbound sequence number (0 = none yet)
  inMask: number; // bit n set: inHigh - n already seen
  outSeq: number;
  lastSeen: number;
}

const MAX_SESSIONS = 64;
const SEQ_AHEAD = 32;
const SEQ_BEHIND = 16;

/**
 * Sliding-window check of an inbound session sequence number: accepts up to 32 ahead
 * of the highest seen and up to 15 behind it, each number once; 0 never.
 */
export function acceptSeq(s: Session, seq: number): boolean {
  if (seq === 0) return false;
  if (s.inHigh === 0) {
    s.inHigh = seq;
    s.inMask = 1;
    return true;
  }
  const diff = (seq - s.inHigh) | 0;
  if (diff > 0) {
    if (diff > SEQ_AHEAD) return false;
    s.inMask = diff >= 32 ? 1 : ((s.inMask << diff) | 1) >>> 0;
    s.inHigh = seq >>> 0;
    return true;
  }
  const back = -diff;
  if (back >= SEQ_BEHIND) return false;
  const bit = (1 << back) >>> 0;
  if (s.inMask & bit) return false;
  s.inMask = (s.inMask | bit) >>> 0;
  return true;
}

/** A user name null-padded to 16 bytes (intel20). */
function pad16(b: Buffer): Buffer {
  const out = Buffer.alloc(16);
  b.copy(out, 0, 0, 16);
  return out;
}

function errorReply(tag: number, status: number, consoleId: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt8(tag, 0);
  b.writeUInt8(status, 1);
  b.writeUInt32LE(consoleId >>> 0, 4);
  return b;
}

export class SessionTable {
  private readonly byId = new Map<number, Session>();
  constructor(private readonly cfg: BmcConfig) {}

  get(id: number): Session | undefined {
    return this.byId.get(id);
  }
  private quirk(q: ResponderQuirk): boolean {
    return this.cfg.quirks.has(q);
  }
  delete(id: number): boolean {
    return this.byId.delete(id);
  }
  activeCount(): number {
    return [...this.byId.values()].filter((s) => s.state === 'active').length;
  }

  /** Drops sessions idle for longer than idleMs (half-open ones included). */
  expire(now: number, idleMs: number): number {
    let n = 0;
    for (const [id, s] of this.byId)
      if (now - s.lastSeen > idleMs) {
        this.byId.delete(id);
        n++;
      }
    return n;
  }

  private newId(): number {
    for (;;) {
      const id = randomBytes(4).readUInt32LE(0);
      if (id !== 0 && !this.byId.has(id)) return id;
    }
  }

  /** Open Session Request (payload 0x10) → Open Session Response payload; null = drop. */
  openSession(p: Buffer, peer: string): Buffer | null {
    if (p.length < 8) return null;
    const tag = p.readUInt8(0);
    const consoleId = p.readUInt32LE(4);
    if (p.length < 32) return errorReply(tag, Status.ILLEGAL_PARAMETER, consoleId);
    const wanted: Array<number | null> = [];
    for (let i = 0; i < 3; i++) {
      const at = 8 + i * 8;
      const len = p.readUInt8(at + 3);
      if (p.readUInt8(at) !== i || (len !== 0 && len !== 8)) return errorReply(tag, Status.ILLEGAL_PARAMETER, consoleId);
      wanted.push(len === 0 ? null : p.readUInt8(at + 4) & 0x3f);
    }
    const [auth, integ, conf] = wanted as [number | null, number | null, number | null];
    const offered = this.cfg.suites;
    if (auth !== null && !offered.some((s) => s.auth === auth)) return errorReply(tag, Status.INVALID_AUTH_ALG, consoleId);
    if (integ !== null && !offered.some((s) => s.integrity === integ)) return errorReply(tag, Status.INVALID_INTEGRITY_ALG, consoleId);
    if (conf !== null && !offered.some((s) => s.conf === conf)) return errorReply(tag, Status.INVALID_CONF_ALG, consoleId);
    const match = offered
      .filter((s) => (auth === null || s.auth === auth) && (integ === null || s.integrity === integ) && (conf === null || s.conf === conf))
      .sort((a, b) => b.id - a.id)[0];
    if (!match) return errorReply(tag, Status.NO_CIPHER_SUITE_MATCH, consoleId);
    const reqPriv = p.readUInt8(1) & 0x0f;
    if (reqPriv > Priv.OEM) return errorReply(tag, Status.INVALID_ROLE, consoleId);
    if (reqPriv > this.cfg.channelMaxPriv) return errorReply(tag, Status.UNAUTHORIZED_ROLE, consoleId);
    if (this.byId.size >= MAX_SESSIONS) return errorReply(tag, Status.NO_RESOURCES, consoleId);

    const s: Session = {
      bmcId: this.newId(),
      consoleId,
      peer,
      state: 'opened',
      suite: match,
      openMaxPriv: reqPriv === 0 ? this.cfg.channelMaxPriv : reqPriv,
      openReqPriv: reqPriv,
      hashRole: 0,
      hashName: Buffer.alloc(0),
      user: null,
      kuid: Buffer.alloc(20),
      role: 0,
      uname: Buffer.alloc(0),
      rm: Buffer.alloc(16),
      rc: Buffer.alloc(16),
      keys: null,
      rakp2: null,
      maxPriv: 0,
      priv: 0,
      inHigh: 0,
      inMask: 0,
      outSeq: 0,
      lastSeen: Date.now(),
    };
    this.byId.set(s.bmcId, s);

    const r = Buffer.alloc(36);
    r.writeUInt8(tag, 0);
    r.writeUInt8(Status.OK, 1);
    r.writeUInt8(this.quirk('opensesspriv') || this.quirk('sun20') ? 0 : s.openMaxPriv, 2);
    r.writeUInt32LE(consoleId, 4);
    r.writeUInt32LE(s.bmcId, 8);
    [match.auth, match.integrity, match.conf].forEach((alg, i) => {
      r.writeUInt8(i, 12 + i * 8);
      r.writeUInt8(8, 15 + i * 8);
      r.writeUInt8(alg, 16 + i * 8);
    });
    return r;
  }

  /** RAKP Message 1 (payload 0x12) → RAKP Message 2 payload; null = drop. */
  rakp1(p: Buffer, peer: string): Buffer | null {
    if (p.length < 28) return null;
    const tag = p.readUInt8(0);
    const s = this.byId.get(p.readUInt32LE(4));
    if (!s || s.peer !== peer || s.state === 'active') return errorReply(tag, Status.INVALID_SESSION_ID, s?.consoleId ?? 0);
    const fail = (status: number): Buffer => {
      this.byId.delete(s.bmcId);
      return errorReply(tag, status, s.consoleId);
    };
    const role = p.readUInt8(24);
    const ulen = p.readUInt8(27);
    if (ulen > 16 || p.length < 28 + ulen) return fail(Status.INVALID_NAME_LENGTH);
    const rolePriv = role & 0x0f;
    if ((role & 0xe0) !== 0 || rolePriv < Priv.CALLBACK || rolePriv > Priv.OEM) return fail(Status.INVALID_ROLE);
    if (rolePriv > this.cfg.channelMaxPriv) return fail(Status.UNAUTHORIZED_ROLE);
    const uname = Buffer.from(p.subarray(28, 28 + ulen));
    const rm = Buffer.from(p.subarray(8, 24));
    if (s.state === 'rakp2' && s.rakp2 && s.rm.equals(rm) && s.role === role && s.uname.equals(uname)) return s.rakp2;
    const nameOnly = (role & 0x10) !== 0;
    const user = this.cfg.users.find((u) => Buffer.from(u.name, 'latin1').equals(uname) && (nameOnly || u.maxPriv >= rolePriv));
    if (!user) return fail(Status.UNAUTHORIZED_NAME);

    s.state = 'rakp2';
    s.user = user;
    s.uname = uname;
    s.role = role;
    s.rm = rm;
    s.rc = randomBytes(16);
    const password = Buffer.from(user.password, 'latin1');
    s.kuid = pad20(this.quirk('intel20') && s.suite.auth === Auth.HMAC_MD5 ? password.subarray(0, 16) : password);
    // name-only lookup: a role above the user's limit is downgraded, not refused
    s.maxPriv = Math.min(rolePriv, user.maxPriv, s.openMaxPriv);
    s.lastSeen = Date.now();
    s.hashRole = this.quirk('opensesspriv') || this.quirk('sun20') ? (role & 0xf0) | s.openReqPriv : role;
    s.hashName = this.quirk('intel20') ? pad16(uname) : uname;
    let authCode = rakpHmac(
      s.suite.auth,
      s.kuid,
      u32le(s.consoleId),
      u32le(s.bmcId),
      s.rm,
      s.rc,
      this.cfg.guid,
      Buffer.from([s.hashRole, s.hashName.length]),
      s.hashName,
    );
    if (this.quirk('supermicro20')) authCode = Buffer.concat([authCode, Buffer.alloc(4)]);
    if (this.quirk('sun20') && s.suite.auth === Auth.HMAC_SHA1) authCode = Buffer.concat([authCode, Buffer.alloc(8)]);
    const head = Buffer.alloc(8);
    head.writeUInt8(tag, 0);
    head.writeUInt32LE(s.consoleId, 4);
    s.rakp2 = Buffer.concat([head, s.rc, this.cfg.guid, authCode]);
    return s.rakp2;
  }

  /** RAKP Message 3 (payload 0x14) → RAKP Message 4 payload; null = drop. */
  rakp3(p: Buffer, peer: string): Buffer | null {
    if (p.length < 8) return null;
    const tag = p.readUInt8(0);
    const s = this.byId.get(p.readUInt32LE(4));
    if (!s || s.peer !== peer) return errorReply(tag, Status.INVALID_SESSION_ID, 0);
    if (s.state === 'active') return null; // replay: leave the session alone
    const fail = (status: number): Buffer => {
      this.byId.delete(s.bmcId);
      return errorReply(tag, status, s.consoleId);
    };
    if (s.state !== 'rakp2') return fail(Status.INVALID_SESSION_ID);
    // A non-zero status means the console rejected RAKP 2 (e.g. wrong password): the
    // message then carries no AuthCode, so its integrity cannot be confirmed.
    if (p.readUInt8(1) !== Status.OK) return fail(Status.INVALID_ICV);
    const ulenRole = Buffer.from([s.hashRole, s.hashName.length]);
    const expected = rakpHmac(s.suite.auth, s.kuid, s.rc, u32le(s.consoleId), ulenRole, s.hashName);
    if (!safeEqual(Buffer.from(p.subarray(8)), expected)) return fail(Status.INVALID_ICV);

    s.keys = deriveKeys(s.suite.auth, this.cfg.kg ?? s.kuid, s.rm, s.rc, s.hashRole, s.hashName);
    s.state = 'active';
    s.priv = Math.min(Priv.USER, s.maxPriv);
    s.lastSeen = Date.now();
    const icv =
      s.suite.auth === Auth.NONE && this.quirk('integritycheckvalue') ? randomBytes(12) : rakp4Icv(s.suite.auth, s.keys.sik, s.rm, s.bmcId, this.cfg.guid);
    const head = Buffer.alloc(8);
    head.writeUInt8(tag, 0);
    head.writeUInt32LE(s.consoleId, 4);
    return Buffer.concat([head, icv]);
  }
}
