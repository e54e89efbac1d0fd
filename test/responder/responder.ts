// A minimal RMCP+ (IPMI v2.0 LAN) responder — a tiny BMC for interoperability tests
// with ipmitool and FreeIPMI. Independent of the client in src/: node:dgram and
// node:crypto only. See README.md in this directory.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { Bmc } from './commands.js';
import {
  type CipherSuite,
  Conf,
  aesDecrypt,
  aesEncrypt,
  integrityAuthLength,
  integrityMac,
  pad20,
  safeEqual,
  standardSuite,
  suiteImplemented,
} from './crypto.js';
import {
  AUTHTYPE_NONE,
  AUTHTYPE_RMCPPLUS,
  BMC_ADDR,
  Payload,
  RMCP_CLASS_IPMI,
  RMCP_VERSION,
  V2_HEADER_END,
  type V2Header,
  appendTrailer,
  buildIpmiResponse,
  buildPong,
  buildV15,
  buildV2Unsigned,
  parseIpmiRequest,
  parsePing,
  parseV15,
  parseV2Header,
  splitTrailer,
} from './framing.js';
import { V15Sessions, parseV15Session, withV15AuthTypes } from './session15.js';
import { type BmcConfig, type ResponderQuirk, type Session, SessionTable, acceptSeq } from './session.js';

export interface ResponderUser {
  id: number;
  name: string;
  password: string;
  maxPriv: 1 | 2 | 3 | 4 | 5;
}
export interface ResponderOptions {
  users?: ResponderUser[]; // default: admin/"password" at 4 (ADMINISTRATOR), user/"userpass" at 2
  kg?: Buffer; // BMC key; when set, SIK uses Kg instead of the password
  suites?: number[]; // offered cipher suites; default [0,1,2,3,6,7,8,11,12,15,16,17]
  host?: string; // default 127.0.0.1
  port?: number; // default 0 = any free port
  guid?: Buffer; // 16 bytes
  dropFirst?: number; // test aid: silently drop the first N datagrams
  v15?: boolean; // also IPMI v1.5 sessions (-I lan): auth types NONE, MD5, straight password (session15.ts)
  quirks?: ResponderQuirk[]; // broken-BMC behaviours to imitate (session.ts)
}
export interface Responder {
  host: string;
  port: number;
  stats(): { requests: number; sessionsOpen: number; closed: number };
  powerOn(): boolean;
  stop(): Promise<void>;
}

export const DEFAULT_USERS: ResponderUser[] = [
  { id: 2, name: 'admin', password: 'password', maxPriv: 4 },
  { id: 3, name: 'user', password: 'userpass', maxPriv: 2 },
];
export const DEFAULT_SUITES = [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17];
export const DEFAULT_GUID = Buffer.from('1122334455668899cd4aef0123456789', 'hex'); // IPMI byte order, RFC 4122 v4
const SESSION_IDLE_MS = 60_000;

function buildConfig(opts: ResponderOptions): BmcConfig {
  const users = opts.users ?? DEFAULT_USERS;
  for (const u of users) {
    if (Buffer.byteLength(u.name, 'latin1') > 16) throw new Error(`user name too long: ${u.name}`);
    if (Buffer.byteLength(u.password, 'latin1') > 20) throw new Error(`password too long for user ${u.name}`);
  }
  const suites: CipherSuite[] = (opts.suites ?? DEFAULT_SUITES).map((id) => {
    const s = standardSuite(id);
    if (!s || !suiteImplemented(s)) throw new Error(`cipher suite ${id} is not supported`);
    return s;
  });
  const guid = opts.guid ?? DEFAULT_GUID;
  if (guid.length !== 16) throw new Error('guid must be 16 bytes');
  if (opts.kg && opts.kg.length > 20) throw new Error('kg must be at most 20 bytes');
  const kg = opts.kg?.some((b) => b !== 0) ? pad20(opts.kg) : null;
  const channelMaxPriv = Math.max(4, ...users.map((u) => u.maxPriv));
  return { users, kg, suites, guid, channelMaxPriv, quirks: new Set(opts.quirks ?? []) };
}

