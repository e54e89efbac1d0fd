/**
 * What lan and lanplus share once a session is up, composed into both transports: rqSeq
 * matching, bridging (Send Message, see bridge.ts), lazy privilege elevation, keepalive and a
 * bounded Close Session. The session object (a SessionCodec: LanplusSession or Lan15Session)
 * seals and opens packets; this channel coordinates: it owns the exchanger, opens inbound
 * packets with the pre-session decoder until `begin(codec)` and with the session after, and
 * matches replies to requests.
 *
 * One request, top to bottom: request() -> send(): encodeLanRequest (bridge.ts) ->
 * exchanger.exchange(build = codec.sealMessage, accept = rqSeq/bridged match) -> the reply.
 */
import { AuthenticationError } from '../errors.js';
import { toRequest, type IpmiRequest, type IpmiResponse } from '../ipmi/command.js';
import { decodeResponseMessage, type ResponseMessage } from '../ipmi/message.js';
import { closeSession } from '../ipmi/cmds/app/close-session.js';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { setSessionPrivilegeLevel } from '../ipmi/cmds/app/set-session-privilege-level.js';
import { describeCommandCode, describeCompletionCode } from '../ipmi/completion-codes.js';
import { privilegeName } from '../spec/privilege.js';
import { rmcpPlusUnauthenticated, type PreSessionInbound } from '../protocol/presession.js';
import { decodeOpenSessionResponse } from '../protocol/rmcpplus/open-session.js';
import { PayloadType } from '../protocol/rmcpplus/packet.js';
import { encodeRakp3 } from '../protocol/rmcpplus/rakp.js';
import { isRejection, type SessionCodec } from '../session/codec.js';
import type { DatagramSocket } from '../io.js';
import { BridgedReplies, bridgeLevel, encodeLanRequest, type LanStyle } from './bridge.js';
import { Exchanger, type Refused, type TryPolicy } from './exchanger.js';
import { type RqSeq, answers } from './rq-seq.js';
import type { LanOptions, TransportDeps } from './transport.js';

/** A packet of the active session, opened: the IPMI message it carries (payload type 0), or another payload (SOL). */
export type SessionInbound = { via: 'session'; payloadType: number; payload: Buffer; msg?: ResponseMessage };

/** What the exchanger hands to waiters: before the session, pre-session packets; after, the session's. */
export type Inbound = PreSessionInbound | SessionInbound;

/** Where lan and lanplus differ in the shared part. */
export interface ChannelStyle {
  /** ipmitool's interface description, for errors. */
  description: string;
  /** Per-try growth of the wait (lanplus +1 s, lan 0). */
  growMs: number;
  /** How bridged requests are addressed (ipmitool's lan.c and lanplus.c differ). */
  bridgeStyle: LanStyle;
  /** ipmitool's last line when a session cannot be set up (a refused privilege elevation too). */
  failureLine: string;
}

/** Open a packet with the session: the decoded IPMI message for payload type 0 (checksums checked unless -W nochecksumcheck). */
export async function openInSession(codec: SessionCodec, pkt: Buffer, checksums = true): Promise<SessionInbound | Refused> {
  const opened = await codec.open(pkt);
  if (isRejection(opened)) return { refused: opened.rejected };
  const { payloadType, payload } = opened;
  return payloadType === PayloadType.Ipmi
    ? { via: 'session', payloadType, payload, msg: decodeResponseMessage(payload, checksums) }
    : { via: 'session', payloadType, payload };
}

/** RAKP 3 status for a session freed unused (02h: invalid session ID, §13.24). */
const STRAY_RAKP3_STATUS = 0x02;

/**
 * RAKP 3 with an error status for a session the BMC opened for a copy of our Open Session request
 * (a retransmission, or a datagram duplicated on the way) whose answer no handshake took: without it
 * the session holds one of the BMC's slots until it times out (ipmi_sim: 30 s). The reply's own tag
 * goes back, so the BMC's answer (RAKP 4) cannot be taken for a handshake's. Undefined for a refusal.
 */
