/**
 * What lan and lanplus share once a session is up: rqSeq matching, bridging
 * (Send Message, see bridge.ts), lazy privilege elevation, keepalive and a
 * bounded Close Session.
 */
import { AuthenticationError } from '../errors.js';
import type { IpmiRequest, IpmiResponse } from '../ipmi/command.js';
import type { ResponseMessage } from '../ipmi/message.js';
import { closeSession } from '../ipmi/cmds/app/close-session.js';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { setSessionPrivilegeLevel } from '../ipmi/cmds/app/set-session-privilege-level.js';
import { describeCommandCode, describeCompletionCode } from '../ipmi/completion-codes.js';
import { privilegeName } from '../ipmi/privilege.js';
import { BridgedReplies, bridgeLevel, encodeLanRequest, type LanStyle } from './bridge.js';
import type { Exchanger, TryPolicy } from './exchanger.js';
import { RqSeq, answers } from './rq-seq.js';
import type { LanOptions, Transport, TransportDeps } from './transport.js';

/** An inbound message as the session decoders hand it to waiters. */
export interface InSession {
  via: string;
  msg?: ResponseMessage;
}

export abstract class SessionTransport<M extends InSession> implements Transport {
  abstract readonly description: string;
  protected ex: Exchanger<M> | undefined;
  protected readonly rq: RqSeq;
  private elevated = false;
  private closing: Promise<void> | undefined;

  constructor(
    protected readonly o: LanOptions,
    protected readonly d: TransportDeps,
  ) {
    this.rq = new RqSeq(d.random(1)[0]!);
  }

  abstract open(): Promise<void>;
  /** Wrap one IPMI message for the active session (sequence number, auth code, encryption). */
  protected abstract seal(message: Buffer): Buffer;
  /** True when `m` came through the active session (not a pre-session leftover). */
  protected abstract inSession(m: M): boolean;
  protected abstract get sessionId(): number | undefined;
  protected abstract dropSession(): void;
  /** ipmitool's last line when a session cannot be set up. */
  protected abstract readonly failureLine: string;
  /** Per-try growth of the wait (lanplus +1 s, lan 0). */
  protected abstract readonly growMs: number;
  /** How bridged requests are addressed (ipmitool's lan.c and lanplus.c differ). */
  protected abstract readonly bridgeStyle: LanStyle;

  protected get policy(): TryPolicy {
    return { tries: this.o.tries, timeoutMs: this.o.timeoutMs, growMs: this.growMs };
  }

  /** A command for the BMC, or for the bridge target (-t) when one is set. */
  async request(req: IpmiRequest): Promise<IpmiResponse> {
    const r = await this.send(req, this.policyFor(req), false, true);
    if (r.cc === 0xd4 && !this.elevated && this.o.privilege > 2) {
      await this.elevate();
      return this.send(req, this.policyFor(req), false, true);
    }
    return r;
  }

  private policyFor(req: IpmiRequest): TryPolicy {
    return req.once ? { ...this.policy, tries: 1 } : this.policy;
  }

  /** Sessions start at USER (v1.5) or below the role on some RMCP+ BMCs: raise it the first time the BMC says 0xD4. */
  private async elevate(): Promise<void> {
    this.elevated = true;
    const r = await this.send({
      netFn: setSessionPrivilegeLevel.netFn,
      cmd: setSessionPrivilegeLevel.cmd,
      data: setSessionPrivilegeLevel.encode({ privilege: this.o.privilege }),
    });
    if (r.cc !== 0) {
      // ipmitool's words (generic code text), then its session failure line; the precise meaning goes to -v.
      throw new AuthenticationError(this.failureLine, 'privilege', [
        `Set Session Privilege Level to ${privilegeName(this.o.privilege)} failed: ${describeCompletionCode(r.cc)}`,
      ]).withDetail(describeCommandCode(setSessionPrivilegeLevel, r.cc));
    }
  }

  /** One request in the session; `bridged` wraps it for the -t target (session housekeeping never is). */
  protected send(req: IpmiRequest, policy = this.policyFor(req), ignoreDeadline = false, bridged = false): Promise<IpmiResponse> {
    const ex = this.ex;
    if (!ex || this.sessionId === undefined) throw new Error(`${this.description} is not open`);
    const seq = this.rq.next();
    const level = bridged ? bridgeLevel(this.o.bridge) : 0;
    const msg = encodeLanRequest(req, seq, level ? this.o.bridge : undefined, this.bridgeStyle);
    const bridgedReplies = level ? new BridgedReplies(req, seq, level, this.bridgeStyle) : undefined;
    return ex.exchange(
      `request (netfn 0x${req.netFn.toString(16)} cmd 0x${req.cmd.toString(16)})`,
      () => this.seal(msg),
      (m) => {
        if (!this.inSession(m) || !m.msg) return undefined;
        if (bridgedReplies) return bridgedReplies.offer(m.msg);
        if (!answers(m.msg, req, seq)) return undefined;
        if (m.msg.cc === 0xcf) return undefined; // "duplicate request": the answer to our first try follows
        return { cc: m.msg.cc, data: m.msg.data };
      },
      policy,
      ignoreDeadline,
    );
  }

  async keepalive(): Promise<void> {
    await this.send({ netFn: getDeviceId.netFn, cmd: getDeviceId.cmd, data: new Uint8Array(0) });
  }

  abandon(): void {
    this.dropSession();
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    const ex = this.ex;
    if (!ex) return;
    const id = this.sessionId;
    if (id !== undefined) {
      const req = { netFn: closeSession.netFn, cmd: closeSession.cmd, data: closeSession.encode({ sessionId: id }) };
      try {
        await this.send(req, { tries: 1, timeoutMs: Math.min(this.o.timeoutMs, 1000), growMs: 0 }, true);
      } catch {
        // Best effort: the BMC times the session out anyway.
      }
    }
    this.dropSession();
    this.ex = undefined;
    await ex.close();
  }
}
