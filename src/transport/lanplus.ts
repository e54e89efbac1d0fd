/**
 * -I lanplus: IPMI v2.0 RMCP+ sessions. Open Session and RAKP through the
 * LanplusHandshake machine, then every request sealed by the LanplusSession, which the
 * SessionChannel composes as its codec. This file coordinates: cipher suite negotiation,
 * session establishment, and the payload channel for SOL.
 * Round trips for one command with -C: Open, RAKP 1/2, RAKP 3/4, the command, Close.
 */
import { AuthenticationError, DeadlineError, IpmiError, TimeoutError, TransportError } from '../errors.js';
import { toRequest, type IpmiRequest, type IpmiResponse } from '../ipmi/command.js';
import { encodeBmcRequest, type ResponseMessage } from '../ipmi/message.js';
import { closeSession } from '../ipmi/cmds/app/close-session.js';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { getChannelCipherSuites, parseCipherSuiteRecords } from '../ipmi/cmds/app/get-channel-cipher-suites.js';
import { CryptAlg, IntegrityAlg, findSuite, suitePreference } from '../protocol/rmcpplus/cipher-suites.js';
import { PayloadType } from '../protocol/rmcpplus/packet.js';
import { LanplusHandshake, type EstablishedSession, type LanplusCredentials } from '../session/lanplus-handshake.js';
import { LanplusSession } from '../session/lanplus-session.js';
import { decodePreSession, rmcpPlusUnauthenticated, v15Unauthenticated } from '../protocol/presession.js';
import { ArrivalOrder } from './arrival-order.js';
import { RqSeq, answers } from './rq-seq.js';
import { SessionChannel, openInSession, type ChannelStyle } from './session-channel.js';
import type { DatagramSocket } from '../io.js';
import { systemPrimitives } from '../primitives/primitives.js';
import type { LanOptions, PayloadChannel, Transport, TransportDeps } from './transport.js';

export const LANPLUS_FAILURE = 'Error: Unable to establish IPMI v2 / RMCP+ session';

/** Suites tried in turn when the BMC does not answer the cipher suite probe (ipmitool: 17, else 3). */
const FALLBACK_SUITES = [17, 3];
const PROBE_WAIT_MS = 500;

const STYLE: ChannelStyle = { description: 'IPMI v2.0 RMCP+ LAN Interface', growMs: 1000, bridgeStyle: 'lanplus', failureLine: LANPLUS_FAILURE };

export class LanplusTransport implements Transport, PayloadChannel {
  readonly description = STYLE.description;
  private readonly seq: RqSeq;
  /** The socket, requests and replies; set while open (from connect until close). */
  private channel: SessionChannel | undefined;
  /** The RMCP+ session once established (also the channel's codec). */
  private session: LanplusSession | undefined;
  /** The cipher suite in use once open. */
  suiteId: number | undefined;

  constructor(
    private readonly options: LanOptions,
    private readonly deps: TransportDeps,
  ) {
    this.seq = new RqSeq(deps.random(1)[0]!);
  }

  async open(): Promise<void> {
    const o = this.options;
    if (o.cipherSuite !== undefined && !findSuite(o.cipherSuite)) {
      throw new AuthenticationError(LANPLUS_FAILURE, 'cipher-suite', [`Unsupported cipher suite ID : ${o.cipherSuite}`, '']);
    }
    const sock = await this.deps.connect({ host: o.host, port: o.port, ...(o.family ? { family: o.family } : {}) }).catch((e: unknown) => {
      // An unknown host: ipmitool adds its session line after the lookup's two.
      throw e instanceof IpmiError && e.code === 'host-lookup' ? new TransportError(LANPLUS_FAILURE, e.code, [...e.preamble, e.message]) : e;
    });
    const channel = new SessionChannel(sock, o, this.deps, this.seq, STYLE, decodePreSession);
    this.channel = channel;
    try {
      const candidates = o.cipherSuite !== undefined ? [o.cipherSuite] : await this.autoSuites(channel);
      for (let i = 0; i < candidates.length; i++) {
        const id = candidates[i]!;
        try {
          this.session = await this.establish(channel, id);
          this.suiteId = id;
          if (o.cipherSuite === undefined) this.deps.log.verbose(1, `Using best available cipher suite ${id}`);
          break;
        } catch (e) {
          const algorithmRefused = e instanceof AuthenticationError && e.code === 'open-session';
          if (!algorithmRefused || i === candidates.length - 1) throw e;
          this.deps.log.verbose(1, `Cipher suite ${id} refused by the BMC (${e.message}); trying the next one`);
        }
      }
    } catch (e) {
      this.channel = undefined;
      await channel.exchanger.close();
      throw establishFailure(e);
    }
    channel.begin(this.session!);
    channel.exchanger.setUnsolicited((m) => {
      if (m.via === 'session') this.payloadHandlers.get(m.payloadType)?.(m.payload);
    });
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    return this.opened().request(req);
  }