export async function startResponder(opts: ResponderOptions = {}): Promise<Responder> {
  const cfg = buildConfig(opts);
  const host = opts.host ?? '127.0.0.1';
  // a test BMC with well-known passwords: loopback only
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`host must be in 127.0.0.0/8: ${host}`);
  const sessions = new SessionTable(cfg);
  const counters = { requests: 0, closed: 0 };
  const bmc = new Bmc(cfg, sessions, () => {
    counters.closed++;
  });
  const v15s = opts.v15
    ? new V15Sessions(cfg.users, cfg.suites[0]!, bmc, () => {
        counters.closed++;
      })
    : undefined;
  let toDrop = opts.dropFirst ?? 0;
  const sock = createSocket('udp4');

  const send = (buf: Buffer, to: RemoteInfo): void => {
    sock.send(buf, to.port, to.address);
  };

  /** IPMI request outside a session: answered in the format it came in. */
  const preSession = (msg: Buffer, reply: (m: Buffer) => void, v15Peer?: string): void => {
    const req = parseIpmiRequest(msg);
    if (!req || req.rsAddr !== BMC_ADDR) return;
    counters.requests++;
    const app = v15s && v15Peer !== undefined && req.netFn === 0x06 ? req.cmd : -1;
    // v1.5 sessions: Get Session Challenge, and the v1.5 auth types in Get Channel Authentication Capabilities.
    const r = app === 0x39 ? v15s!.challenge(req, v15Peer!) : app === 0x38 ? withV15AuthTypes(bmc.handle(req, null)) : bmc.handle(req, null);
    reply(buildIpmiResponse(req, r.cc, r.data));
  };

  const v2PreSession = (dgram: Buffer, h: V2Header, from: RemoteInfo): void => {
    if (h.authenticated || h.encrypted || dgram.length !== V2_HEADER_END + h.payloadLength) return;
    const payload = Buffer.from(dgram.subarray(V2_HEADER_END));
    const plain = { encrypted: false, authenticated: false };
    const reply = (type: number, p: Buffer | null): void => {
      if (p) send(buildV2Unsigned(type, plain, 0, 0, p), from);
    };
    switch (h.payloadType) {
      case Payload.IPMI:
        return preSession(payload, (m) => reply(Payload.IPMI, m));
      case Payload.OPEN_SESSION_REQ:
        return reply(Payload.OPEN_SESSION_RSP, sessions.openSession(payload, from.address));
      case Payload.RAKP1:
        return reply(Payload.RAKP2, sessions.rakp1(payload, from.address));
      case Payload.RAKP3:
        return reply(Payload.RAKP4, sessions.rakp3(payload, from.address));
      default:
        return;
    }
  };

  const v2InSession = (dgram: Buffer, h: V2Header, from: RemoteInfo): void => {
    const s = sessions.get(h.sessionId);
    if (s?.state !== 'active' || !s.keys || s.peer !== from.address || h.payloadType !== Payload.IPMI) return;
    const { integrity, conf } = s.suite;
    const authed = integrity !== 0;
    const encrypted = conf !== Conf.NONE;
    if (h.authenticated !== authed || h.encrypted !== encrypted) return;
    if (authed) {
      const t = splitTrailer(dgram, h, integrityAuthLength(integrity));
      if (!t || !safeEqual(Buffer.from(t.authCode), integrityMac(integrity, s.keys.k1, s.kuid, t.covered))) return;
    } else if (dgram.length !== V2_HEADER_END + h.payloadLength) {
      return;
    }
    if (!acceptSeq(s, h.seq)) return; // duplicate, too old or too far ahead
    let payload: Buffer | null = dgram.subarray(V2_HEADER_END, V2_HEADER_END + h.payloadLength);
    if (encrypted) payload = aesDecrypt(s.keys.k2, payload);
    const req = payload && parseIpmiRequest(payload);
    if (!req || req.rsAddr !== BMC_ADDR) return;
    s.lastSeen = Date.now();
    counters.requests++;
    const r = bmc.handle(req, s);
    send(sealForSession(s, buildIpmiResponse(req, r.cc, r.data)), from);
    r.after?.();
  };

  const sealForSession = (s: Session, msg: Buffer): Buffer => {
    const keys = s.keys;
    if (!keys) throw new Error('session has no keys');
    const { integrity, conf } = s.suite;
    s.outSeq = (s.outSeq + 1) >>> 0 || 1;
    const flags = { encrypted: conf !== Conf.NONE, authenticated: integrity !== 0 };
    const body = flags.encrypted ? aesEncrypt(keys.k2, msg) : msg;
    const unsigned = buildV2Unsigned(Payload.IPMI, flags, s.consoleId, s.outSeq, body);
    return flags.authenticated ? appendTrailer(unsigned, (c) => integrityMac(integrity, keys.k1, s.kuid, c)) : unsigned;
  };

  const onMessage = (dgram: Buffer, from: RemoteInfo): void => {
    if (toDrop > 0) {
      toDrop--;
      return;
    }
    if (dgram.length < 5 || dgram.readUInt8(0) !== RMCP_VERSION) return;
    const ping = parsePing(dgram);
    if (ping) return send(buildPong(ping), from);
    if (dgram.readUInt8(3) !== RMCP_CLASS_IPMI) return;
    const authType = dgram.readUInt8(4);
    if (authType === AUTHTYPE_RMCPPLUS) {
      const h = parseV2Header(dgram);
      if (!h) return;
      return h.sessionId === 0 ? v2PreSession(dgram, h, from) : v2InSession(dgram, h, from);
    }
    if (v15s && dgram.length >= 13 && dgram.readUInt32LE(9) !== 0) {
      const p = parseV15Session(dgram);
      if (p)
        v15s.receive(
          p,
          from.address,
          (b) => send(b, from),
          () => {
            counters.requests++;
          },
        );
      return;
    }
    const v15 = parseV15(dgram);
    // Without opts.v15 no IPMI v1.5 sessions are offered: only unauthenticated pre-session requests
    if (!v15 || v15.authType !== AUTHTYPE_NONE || v15.sessionId !== 0) return;
    preSession(v15.msg, (m) => send(buildV15(m), from), from.address);
  };

  sock.on('message', (dgram, from) => {
    try {
      onMessage(dgram, from);
    } catch {
      // malformed input must never take the responder down: drop it
    }
  });

  return new Promise<Responder>((resolve, reject) => {
    const failed = (err: Error): void => {
      sock.close();
      reject(err);
    };
    sock.once('error', failed);
    sock.bind(opts.port ?? 0, host, () => {
      sock.off('error', failed);
      sock.on('error', () => {
        /* keep serving */
      });
      const sweeper = setInterval(() => sessions.expire(Date.now(), SESSION_IDLE_MS), 5_000);
      sweeper.unref();
      resolve({
        host,
        port: sock.address().port,
        stats: () => ({ requests: counters.requests, sessionsOpen: sessions.activeCount() + (v15s?.activeCount() ?? 0), closed: counters.closed }),
        powerOn: () => bmc.power,
        stop: () =>
          new Promise<void>((done) => {
            clearInterval(sweeper);
            sock.close(() => done());
          }),
      });
    });
  });
}
