// IPMI v1.5 LAN sessions (IPMI v2.0 §22.15-§22.20, the v1.5 packet of §13.6 and Table 13-8), off
// unless ResponderOptions.v15 is set: Get Session Challenge, Activate Session, then authenticated
// requests with the MD5 or straight-password auth code of §22.17.1 and a sequence window, and
// Close Session. node:crypto only, nothing from src/.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Bmc, CmdResult } from './commands.js';
import type { CipherSuite } from './crypto.js';
import { BMC_ADDR, type IpmiRequest, RMCP_CLASS_IPMI, buildIpmiResponse, parseIpmiRequest, rmcpHeader } from './framing.js';
import type { ResponderUser } from './responder.js';
import { type Session, acceptSeq } from './session.js';

/** Authentication types (§13.6 Table 13-8 byte 1; Get Channel Authentication Capabilities byte 2 bit n). */
export const AuthType15 = { NONE: 0, MD5: 2, PASSWORD: 4 } as const;
/** The types offered, as the bits of Get Channel Authentication Capabilities byte 2. */
export const AUTH_TYPES_OFFERED = (1 << AuthType15.NONE) | (1 << AuthType15.MD5) | (1 << AuthType15.PASSWORD);

export interface V15Datagram {
  authType: number;
  seq: number;
  sessionId: number;
  authCode: Buffer | null;
  msg: Buffer;
}

/** Parses an IPMI v1.5 packet with its auth code (the whole datagram); null if malformed. */
export function parseV15Session(dgram: Buffer): V15Datagram | null {
  if (dgram.length < 14) return null;
  const authType = dgram.readUInt8(4);
  const lenAt = authType === AuthType15.NONE ? 13 : 29;
  if (dgram.length < lenAt + 1) return null;
  const len = dgram.readUInt8(lenAt);
  const rest = dgram.length - (lenAt + 1);
  if (rest !== len && rest !== len + 1) return null; // one legacy pad byte is allowed
  return {
    authType,
    seq: dgram.readUInt32LE(5),
    sessionId: dgram.readUInt32LE(9),
    authCode: authType === AuthType15.NONE ? null : Buffer.from(dgram.subarray(13, 29)),
    msg: Buffer.from(dgram.subarray(lenAt + 1, lenAt + 1 + len)),
  };
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
};

/** §22.17.1: MD5(password, session ID, message, sequence, password); straight password: the password itself. */
export function authCode15(type: number, password16: Buffer, sessionId: number, seq: number, msg: Buffer): Buffer | null {
  if (type === AuthType15.NONE) return null;
  if (type === AuthType15.PASSWORD) return password16;
  return createHash('md5')
    .update(Buffer.concat([password16, u32(sessionId), msg, u32(seq), password16]))
    .digest();
}

function buildV15Session(type: number, password16: Buffer, sessionId: number, seq: number, msg: Buffer): Buffer {
  const code = authCode15(type, password16, sessionId, seq, msg);
  const hdr = Buffer.concat([Buffer.from([type]), u32(seq), u32(sessionId), code ?? Buffer.alloc(0), Buffer.from([msg.length])]);
  return Buffer.concat([rmcpHeader(RMCP_CLASS_IPMI), hdr, msg]);
}

interface V15State {
  session: Session;
  user: ResponderUser;
  password16: Buffer;
  authType: number;
  challenge: Buffer;
  active: boolean;
}

const CC_OK = 0x00;

/** The v1.5 sessions of one responder. */
export class V15Sessions {
  private readonly byId = new Map<number, V15State>();

  constructor(
    private readonly users: ResponderUser[],
    private readonly suite: CipherSuite,
    private readonly bmc: Bmc,
    private readonly onClosed: () => void,
  ) {}

  activeCount(): number {
    return [...this.byId.values()].filter((s) => s.active).length;
  }

