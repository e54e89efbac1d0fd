// IPMI command handlers of the test responder and its in-memory chassis state.
import type { IpmiRequest } from './framing.js';
import { type BmcConfig, type Session, type SessionTable, Priv } from './session.js';

export const NetFn = { CHASSIS: 0x00, APP: 0x06 } as const;

export const CC = {
  OK: 0x00,
  INVALID_COMMAND: 0xc1,
  REQ_DATA_LENGTH_INVALID: 0xc7,
  INVALID_DATA_FIELD: 0xcc,
  INSUFFICIENT_PRIVILEGE: 0xd4,
  NOT_IN_PRESENT_STATE: 0xd5,
} as const;

export const LAN_CHANNEL = 1;
export const MANUFACTURER_ID = 32473; // IANA "Example Enterprise Number for Documentation Use"
export const PRODUCT_ID = 0x1234;

export interface CmdResult {
  cc: number;
  data?: Buffer;
  /** Runs after the response has been sent (Close Session). */
  after?: () => void;
}

/** session === null: pre-session request (v1.5 or RMCP+ session 0). */
type Handler = (req: IpmiRequest, session: Session | null) => CmdResult;
interface Entry {
  priv: number;
  preSession: boolean;
  fn: Handler;
}

const ok = (...bytes: number[]): CmdResult => ({ cc: CC.OK, data: Buffer.from(bytes) });
const cc = (code: number): CmdResult => ({ cc: code });

export class Bmc {
  power = false;
  private lastPowerEvent = 0;
  private identifyUntil = 0;
  private identifyForever = false;
  private readonly table = new Map<number, Entry>();

  constructor(
    private readonly cfg: BmcConfig,
    private readonly sessions: SessionTable,
    private readonly onClosed: () => void,
  ) {
    const app = (cmd: number, priv: number, preSession: boolean, fn: Handler): void => {
      this.table.set((NetFn.APP << 8) | cmd, { priv, preSession, fn });
    };
    const chassis = (cmd: number, priv: number, fn: Handler): void => {
      this.table.set((NetFn.CHASSIS << 8) | cmd, { priv, preSession: false, fn });
    };
    app(0x01, Priv.USER, false, () => this.getDeviceId());
    app(0x04, Priv.USER, false, () => ok(0x55, 0x00));
    app(0x08, Priv.USER, false, () => ({ cc: CC.OK, data: cfg.guid }));
    app(0x37, Priv.USER, true, () => ({ cc: CC.OK, data: cfg.guid }));
    app(0x38, Priv.CALLBACK, true, (r) => this.getChannelAuthCap(r));
    app(0x3b, Priv.CALLBACK, false, (r, s) => this.setSessionPriv(r, s));
    app(0x3c, Priv.CALLBACK, false, (r, s) => this.closeSession(r, s));
    app(0x54, Priv.CALLBACK, true, (r) => this.getCipherSuites(r));
    chassis(0x01, Priv.USER, () => this.chassisStatus());
    chassis(0x02, Priv.OPERATOR, (r) => this.chassisControl(r));
    chassis(0x04, Priv.OPERATOR, (r) => this.chassisIdentify(r));
  }

  handle(req: IpmiRequest, session: Session | null): CmdResult {
    const e = this.table.get((req.netFn << 8) | req.cmd);
    if (!e) return cc(CC.INVALID_COMMAND);
    if (!session && !e.preSession) return cc(CC.NOT_IN_PRESENT_STATE);
    if (session && session.priv < e.priv) return cc(CC.INSUFFICIENT_PRIVILEGE);
    return e.fn(req, session);
  }

  private getDeviceId(): CmdResult {
    const m = MANUFACTURER_ID;
    return ok(
      0x01, // device ID
      0x01, // device revision, no device SDRs
      0x02,
      0x10, // firmware 2.10, normal operation
      0x02, // IPMI 2.0
      0x80, // additional device support: chassis device
      m & 0xff,
      (m >> 8) & 0xff,
      (m >> 16) & 0x0f,
      PRODUCT_ID & 0xff,
      PRODUCT_ID >> 8,
      0x01,
      0x02,
      0x03,
      0x04, // auxiliary firmware revision
    );
  }