  async keepalive(): Promise<void> {
    await this.opened().keepalive();
  }

  abandon(): void {
    this.session = undefined;
    this.channel?.abandon();
  }

  /** The channel of the open session (a request before open() or after close() is a bug). */
  private opened(): SessionChannel {
    const channel = this.channel;
    if (!channel?.codec) throw new Error(`${this.description} is not open`);
    return channel;
  }

  private readonly payloadHandlers = new Map<number, (payload: Buffer) => void>();

  /** Payload types the BMC wants on a port of their own (Activate Payload), with the socket for it. */
  private readonly payloadSockets = new Map<number, DatagramSocket>();

  async sendPayload(payloadType: number, payload: Uint8Array): Promise<void> {
    if (!this.channel || !this.session) throw new Error(`${this.description} is not open`);
    const sealed = await this.session.seal(payloadType, payload);
    const own = this.payloadSockets.get(payloadType);
    await (own ? own.send(sealed) : this.channel.exchanger.send(sealed));
  }

  get payloadProtection(): { encrypted: boolean; authenticated: boolean } {
    const suite = this.session?.established.suite;
    return { encrypted: !!suite && suite.crypt !== CryptAlg.None, authenticated: !!suite && suite.integrity !== IntegrityAlg.None };
  }

  get bmcSessionId(): number | undefined {
    return this.session?.sessionId;
  }

  async usePayloadPort(payloadType: number, port: number): Promise<void> {
    const session = this.session;
    const o = this.options;
    if (!session || port === o.port || this.payloadSockets.has(payloadType)) return;
    const log = this.deps.log;
    const sock = await this.deps.connect({ host: o.host, port, ...(o.family ? { family: o.family } : {}) });
    sock.onError((err) => log.verbose(2, `payload port ${port}: ${err.message}`));
    // Opened (decrypted) asynchronously, handed on in the order the packets came.
    const order = new ArrivalOrder();
    const ignored = (pkt: Buffer, why: string): void => log.verbose(2, `ignored a packet of ${pkt.length} bytes on port ${port}: ${why}`);
    sock.onMessage((pkt) =>
      order.offer(
        openInSession(session, pkt),
        (m) => ('refused' in m ? ignored(pkt, m.refused) : this.payloadHandlers.get(m.payloadType)?.(m.payload)),
        (e) => ignored(pkt, (e as Error).message),
      ),
    );
    this.payloadSockets.set(payloadType, sock);
    log.verbose(1, `Payload type ${payloadType} uses UDP port ${port}`);
  }

  /** Close Session (bounded, never throws), then the payload sockets. */
  async close(): Promise<void> {
    await this.channel?.close();
    const socks = [...this.payloadSockets.values()];
    this.payloadSockets.clear();
    await Promise.all(socks.map((s) => s.close()));
  }

  onPayload(payloadType: number, handler: ((payload: Buffer) => void) | undefined): void {
    if (handler) this.payloadHandlers.set(payloadType, handler);
    else this.payloadHandlers.delete(payloadType);
  }

  /** Best suite the BMC lists (short probe, both packet formats), else the fallback order. */
  private async autoSuites(channel: SessionChannel): Promise<number[]> {
    const listed = await this.probeCipherSuites(channel);
    const log = this.deps.log;
    if (listed) {
      const usable = suitePreference.filter((id) => listed.includes(id));
      log.verbose(2, `BMC lists cipher suites ${listed.join(',')}`);
      if (usable.length) return usable;
    } else {
      log.verbose(2, 'BMC did not answer the cipher suite probe; trying suites 17, 3');
    }
    return FALLBACK_SUITES;
  }

