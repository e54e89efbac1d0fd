/**
 * -I lanplus: IPMI v2.0 RMCP+ sessions. Open Session and RAKP through the
 * LanplusHandshake machine, then every request sealed by the LanplusSession.
 * Round trips for one command with -C: Open, RAKP 1/2, RAKP 3/4, the command, Close.
 */
import { AuthenticationError, IpmiError, TimeoutError } from '../errors.js';
import type { IpmiRequest } from '../ipmi/command.js';
import { decodeResponseMessage, type ResponseMessage } from '../ipmi/message.js';
import { getChannelCipherSuites, parseCipherSuiteRecords } from '../ipmi/cmds/app/get-channel-cipher-suites.js';
import { CryptAlg, IntegrityAlg, findSuite, suitePreference } from '../protocol/rmcpplus/cipher-suites.js';
import { PayloadType, isRmcpPlus } from '../protocol/rmcpplus/packet.js';
import { LanplusHandshake } from '../session/lanplus-handshake.js';
import { LanplusSession, isRejection } from '../session/lanplus-session.js';
import { Exchanger, type Refused, type TryPolicy } from './exchanger.js';
import { decodePreSession, ipmiMessage, rmcpPlusUnauthenticated, v15Unauthenticated, type PreSessionInbound } from '../protocol/presession.js';
import { answers } from './rq-seq.js';
import { SessionTransport } from './session-transport.js';
import type { DatagramSocket } from '../io.js';
import type { LanOptions, PayloadChannel, TransportDeps } from './transport.js';

export const LANPLUS_FAILURE = 'Error: Unable to establish IPMI v2 / RMCP+ session';

/** What the exchanger hands to waiters once a session is up. */
export type LanplusInbound =
  | PreSessionInbound
  | { via: 'session'; payloadType: number; payload: Buffer; msg?: ResponseMessage };

/** Suites tried in turn when the BMC does not answer the cipher suite probe (ipmitool: 17, else 3). */
const FALLBACK_SUITES = [17, 3];
const PROBE_WAIT_MS = 500;

export class LanplusTransport extends SessionTransport<LanplusInbound> implements PayloadChannel {
  readonly description = 'IPMI v2.0 RMCP+ LAN Interface';
  protected readonly growMs = 1000;
  protected readonly bridgeStyle = 'lanplus';
  protected readonly failureLine = LANPLUS_FAILURE;
  private session: LanplusSession | undefined;
  /** The cipher suite in use once open. */
  suiteId: number | undefined;

  constructor(o: LanOptions, d: TransportDeps) {
    super(o, d);
  }

  async open(): Promise<void> {
    if (this.o.cipherSuite !== undefined && !findSuite(this.o.cipherSuite)) {
      throw new AuthenticationError(LANPLUS_FAILURE, 'cipher-suite', [`Unsupported cipher suite ID : ${this.o.cipherSuite}`, '']);
    }
    const sock = await this.d.connect({ host: this.o.host, port: this.o.port, ...(this.o.family ? { family: this.o.family } : {}) });
    this.ex = new Exchanger<LanplusInbound>(sock, this.d.clock, this.d.deadline, this.d.log, decodePreSession);
    try {
      const candidates = this.o.cipherSuite !== undefined ? [this.o.cipherSuite] : await this.autoSuites();
      for (let i = 0; i < candidates.length; i++) {
        const id = candidates[i]!;
        try {
          this.session = await this.establish(id);
          this.suiteId = id;
          if (this.o.cipherSuite === undefined) this.d.log.verbose(1, `Using best available cipher suite ${id}`);
          break;
        } catch (e) {
          const algorithmRefused = e instanceof AuthenticationError && e.code === 'open-session';
          if (!algorithmRefused || i === candidates.length - 1) throw e;
          this.d.log.verbose(1, `Cipher suite ${id} refused by the BMC (${e.message}); trying the next one`);
        }
      }
    } catch (e) {
      await this.ex.close();
      this.ex = undefined;
      throw establishFailure(e);
    }
    const session = this.session!;
    this.ex.setDecoder((pkt) => this.decodeInSession(session, pkt));
    this.ex.setUnsolicited((m) => {
      if (m.via === 'session') this.payloadHandlers.get(m.payloadType)?.(m.payload);
    });
  }

  private readonly payloadHandlers = new Map<number, (payload: Buffer) => void>();