export function releaseStraySession(openSessionResponse: Uint8Array): { bmcSessionId: number; rakp3: Buffer } | undefined {
  let r: ReturnType<typeof decodeOpenSessionResponse>;
  try {
    r = decodeOpenSessionResponse(openSessionResponse);
  } catch {
    return undefined;
  }
  if (r.status !== 0 || !r.bmcSessionId) return undefined;
  return {
    bmcSessionId: r.bmcSessionId,
    rakp3: rmcpPlusUnauthenticated(
      PayloadType.Rakp3,
      encodeRakp3({ tag: r.tag, status: STRAY_RAKP3_STATUS, bmcSessionId: r.bmcSessionId, authCode: Buffer.alloc(0) }),
    ),
  };
}

/** How long a stray session's release waits for the same session ID to be taken after all (see releaseStray). */
const STRAY_GRACE_MS = 200;

/** The wait for each of Close Session's two tries (-N when shorter). */
const CLOSE_WAIT_MS = 500;

export class SessionChannel {
  readonly exchanger: Exchanger<Inbound>;
  /** The request sequence numbers, shared by the pre-session exchanges and the session. */
  readonly seq: RqSeq;
  private active: SessionCodec | undefined;
  private elevated = false;
  private closing: Promise<void> | undefined;
  private readonly log: TransportDeps['log'];
  private readonly clock: TransportDeps['clock'];
  /**
   * BMC session IDs of Open Session responses: 'taken' by a handshake (never freed), or a stray's
   * RAKP 3 waiting out STRAY_GRACE_MS, or 'freed'.
   */
  private readonly openSessions = new Map<number, 'taken' | 'freed' | { timer: unknown; rakp3: Buffer }>();

  constructor(
    sock: DatagramSocket,
    private readonly options: LanOptions,
    deps: TransportDeps,
    seq: RqSeq,
    private readonly style: ChannelStyle,
    /** How packets are read before the session is up. */
    private readonly preSession: (pkt: Buffer) => PreSessionInbound | Refused,
  ) {
    this.seq = seq;
    this.log = deps.log;
    this.clock = deps.clock;
    this.exchanger = new Exchanger<Inbound>(sock, deps.clock, deps.deadline, deps.log, (pkt) => this.decode(pkt));
    this.exchanger.setStrays(
      (m) => this.releaseStray(m),
      () => this.flushReleases(),
      (m) => this.taken(m),
    );
  }

  /**
   * An Open Session response no handshake took: the BMC opened a session for a copy of our request
   * (releaseStraySession). Freed after a short grace, unless a handshake takes the same session ID
   * meanwhile: a damaged copy of the answer (a flipped tag) may come just before the genuine one.
   */
  private releaseStray(m: Inbound): boolean {
    if (m.via !== 'rmcpplus' || m.payloadType !== PayloadType.OpenSessionResponse) return false;
    const stray = releaseStraySession(m.payload);
    if (!stray) return true;
    const id = stray.bmcSessionId;
    if (this.openSessions.has(id)) return true;
    const timer = this.clock.setTimeout(() => this.sendRelease(id), STRAY_GRACE_MS);
    this.openSessions.set(id, { timer, rakp3: stray.rakp3 });
    return true;
  }

  private sendRelease(id: number): void {
    const pending = this.openSessions.get(id);
    if (typeof pending !== 'object') return;
    this.clock.clearTimeout(pending.timer);
    this.openSessions.set(id, 'freed');
    this.log.verbose(2, `Freeing session 0x${id.toString(16)}, opened by the BMC for a repeated Open Session request`);
    void this.exchanger.send(pending.rakp3).catch(() => undefined);
  }

  /** The socket closes: stray sessions still in their grace are freed now. */
  private flushReleases(): void {
    for (const id of [...this.openSessions.keys()]) this.sendRelease(id);
  }

  /** From now on requests go through this session and inbound packets are opened by it. */
  begin(codec: SessionCodec): void {
    this.active = codec;
  }

  /** The active session (undefined before begin() and after abandon()). */
  get codec(): SessionCodec | undefined {
    return this.active;
  }

  private decode(pkt: Buffer): Inbound | Refused | Promise<Inbound | Refused> {
    if (!this.active) return this.preSession(pkt);
    return openInSession(this.active, pkt, !this.options.workarounds?.has('nochecksumcheck')).then((m) => {
      if (!('refused' in m)) return m;
      // Outside the session: a late answer to a repeated Open Session request is still freed (releaseStray).
      try {
        const pre = this.preSession(pkt);
        return 'via' in pre && pre.via === 'rmcpplus' && pre.payloadType === PayloadType.OpenSessionResponse ? pre : m;
      } catch {
        return m;
      }
    });
  }