  private async probeCipherSuites(channel: SessionChannel): Promise<number[] | undefined> {
    const ex = channel.exchanger;
    let records = Buffer.alloc(0);
    for (let index = 0; index < 64; index++) {
      const req = toRequest(getChannelCipherSuites, { channel: 0x0e, payloadType: 0, index });
      const seq = this.seq.next();
      const v15 = v15Unauthenticated(req, seq);
      const plus = rmcpPlusUnauthenticated(PayloadType.Ipmi, encodeBmcRequest(req, seq));
      let reply: ResponseMessage | undefined;
      try {
        reply = await ex.exchange(
          'Get Channel Cipher Suites',
          () => {
            void ex.send(plus);
            return v15;
          },
          (m) => (m.msg && answers(m.msg, req, seq) && (m.msg.cc === 0 || m.via === 'v15') ? m.msg : undefined),
          { tries: 1, timeoutMs: Math.min(PROBE_WAIT_MS, this.options.timeoutMs), growMs: 0 },
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
    const ids = parseCipherSuiteRecords(records)
      .filter((r) => r.iana === undefined)
      .map((r) => r.id);
    return ids.length ? ids : undefined;
  }

  /**
   * One session set-up, under loss (issue 15): each step is sent again unchanged when its reply does
   * not come (Open Session -R times, as ipmitool; RAKP 1 and RAKP 3 twice, see RAKP_STEP_SENDS), then
   * the whole handshake starts again with a new console session ID, up to -R handshakes. A reply that
   * is not ours (another tag or session ID, a bit flipped in the header) is ignored and the wait goes
   * on; one that is ours but does not decode or verify ends the attempt at once (the BMC answers each
   * step once). When RAKP 4 does not come (or is damaged) after a good RAKP 2, the session may be up all the
   * same: a command in it tells (`sessionAnswers`) before RAKP 3 goes again. A handshake given up half-way is abandoned on the BMC
   * (`abandonHalfOpen`), which frees its slot.
   */
  private async establish(channel: SessionChannel, suiteId: number): Promise<LanplusSession> {
    const ex = channel.exchanger;
    const o = this.options;
    const creds: LanplusCredentials = {
      username: o.username,
      kuid: o.password,
      kg: o.kg,
      privilege: o.privilege,
      nameOnlyLookup: o.nameOnlyLookup,
      ...(o.workarounds ? { workarounds: o.workarounds } : {}),
    };
    const tries = Math.max(1, o.tries);
    const random = this.deps.random;
    const primitives = await (this.deps.crypto ?? systemPrimitives)();
    /** The BMC answered a step of some attempt: a later Open Session that gets no answer is loss, not a silent host. */
    let answered = false;
    for (let attempt = 0; ; attempt++) {
      const hs = new LanplusHandshake(suiteId, creds, nonZeroId(random), random, primitives);
      /** Send `payload` as `sent` (the same bytes each time) until a reply of type `sent + 1` is ours; `accept` checks it. */
      const step = <T>(what: string, sent: number, payload: Buffer, accept: (p: Uint8Array) => T, sends: number): Promise<T | true> =>
        ex.exchange(
          what,
          () => rmcpPlusUnauthenticated(sent, payload),
          (m) => {
            if (m.via !== 'rmcpplus' || m.payloadType !== sent + 1 || !hs.matchesRakp(m.payload)) return undefined;
            answered = true;
            return accept(m.payload) ?? true;
          },
          {
            tries: Math.min(sends, tries),
            timeoutMs: o.timeoutMs + (ex.deadline.bounded ? 0 : Math.min(attempt, tries - 1) * STYLE.growMs),
            growMs: STYLE.growMs,
          },
        );
      let probed: LanplusSession | undefined;
      try {
        await step('Open Session Request', PayloadType.OpenSessionRequest, hs.openSessionRequest(), (p) => hs.acceptOpenSessionResponse(p), tries);
        await step('RAKP 1', PayloadType.Rakp1, hs.rakp1(), (p) => hs.acceptRakp2(p), RAKP_STEP_SENDS);
        // RAKP 3, then (no usable RAKP 4 after a good RAKP 2) a command in the session, twice: a lost RAKP 4
        // leaves the session up on the BMC, which then ignores a repeated RAKP 3 or answers it sealed.
        const rakp3 = hs.rakp3();
        let unanswered: unknown;
        for (let round = 0; round < RAKP_STEP_SENDS; round++) {
          try {
            const established = (await step('RAKP 3', PayloadType.Rakp3, rakp3, (p) => hs.acceptRakp4(p), 1)) as EstablishedSession;
            return this.up(hs, new LanplusSession(established, random, primitives));
          } catch (e) {
            const provisional = worthAnotherTry(e) ? hs.provisional() : undefined;
            if (!provisional) throw e;
            // a check value that did not match says more than the silence to a repeated RAKP 3 after it (a wrong Kg)
            if (unanswered === undefined || e instanceof AuthenticationError) unanswered = e;
            probed ??= new LanplusSession(provisional, random, primitives);
            if (await this.sessionAnswers(channel, probed)) {
              this.deps.log.verbose(1, `No usable RAKP 4 (${(e as Error).message}), but the session answers: using it`);
              return this.up(hs, probed);
            }
          }
        }
        throw unanswered;
      } catch (e) {
        await this.abandonHalfOpen(ex, hs, probed);
        // Silence to every Open Session request is a silent host: starting again would only wait longer,
        // unless --timeout says how long the user is ready to wait (a lossy link then keeps its chance).
        const untilDeadline = ex.deadline.bounded && e instanceof TimeoutError;
        if (worthAnotherTry(e) && (answered || untilDeadline) && (attempt + 1 < tries || untilDeadline) && !ex.deadline.expired) {
          this.deps.log.verbose(1, `Session set-up attempt ${attempt + 1} of ${tries} failed (${(e as Error).message}); starting again with a new session ID`);
          continue;
        }
        throw e;
      }
    }
  }

  /** The session is up: the quirks the handshake met go to -v. */
  private up(hs: LanplusHandshake, session: LanplusSession): LanplusSession {
    for (const note of hs.notes) this.deps.log.verbose(1, note);
    return session;
  }

  /**
   * RAKP 4 lost or damaged after a good RAKP 2 and RAKP 3: the BMC may have the session up all the
   * same. Get Device ID in the session, sent once, tells; the channel is left without a session if not.
   */
  private async sessionAnswers(channel: SessionChannel, session: LanplusSession): Promise<boolean> {
    if (channel.exchanger.deadline.expired) return false;
    channel.begin(session);
    try {
      await channel.request(toRequest(getDeviceId, undefined, { once: true }));
      return true;
    } catch (e) {
      if (!(e instanceof TimeoutError || (e instanceof IpmiError && e.layer === 'decode')) || e instanceof DeadlineError) throw e;
      channel.abandon();
      return false;
    }
  }

  /**
   * Free a half-open session on the BMC (RAKP 3 with an error status, Close Session once it may be up);
   * never waits. Each is sent twice, as a lost one would leave the slot taken (a repeat finds no session).
   */
  private async abandonHalfOpen(ex: SessionChannel['exchanger'], hs: LanplusHandshake, probed?: LanplusSession): Promise<void> {
    const { rakp3, session } = hs.abandon();
    const packets: Buffer[] = [];
    if (rakp3) packets.push(rmcpPlusUnauthenticated(PayloadType.Rakp3, rakp3));
    if (session) {
      const req = toRequest(closeSession, { sessionId: session.bmcSessionId });
      // The probe's session object when there was one: its sequence numbers go on.
      const sealer = probed ?? new LanplusSession(session, this.deps.random, hs.crypto);
      packets.push(await sealer.sealMessage(encodeBmcRequest(req, this.seq.next())));
    }
    const sends = [...packets, ...packets].map((p) => ex.send(p));
    const what = session ? 'RAKP 3 with an error status and Close Session' : 'RAKP 3 with an error status';
    if (sends.length) this.deps.log.verbose(2, `Freeing the half-open session on the BMC: ${what}`);
    await Promise.all(sends.map((p) => p.catch(() => undefined)));
  }
}

/**
 * Sends of RAKP 1 and RAKP 3 before the handshake starts again: one retransmission, for a request or a
 * reply lost on the way. BMCs differ on a repeat (OpenIPMI lanserv_ipmi.c): ipmi_sim 2.0.33 answers a
 * repeated RAKP 1, and a repeated RAKP 3 sealed with the keys of the session it has just authenticated
 * (no RAKP 4 a console can take); 2.0.37 and later ignore both (the session has left the state that
 * takes them). Where the repeat does not help, a new session does.
 */
const RAKP_STEP_SENDS = 2;

/**
 * A set-up attempt whose reply was lost or damaged: no answer, a reply that does not parse (truncated),
 * a RAKP 2 HMAC / RAKP 4 ICV that does not match (one flipped bit looks like a wrong password
 * once; a wrong password fails every try), a RAKP 4 status saying our RAKP 3 was damaged or the session
 * timed out. Any other status the BMC states is final at once.
 */
function worthAnotherTry(e: unknown): boolean {
  if (e instanceof DeadlineError) return false;
  if (e instanceof TimeoutError || (e instanceof IpmiError && e.layer === 'decode')) return true;
  return e instanceof AuthenticationError && (e.code === 'rakp2-hmac' || e.code === 'rakp4-icv' || e.code === 'rakp4-retryable');
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

function nonZeroId(random: (n: number) => Buffer): number {
  for (;;) {
    const v = random(4).readUInt32LE(0);
    if (v !== 0) return v;
  }
}