  /** Payload types the BMC wants on a port of their own (Activate Payload), with the socket for it. */
  private readonly payloadSockets = new Map<number, DatagramSocket>();

  async sendPayload(payloadType: number, payload: Uint8Array): Promise<void> {
    if (!this.ex || !this.session) throw new Error(`${this.description} is not open`);
    const sealed = this.session.seal(payloadType, payload);
    const own = this.payloadSockets.get(payloadType);
    await (own ? own.send(sealed) : this.ex.send(sealed));
  }

  get payloadProtection(): { encrypted: boolean; authenticated: boolean } {
    const suite = this.session?.established.suite;
    return { encrypted: !!suite && suite.crypt !== CryptAlg.None, authenticated: !!suite && suite.integrity !== IntegrityAlg.None };
  }

  async usePayloadPort(payloadType: number, port: number): Promise<void> {
    const session = this.session;
    if (!session || port === this.o.port || this.payloadSockets.has(payloadType)) return;
    const sock = await this.d.connect({ host: this.o.host, port, ...(this.o.family ? { family: this.o.family } : {}) });
    sock.onError((err) => this.d.log.verbose(2, `payload port ${port}: ${err.message}`));
    sock.onMessage((pkt) => {
      const m = this.decodeInSession(session, pkt);
      if ('refused' in m) this.d.log.verbose(2, `ignored a packet of ${pkt.length} bytes on port ${port}: ${m.refused}`);
      else if (m.via === 'session') this.payloadHandlers.get(m.payloadType)?.(m.payload);
    });
    this.payloadSockets.set(payloadType, sock);
    this.d.log.verbose(1, `Payload type ${payloadType} uses UDP port ${port}`);
  }

  override async close(): Promise<void> {
    await super.close();
    const socks = [...this.payloadSockets.values()];
    this.payloadSockets.clear();
    await Promise.all(socks.map((s) => s.close()));
  }

  onPayload(payloadType: number, handler: ((payload: Buffer) => void) | undefined): void {
    if (handler) this.payloadHandlers.set(payloadType, handler);
    else this.payloadHandlers.delete(payloadType);
  }

  private decodeInSession(session: LanplusSession, pkt: Buffer): LanplusInbound | Refused {
    if (!isRmcpPlus(pkt)) return { refused: 'not an RMCP+ packet' };
    const opened = session.open(pkt);
    if (isRejection(opened)) return { refused: opened.rejected };
    if (opened.payloadType === PayloadType.Ipmi) {
      return { via: 'session', payloadType: opened.payloadType, payload: opened.payload, msg: decodeResponseMessage(opened.payload) };
    }
    return { via: 'session', payloadType: opened.payloadType, payload: opened.payload };
  }

  /** Best suite the BMC lists (short probe, both packet formats), else the fallback order. */
  private async autoSuites(): Promise<number[]> {
    const listed = await this.probeCipherSuites();
    if (listed) {
      const usable = suitePreference.filter((id) => listed.includes(id));
      this.d.log.verbose(2, `BMC lists cipher suites ${listed.join(',')}`);
      if (usable.length) return usable;
    } else {
      this.d.log.verbose(2, 'BMC did not answer the cipher suite probe; trying suites 17, 3');
    }
    return FALLBACK_SUITES;
  }

  private async probeCipherSuites(): Promise<number[] | undefined> {
    const ex = this.ex!;
    let records = Buffer.alloc(0);
    for (let index = 0; index < 64; index++) {
      const req: IpmiRequest = {
        netFn: getChannelCipherSuites.netFn,
        cmd: getChannelCipherSuites.cmd,
        data: getChannelCipherSuites.encode({ channel: 0x0e, payloadType: 0, index }),
      };
      const seq = this.rq.next();
      const v15 = v15Unauthenticated(req, seq);
      const plus = rmcpPlusUnauthenticated(PayloadType.Ipmi, ipmiMessage(req, seq));
      let reply: ResponseMessage | undefined;
      try {
        reply = await ex.exchange(
          'Get Channel Cipher Suites',
          () => {
            void ex.send(plus);
            return v15;
          },
          (m) => (m.msg && answers(m.msg, req, seq) && (m.msg.cc === 0 || m.via === 'v15') ? m.msg : undefined),
          { tries: 1, timeoutMs: Math.min(PROBE_WAIT_MS, this.o.timeoutMs), growMs: 0 },
        );
      } catch (e) {
        if (e instanceof TimeoutError || (e instanceof IpmiError && e.layer === 'decode')) return undefined;
        throw e;
      }
      if (reply.cc !== 0) return undefined;
      const chunk = getChannelCipherSuites.decode(reply.data).records;
      records = Buffer.concat([records, chunk]);
      if (chunk.length < 16) break;
    }
    const ids = parseCipherSuiteRecords(records).filter((r) => r.iana === undefined).map((r) => r.id);
    return ids.length ? ids : undefined;
  }

