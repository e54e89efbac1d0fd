/**
 * -I lan: IPMI v1.5 sessions. Get Channel Authentication Capabilities ->
 * Get Session Challenge -> Activate Session (IPMI v2.0 §22.13, §22.16, §22.17),
 * then every message carries the session's auth code (NONE, MD2, MD5, PASSWORD).
 * Privilege above USER is raised lazily (see SessionChannel). The Lan15Session seals and
 * opens the session's packets, composed into the SessionChannel as its codec.
 */
import { AuthenticationError, CommandError, DecodeError, IpmiError, SessionSlotError } from '../errors.js';
import { toRequest, type IpmiCommand, type IpmiRequest, type IpmiResponse } from '../ipmi/command.js';
import { padTo } from '../ipmi/codec.js';
import { decodeResponseMessage, encodeBmcRequest, type ResponseMessage } from '../ipmi/message.js';
import { activateSession } from '../ipmi/cmds/app/activate-session.js';
import { getChannelAuthCapabilities, type ChannelAuthCapabilities } from '../ipmi/cmds/app/get-channel-auth-capabilities.js';
import { getSessionChallenge } from '../ipmi/cmds/app/get-session-challenge.js';
import { CompletionCode, describeCompletionCode } from '../ipmi/completion-codes.js';
import { AuthType, authTypeNames } from '../protocol/crypto/authcode15.js';
import { decodeLan15Packet, isLan15 } from '../protocol/lan15.js';
import { Lan15Session, sealActivateSession } from '../session/lan15-session.js';
import type { Refused } from './exchanger.js';
import { v15Unauthenticated, type PreSessionInbound } from '../protocol/presession.js';
import { RqSeq, answers } from './rq-seq.js';
import { SessionChannel, type ChannelStyle } from './session-channel.js';
import type { LanOptions, Transport, TransportDeps } from './transport.js';
import type { Workaround } from '../session/workarounds.js';
import { authCode15 } from '../protocol/crypto/authcode15.js';
import { systemPrimitives, type CryptoPrimitives } from '../primitives/primitives.js';

export const LAN_FAILURE = 'Error: Unable to establish IPMI v1.5 / RMCP session';
const LAN_SESSION_FAILURE = 'Error: Unable to establish LAN session';

/** Order ipmitool prefers when a password is set (lan.c ipmi_get_auth_capabilities_cmd). */
const PREFERRED = [AuthType.Md5, AuthType.Md2, AuthType.Password];

/** Activate Session failures, worded as ipmitool prints them after "Activate Session error:". */
const activateErrors: Readonly<Record<number, string>> = {
  0x81: 'No session slot available',
  0x82: 'No slot available for given user - limit reached',
  0x83: 'No slot available to support user due to maximum privilege capacity',
  0x84: 'Session sequence out of range',
  0x85: 'Invalid session ID in request',
  0x86: 'Requested privilege level exceeds limit',
  0xd4: 'Insufficient privilege level',
};

const STYLE: ChannelStyle = { description: 'IPMI v1.5 LAN Interface', growMs: 0, bridgeStyle: 'lan', failureLine: LAN_FAILURE };

export class LanTransport implements Transport {
  readonly description = STYLE.description;
  private readonly seq: RqSeq;
  /** The socket, requests and replies; set while open (from connect until close). */
  private channel: SessionChannel | undefined;
  /** Temporary session id and password during activation (to check the reply's auth code). */
  private activating: { id: number; authType: number; password16: Buffer; crypto: CryptoPrimitives } | undefined;
  authType: number | undefined;

  constructor(
    private readonly options: LanOptions,
    private readonly deps: TransportDeps,
  ) {
    this.seq = new RqSeq(deps.random(1)[0]!);
  }

  async open(): Promise<void> {
    const o = this.options;
    const sock = await this.deps.connect({ host: o.host, port: o.port, ...(o.family ? { family: o.family } : {}) });
    const channel = new SessionChannel(sock, o, this.deps, this.seq, STYLE, (pkt) => this.decodePreSession(pkt));
    this.channel = channel;
    try {
      channel.begin(await this.activate(channel, await (this.deps.crypto ?? systemPrimitives)()));
    } catch (e) {
      this.channel = undefined;
      await channel.exchanger.close();
      throw lanFailure(e);
    }
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    return this.opened().request(req);
  }

  async keepalive(): Promise<void> {
    await this.opened().keepalive();
  }

  abandon(): void {
    this.channel?.abandon();
  }