  /** Get Session Challenge (§22.16), a pre-session request: a temporary session ID and a challenge. */
  challenge(req: IpmiRequest, peer: string): CmdResult {
    if (req.data.length !== 17) return { cc: 0xc7 };
    const authType = req.data.readUInt8(0) & 0x0f;
    if (!((AUTH_TYPES_OFFERED >> authType) & 1)) return { cc: 0xcc };
    const name = req.data.subarray(1, 17).toString('latin1').replace(/\0+$/, '');
    const user = this.users.find((u) => u.name === name);
    if (!user) return { cc: 0x81 }; // invalid user name
    let id = 0;
    while (id === 0 || this.byId.has(id)) id = randomBytes(4).readUInt32LE(0);
    const password16 = Buffer.alloc(16);
    Buffer.from(user.password, 'latin1').copy(password16, 0, 0, 16);
    const session: Session = {
      bmcId: id,
      consoleId: 0,
      peer,
      state: 'opened',
      suite: this.suite,
      openMaxPriv: user.maxPriv,
      openReqPriv: 0,
      hashRole: 0,
      hashName: Buffer.alloc(0),
      user,
      kuid: Buffer.alloc(20),
      role: 0,
      uname: Buffer.from(name, 'latin1'),
      rm: Buffer.alloc(16),
      rc: Buffer.alloc(16),
      keys: null,
      rakp2: null,
      maxPriv: user.maxPriv,
      priv: 2,
      inHigh: 0,
      inMask: 0,
      outSeq: 0,
      lastSeen: Date.now(),
    };
    const challenge = randomBytes(16);
    this.byId.set(id, { session, user, password16, authType, challenge, active: false });
    return { cc: CC_OK, data: Buffer.concat([u32(id), challenge]) };
  }

  /** A datagram with a session ID: Activate Session for a challenged session, else an in-session request. */
  receive(p: V15Datagram, peer: string, send: (b: Buffer) => void, counted: () => void): void {
    const st = this.byId.get(p.sessionId);
    if (!st || st.session.peer !== peer || p.authType !== st.authType) return;
    const expect = authCode15(st.authType, st.password16, p.sessionId, p.seq, p.msg);
    if (expect && (!p.authCode || !timingSafeEqual(expect, p.authCode))) return; // dropped, as a BMC does
    const req = parseIpmiRequest(p.msg);
    if (!req || req.rsAddr !== BMC_ADDR) return;
    const reply = (seq: number, r: CmdResult): void => {
      send(buildV15Session(st.authType, st.password16, p.sessionId, seq, buildIpmiResponse(req, r.cc, r.data)));
    };
    if (!st.active) {
      // Activate Session (§22.17): only it, sequence number 0, the challenge given.
      if (req.netFn !== 0x06 || req.cmd !== 0x3a || p.seq !== 0) return;
      counted();
      if (req.data.length !== 22) return reply(0, { cc: 0xc7 });
      if (!req.data.subarray(2, 18).equals(st.challenge)) return reply(0, { cc: 0x85 }); // invalid session ID in request
      const wanted = req.data.readUInt8(1) & 0x0f;
      if (wanted > st.user.maxPriv) return reply(0, { cc: 0x86 }); // requested privilege exceeds the limit
      st.active = true;
      st.session.state = 'active';
      st.session.maxPriv = wanted;
      st.session.outSeq = req.data.readUInt32LE(18) - 1; // the console's initial outbound sequence number comes first
      const inbound = 1 + (randomBytes(2).readUInt16LE(0) & 0x7fff);
      st.session.inHigh = inbound - 1;
      st.session.inMask = 1;
      return reply(0, { cc: CC_OK, data: Buffer.concat([Buffer.from([st.authType]), u32(p.sessionId), u32(inbound), Buffer.from([wanted])]) });
    }
    if (!acceptSeq(st.session, p.seq)) return; // duplicate, too old or too far ahead
    counted();
    st.session.lastSeen = Date.now();
    const seq = (st.session.outSeq = (st.session.outSeq + 1) >>> 0 || 1);
    if (req.netFn === 0x06 && req.cmd === 0x3c) return reply(seq, this.close(req, st));
    reply(seq, this.bmc.handle(req, st.session));
  }

  /** Close Session (§22.19) of this session; the responder's Bmc closes RMCP+ sessions only. */
  private close(req: IpmiRequest, st: V15State): CmdResult {
    if (req.data.length < 4) return { cc: 0xc7 };
    if (req.data.readUInt32LE(0) !== st.session.bmcId) return { cc: 0x87 };
    this.byId.delete(st.session.bmcId);
    this.onClosed();
    return { cc: CC_OK };
  }
}

/** Get Channel Authentication Capabilities with the v1.5 types offered (byte 2). */
export function withV15AuthTypes(r: CmdResult): CmdResult {
  if (r.cc !== CC_OK || !r.data || r.data.length < 2) return r;
  const data = Buffer.from(r.data);
  data.writeUInt8(data.readUInt8(1) | AUTH_TYPES_OFFERED, 1);
  return { ...r, data };
}