  /** An Open Session response a handshake took: its BMC session ID is in use (never freed, see releaseStray). */
  private taken(m: Inbound): void {
    if (m.via !== 'rmcpplus' || m.payloadType !== PayloadType.OpenSessionResponse || m.payload.length < 12 || m.payload[1] !== 0) return;
    const id = m.payload.readUInt32LE(8);
    const pending = this.openSessions.get(id);
    if (typeof pending === 'object') this.clock.clearTimeout(pending.timer);
    this.openSessions.set(id, 'taken');
  }

  /** The -N/-R policy with this interface's growth. */
  get policy(): TryPolicy {
    return { tries: this.options.tries, timeoutMs: this.options.timeoutMs, growMs: this.style.growMs };
  }

  private policyFor(req: IpmiRequest): TryPolicy {
    return req.once ? { ...this.policy, tries: 1 } : { ...this.policy, untilDeadline: true };
  }

  /** A command for the BMC, or for the bridge target (-t) when one is set. */
  async request(req: IpmiRequest): Promise<IpmiResponse> {
    const r = await this.send(req, this.policyFor(req), false, true);
    if (r.cc === 0xd4 && !this.elevated && this.options.privilege > 2) {
      await this.elevate();
      return this.send(req, this.policyFor(req), false, true);
    }
    return r;
  }

  /** Sessions start at USER (v1.5) or below the role on some RMCP+ BMCs: raise it the first time the BMC says 0xD4. */
  private async elevate(): Promise<void> {
    this.elevated = true;
    const r = await this.send(toRequest(setSessionPrivilegeLevel, { privilege: this.options.privilege }));
    if (r.cc !== 0) {
      // ipmitool's words (generic code text), then its session failure line; the precise meaning goes to -v.
      throw new AuthenticationError(this.style.failureLine, 'privilege', [
        `Set Session Privilege Level to ${privilegeName(this.options.privilege)} failed: ${describeCompletionCode(r.cc)}`,
      ]).withDetail(describeCommandCode(setSessionPrivilegeLevel, r.cc));
    }
  }

  /** One request in the session; `bridged` wraps it for the -t target (session housekeeping never is). */
  private send(req: IpmiRequest, policy = this.policyFor(req), closing = false, bridged = false): Promise<IpmiResponse> {
    const codec = this.active;
    if (!codec) throw new Error(`${this.style.description} is not open`);
    const seq = this.seq.next();
    const level = bridged ? bridgeLevel(this.options.bridge) : 0;
    const msg = encodeLanRequest(req, seq, level ? this.options.bridge : undefined, this.style.bridgeStyle);
    const bridgedReplies = level ? new BridgedReplies(req, seq, level, this.style.bridgeStyle) : undefined;
    return this.exchanger.exchange(
      `request (netfn 0x${req.netFn.toString(16)} cmd 0x${req.cmd.toString(16)})`,
      () => codec.sealMessage(msg),
      (m) => {
        if (m.via !== 'session' || !m.msg) return undefined;
        if (bridgedReplies) return bridgedReplies.offer(m.msg);
        if (!answers(m.msg, req, seq)) return undefined;
        if (m.msg.cc === 0xcf) return undefined; // "duplicate request": the answer to our first try follows
        return { cc: m.msg.cc, data: m.msg.data };
      },
      policy,
      closing,
    );
  }

  async keepalive(): Promise<void> {
    await this.send(toRequest(getDeviceId, undefined));
  }

  /** Forget the session without Close Session (after a cold reset the BMC has dropped it). */
  abandon(): void {
    this.active = undefined;
  }

  /** Close Session (once, bounded, never throws), then the socket. */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    const codec = this.active;
    if (codec) {
      const req = toRequest(closeSession, { sessionId: codec.sessionId });
      try {
        // On the time the deadline keeps back for it (Deadline.final): the whole command, Close Session
        // included, ends by the deadline. Sent once more if the reply is lost (ipmitool retries it too);
        // sent even past --timeout, then without waiting (the BMC times an unclosed session out anyway).
        await this.send(req, { tries: 2, timeoutMs: Math.min(this.options.timeoutMs, CLOSE_WAIT_MS), growMs: 0 }, true);
      } catch {
        // Best effort: the BMC times the session out anyway.
      }
    }
    this.active = undefined;
    await this.exchanger.close();
  }
}