  /** One session set-up; on silence the whole sequence restarts (as ipmitool does), up to -R times. */
  private async establish(suiteId: number): Promise<LanplusSession> {
    const ex = this.ex!;
    const creds = {
      username: this.o.username,
      kuid: padTo(this.o.password, 20),
      kg: padTo(this.o.kg, 20),
      privilege: this.o.privilege,
      nameOnlyLookup: this.o.nameOnlyLookup,
    };
    const tries = Math.max(1, this.o.tries);
    for (let attempt = 0; ; attempt++) {
      const once: TryPolicy = { tries: 1, timeoutMs: this.o.timeoutMs + attempt * 1000, growMs: 0 };
      const hs = new LanplusHandshake(suiteId, creds, nonZeroId(this.d.random), this.d.random);
      try {
        const openReq = rmcpPlusUnauthenticated(PayloadType.OpenSessionRequest, hs.openSessionRequest());
        const openRsp = await ex.exchange('Open Session Request', () => openReq,
          (m) => (m.via === 'rmcpplus' && m.payloadType === PayloadType.OpenSessionResponse && hs.matchesOpenSession(m.payload) ? m.payload : undefined),
          once);
        hs.acceptOpenSessionResponse(openRsp);
        const rakp1 = rmcpPlusUnauthenticated(PayloadType.Rakp1, hs.rakp1());
        const rakp2 = await ex.exchange('RAKP 1', () => rakp1,
          (m) => (m.via === 'rmcpplus' && m.payloadType === PayloadType.Rakp2 && hs.matchesRakp(m.payload) ? m.payload : undefined),
          once);
        try {
          hs.acceptRakp2(rakp2);
        } catch (e) {
          // Tell the BMC, so it can drop the half-open session at once.
          if (e instanceof AuthenticationError && e.code === 'rakp2-hmac') {
            await ex.send(rmcpPlusUnauthenticated(PayloadType.Rakp3, hs.rakp3()));
          }
          throw e;
        }
        const rakp3 = rmcpPlusUnauthenticated(PayloadType.Rakp3, hs.rakp3());
        const rakp4 = await ex.exchange('RAKP 3', () => rakp3,
          (m) => (m.via === 'rmcpplus' && m.payloadType === PayloadType.Rakp4 && hs.matchesRakp(m.payload) ? m.payload : undefined),
          once);
        return new LanplusSession(hs.acceptRakp4(rakp4), this.d.random);
      } catch (e) {
        if (e instanceof TimeoutError && attempt + 1 < tries && !ex.deadline.expired) continue;
        throw e;
      }
    }
  }

  protected seal(message: Buffer): Buffer {
    return this.session!.seal(PayloadType.Ipmi, message);
  }
  protected inSession(m: LanplusInbound): boolean {
    return m.via === 'session';
  }
  protected get sessionId(): number | undefined {
    return this.session?.bmcSessionId;
  }
  protected dropSession(): void {
    this.session = undefined;
  }
}

/** ipmitool reports every set-up failure with one fixed line; the cause goes to -v (or before it, for Open Session). */
export function establishFailure(e: unknown, line = LANPLUS_FAILURE): unknown {
  if (!(e instanceof IpmiError)) return e;
  if (e.message === line) return e;
  const showAlways = e.code === 'open-session' || e.code === 'cipher-suite' || (e.code === 'no-session-slot' && e.message.startsWith('Error in open'));
  const out = new IpmiError(e.layer, e.code, line, showAlways ? [...e.preamble, e.message, ''] : e.preamble);
  out.withDetail(e.detail ? `${e.message} (${e.detail})` : e.message);
  if (showAlways) out.detail = undefined;
  return out;
}

export function padTo(b: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len);
  b.copy(out, 0, 0, Math.min(len, b.length));
  return out;
}

function nonZeroId(random: (n: number) => Buffer): number {
  for (;;) {
    const v = random(4).readUInt32LE(0);
    if (v !== 0) return v;
  }
}