  /** Close Session (bounded, never throws). */
  async close(): Promise<void> {
    await this.channel?.close();
  }

  /** The channel of the open session (a request before open() or after close() is a bug). */
  private opened(): SessionChannel {
    const channel = this.channel;
    if (!channel?.codec) throw new Error(`${this.description} is not open`);
    return channel;
  }

  /** Packets before the session: unauthenticated, or authenticated for the session being activated. */
  private decodePreSession(pkt: Buffer): PreSessionInbound | Refused {
    if (!isLan15(pkt)) return { refused: 'not an IPMI v1.5 packet' };
    const p = decodeLan15Packet(pkt);
    if (p.authType !== AuthType.None) {
      const a = this.activating;
      if (!a || p.sessionId !== a.id) return { refused: 'authenticated packet outside a session' };
      const expect = authCode15(a.crypto, p.authType as AuthType, a.password16, p.sessionId, p.seq, p.message);
      const check = !this.has('noauthcodecheck');
      if (check && (!expect || !p.authCode || !a.crypto.equal(expect, p.authCode))) return { refused: 'invalid authcode' };
    }
    return { via: 'v15', sessionId: p.sessionId, msg: decodeResponseMessage(p.message, !this.has('nochecksumcheck')) };
  }

  private has(w: Workaround): boolean {
    return this.options.workarounds?.has(w) ?? false;
  }

  /** One unauthenticated request/response outside a session. */
  private async preSession<Req, Res>(channel: SessionChannel, cmd: IpmiCommand<Req, Res>, req: Req): Promise<{ cc: number; data?: Res }> {
    const r = toRequest(cmd, req);
    const seq = this.seq.next();
    const pkt = v15Unauthenticated(r, seq);
    const m = await channel.exchanger.exchange(
      cmd.name,
      () => pkt,
      (x) => (x.via === 'v15' && answers(x.msg, r, seq) ? x.msg : undefined),
      channel.policy,
    );
    return m.cc === 0 ? { cc: 0, data: cmd.decode(m.data) } : { cc: m.cc };
  }

  private chooseAuthType(caps: ChannelAuthCapabilities): number {
    const has = (t: number): boolean => (caps.authTypes & (1 << t)) !== 0;
    const forced = this.options.authType;
    const hasPassword = this.options.password.length > 0;
    if (this.has('authcap')) {
      // The BMC misreports its authentication types: use -A, or the preferred type, whatever it says.
      const t = forced ?? (hasPassword ? PREFERRED[0]! : AuthType.None);
      if (!has(t)) this.deps.log.verbose(1, `The BMC does not list authentication type ${authTypeNames[t]}: using it anyway (authcap)`);
      return t;
    }
    if (forced !== undefined) {
      if (has(forced) && (forced === AuthType.None || hasPassword || forced === AuthType.Password)) return forced;
      if (!has(forced)) throw new AuthenticationError(`Authentication type ${authTypeNames[forced] ?? forced} not supported`, 'authtype');
      throw new AuthenticationError('No supported authtypes found', 'authtype');
    }
    if (hasPassword) for (const t of PREFERRED) if (has(t)) return t;
    if (has(AuthType.None)) return AuthType.None;
    throw new AuthenticationError('No supported authtypes found', 'authtype');
  }