  private getChannelAuthCap(r: IpmiRequest): CmdResult {
    if (r.data.length < 2) return cc(CC.REQ_DATA_LENGTH_INVALID);
    const chan = r.data.readUInt8(0) & 0x0f;
    const priv = r.data.readUInt8(1) & 0x0f;
    if ((chan !== 0x0e && chan !== LAN_CHANNEL) || priv < Priv.CALLBACK || priv > Priv.OEM) {
      return cc(CC.INVALID_DATA_FIELD);
    }
    const v2 = (r.data.readUInt8(0) & 0x80) !== 0;
    const named = this.cfg.users.filter((u) => u.name !== '');
    const nullUser = this.cfg.users.find((u) => u.name === '');
    let status = 0x00; // per-message and user-level authentication enabled
    if (this.cfg.kg) status |= 0x20;
    if (named.length) status |= 0x04; // non-null user names
    if (nullUser) status |= nullUser.password === '' ? 0x01 : 0x02;
    // no IPMI v1.5 session authentication types: only RMCP+ sessions are offered
    return ok(LAN_CHANNEL, v2 ? 0x80 : 0x00, status, 0x02, 0, 0, 0, 0);
  }

  private getCipherSuites(r: IpmiRequest): CmdResult {
    if (r.data.length < 3) return cc(CC.REQ_DATA_LENGTH_INVALID);
    const chan = r.data.readUInt8(0) & 0x0f;
    const payloadType = r.data.readUInt8(1) & 0x3f;
    if ((chan !== 0x0e && chan !== LAN_CHANNEL) || payloadType > 1) return cc(CC.INVALID_DATA_FIELD);
    const sel = r.data.readUInt8(2);
    const list: number[] = [];
    if (sel & 0x80) {
      for (const s of this.cfg.suites) list.push(0xc0, s.id, s.auth, 0x40 | s.integrity, 0x80 | s.conf);
    } else {
      const tags = new Set<number>();
      for (const s of this.cfg.suites)
        tags
          .add(s.auth)
          .add(0x40 | s.integrity)
          .add(0x80 | s.conf);
      list.push(...[...tags].sort((a, b) => a - b));
    }
    const start = (sel & 0x3f) * 16;
    return { cc: CC.OK, data: Buffer.from([LAN_CHANNEL, ...list.slice(start, start + 16)]) };
  }

  private setSessionPriv(r: IpmiRequest, s: Session | null): CmdResult {
    if (!s) return cc(CC.NOT_IN_PRESENT_STATE);
    if (r.data.length !== 1) return cc(CC.REQ_DATA_LENGTH_INVALID);
    const want = r.data.readUInt8(0) & 0x0f;
    if (want === 0) return ok(s.priv);
    if (want < Priv.USER || want > Priv.OEM) return cc(CC.INVALID_DATA_FIELD);
    if (want > s.maxPriv) return cc(0x81); // exceeds channel and/or user privilege limit
    s.priv = want;
    return ok(s.priv);
  }

  private closeSession(r: IpmiRequest, s: Session | null): CmdResult {
    if (!s) return cc(CC.NOT_IN_PRESENT_STATE);
    if (r.data.length < 4 || r.data.length > 5) return cc(CC.REQ_DATA_LENGTH_INVALID);
    const id = r.data.readUInt32LE(0);
    if (id === 0) return cc(0x88); // session handles are not supported
    const target = this.sessions.get(id);
    if (target?.state !== 'active') return cc(0x87); // invalid session ID
    if (target !== s && s.priv < Priv.ADMIN) return cc(CC.INSUFFICIENT_PRIVILEGE);
    const close = (): void => {
      if (this.sessions.delete(id)) this.onClosed();
    };
    if (target !== s) {
      close();
      return cc(CC.OK);
    }
    return { cc: CC.OK, after: close };
  }

  private chassisStatus(): CmdResult {
    const identify = this.identifyForever ? 2 : Date.now() < this.identifyUntil ? 1 : 0;
    return ok(
      (this.power ? 0x01 : 0x00) | (0x01 << 5), // restore policy: previous
      this.lastPowerEvent,
      0x40 | (identify << 4), // identify supported + state
    );
  }

  private chassisControl(r: IpmiRequest): CmdResult {
    if (r.data.length !== 1) return cc(CC.REQ_DATA_LENGTH_INVALID);
    switch (r.data.readUInt8(0) & 0x0f) {
      case 0x00: // power down
      case 0x05: // soft shutdown (ACPI)
        this.power = false;
        break;
      case 0x01: // power up
      case 0x02: // power cycle: ends powered on
        this.power = true;
        this.lastPowerEvent = 0x10; // last power on via IPMI command
        break;
      case 0x03: // hard reset: no change to the power state
        break;
      default: // diagnostic interrupt and reserved values
        return cc(CC.INVALID_DATA_FIELD);
    }
    return cc(CC.OK);
  }

  private chassisIdentify(r: IpmiRequest): CmdResult {
    if (r.data.length > 2) return cc(CC.REQ_DATA_LENGTH_INVALID);
    const seconds = r.data.length >= 1 ? r.data.readUInt8(0) : 15;
    this.identifyForever = r.data.length === 2 && (r.data.readUInt8(1) & 0x01) === 1;
    this.identifyUntil = Date.now() + seconds * 1000;
    return cc(CC.OK);
  }
}