  /** Get Channel Authentication Capabilities, Get Session Challenge, Activate Session: the session. */
  private async activate(channel: SessionChannel, crypto: CryptoPrimitives): Promise<Lan15Session> {
    const o = this.options;
    const caps = await this.preSession(channel, getChannelAuthCapabilities, { channel: 0x0e, privilege: o.privilege, v2Data: false }).catch((e: unknown) => {
      throw e instanceof IpmiError ? e.withDetail('Get Auth Capabilities command failed') : e;
    });
    if (!caps.data) {
      throw new CommandError(`Get Auth Capabilities command failed: ${describeCompletionCode(caps.cc)}`, 'auth-caps');
    }
    const authType = this.chooseAuthType(caps.data);
    this.deps.log.verbose(2, `Proceeding with AuthType ${authTypeNames[authType]}`);

    const challenge = await this.preSession(channel, getSessionChallenge, { authType, username: o.username }).catch((e: unknown) => {
      throw e instanceof IpmiError && e.layer === 'transport' ? relabel(e, 'Get Session Challenge command failed') : e;
    });
    if (!challenge.data) {
      const cc = challenge.cc;
      const text =
        cc === 0x81 ? 'Invalid user name' : cc === 0x82 ? 'NULL user name not enabled' : `Get Session Challenge command failed: ${describeCompletionCode(cc)}`;
      // ipmi_sim answers Out of space when every session slot is taken.
      throw cc === CompletionCode.OutOfSpace ? new SessionSlotError(text) : new AuthenticationError(text, 'session-challenge');
    }

    const password16 = padTo(o.password, 16);
    const initialOutboundSeq = nonZero(this.deps.random);
    const r = toRequest(activateSession, { authType, maxPriv: o.privilege, challenge: challenge.data.challenge, initialOutboundSeq });
    const seq = this.seq.next();
    const tempId = challenge.data.tempSessionId;
    this.activating = { id: tempId, authType, password16, crypto };
    const pkt = sealActivateSession(crypto, authType, password16, tempId, encodeBmcRequest(r, seq));
    let reply: ResponseMessage;
    try {
      reply = await channel.exchanger.exchange(
        'Activate Session',
        () => pkt,
        (x) => (x.via === 'v15' && answers(x.msg, r, seq) ? x.msg : undefined),
        channel.policy,
      );
    } catch (e) {
      // A wrong password gets no answer at all: the BMC cannot authenticate an error reply.
      throw e instanceof IpmiError && e.layer !== 'auth' ? relabel(e, 'Activate Session command failed', 'auth') : e;
    } finally {
      this.activating = undefined;
    }
    if (reply.cc !== 0) {
      const text = `Activate Session error:\t${activateErrors[reply.cc] ?? describeCompletionCode(reply.cc)}`;
      // 81h-83h: no session slot (for anyone, for this user, for this privilege).
      throw reply.cc >= 0x81 && reply.cc <= 0x83 ? new SessionSlotError(text) : new AuthenticationError(text, 'activate');
    }
    const act = activateSession.decode(reply.data);
    const perMessageAuthDisabled = this.perMessageAuthOff(caps.data.perMessageAuthDisabled, act.authType);
    if (!perMessageAuthDisabled && act.authType !== authType && !this.has('forcepermsg')) {
      throw new DecodeError(`Invalid Session AuthType ${authTypeNames[authType]} in response`);
    }
    if (act.sessionId === 0) this.deps.log.verbose(1, 'The BMC gave the session ID 0: accepted (idzero)');
    this.authType = authType;
    return new Lan15Session({
      authType,
      password16,
      sessionId: act.sessionId,
      nextOutSeq: act.initialInboundSeq,
      perMessageAuthDisabled,
      ...(o.workarounds ? { workarounds: o.workarounds } : {}),
      crypto,
    });
  }

  /**
   * Per-message authentication off for this session? Only when the channel says so and the BMC
   * activated the session with type NONE: a BMC that says "off" but answers Activate Session
   * with an auth type wants auth codes after all (recognised, as FreeIPMI does); -W forcepermsg
   * authenticates every message whatever the BMC says.
   */
  private perMessageAuthOff(channelSaysOff: boolean, activatedWith: number): boolean {
    if (!channelSaysOff) return false;
    if (this.has('forcepermsg')) {
      this.deps.log.verbose(1, 'The BMC says per-message authentication is off: authenticating every message anyway (forcepermsg)');
      return false;
    }
    if (activatedWith !== AuthType.None) {
      this.deps.log.verbose(
        1,
        `The BMC says per-message authentication is off but activated the session with ${authTypeNames[activatedWith] ?? activatedWith}: authenticating every message (as -W forcepermsg)`,
      );
      return false;
    }
    return true;
  }
}

/** Same error class and code, ipmitool's wording. */
function relabel(e: IpmiError, message: string, layer = e.layer): IpmiError {
  return new IpmiError(layer, e.code, message, e.preamble).withDetail(e.message);
}

/** ipmitool prints the cause, then "Error: Unable to establish LAN session", then the v1.5 line. */
function lanFailure(e: unknown): unknown {
  if (!(e instanceof IpmiError)) return e;
  const verboseOnly = e.code === 'auth-caps' || e.detail === 'Get Auth Capabilities command failed';
  const preamble = [...e.preamble, ...(verboseOnly ? [] : [e.message]), LAN_SESSION_FAILURE];
  const out = new IpmiError(e.layer, e.code, LAN_FAILURE, preamble);
  if (verboseOnly) out.withDetail(e.detail ?? e.message);
  else if (e.detail) out.withDetail(e.detail);
  return out;
}

function nonZero(random: (n: number) => Buffer): number {
  for (;;) {
    const v = random(4).readUInt32LE(0);
    if (v !== 0) return v;
  }
}
