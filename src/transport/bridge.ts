/**
 * Bridging (-t, -b, -T, -B, -m): requests for controllers behind the BMC, shared by
 * every transport. On LAN the request is wrapped in Send Message with Track Request
 * (IPMI v2.0 §22.7, §6.12), once for a target on a BMC channel and twice through a
 * transit controller (double bridging); the BMC answers first for Send Message, then
 * with the target's response (or with it embedded in the Send Message reply). The
 * local driver bridges one level itself (IPMB address type); for two it sends our
 * Send Message to the transit controller and unwraps the embedded reply.
 * Byte layouts and reply handling follow ipmitool 1.8.19 (lan.c, lanplus.c, open.c).
 */
import { DecodeError, TransportError } from '../errors.js';
import type { IpmiRequest, IpmiResponse } from '../ipmi/command.js';
import { BMC_SLAVE_ADDR, REMOTE_SWID, decodeResponseMessage, encodeBmcRequest, encodeRequestMessage, type ResponseMessage } from '../ipmi/message.js';
import { describeCommandCode } from '../ipmi/completion-codes.js';
import { NetFn } from '../ipmi/netfn.js';
import { sendMessage, Tracking } from '../ipmi/cmds/app/send-message.js';

/** Where requests go: the global bridging options, already checked. */
export interface BridgeOptions {
  /** -t: the target's IPMB slave address. */
  targetAddr: number;
  /** -b: the BMC channel the target sits on. */
  targetChannel: number;
  /** -T: a transit controller between BMC and target (0 = none). */
  transitAddr: number;
  /** -B: the transit controller's channel toward the target. */
  transitChannel: number;
  /** -m: our own IPMB address (0x20 unless given). */
  myAddr: number;
}

/** 0: local; 1: one Send Message; 2: nested through the transit controller. */
export function bridgeLevel(b: BridgeOptions | undefined): 0 | 1 | 2 {
  if (!b || b.targetAddr === 0 || b.targetAddr === b.myAddr) return 0;
  return b.transitAddr !== 0 && b.transitAddr !== b.myAddr ? 2 : 1;
}

/** ipmitool's wording when -T/-B come without -t (ipmi_main.c); it then stops. */
export function transitWithoutTarget(transitAddr: number, transitChannel: number): string {
  return `Transit address/channel ${hashX(transitAddr)}/${hashX(transitChannel)} ignored. Target address must be specified!`;
}

/** C's %#x: 0 prints as "0". */
function hashX(n: number): string {
  return n === 0 ? '0' : `0x${n.toString(16)}`;
}

/** lan (v1.5) and lanplus differ in the requester address of the wrapped messages. */
export type LanStyle = 'lan' | 'lanplus';

function wrap(rsAddr: number, rqAddr: number, seq: number, channel: number, inner: Uint8Array): Buffer {
  const data = sendMessage.encode({ channel, tracking: Tracking.Track, message: inner });
  return encodeRequestMessage({ rsAddr, rqAddr, rqSeq: seq, lun: 0 }, sendMessage.netFn, sendMessage.cmd, data);
}

/**
 * The IPMI message for a LAN session: rqSeq `seq` in every layer. Requester addresses as
 * ipmitool sends them: lan uses -m in the bridged layers; lanplus uses the remote console
 * software id (81h) except for the innermost layer of a double bridge.
 */
export function encodeLanRequest(req: IpmiRequest, seq: number, b: BridgeOptions | undefined, style: LanStyle): Buffer {
  const level = bridgeLevel(b);
  if (level === 0 || !b) return encodeBmcRequest(req, seq);
  const innerRq = style === 'lan' || level === 2 ? b.myAddr : REMOTE_SWID;
  const target = encodeRequestMessage({ rsAddr: b.targetAddr, rqAddr: innerRq, rqSeq: seq, lun: req.lun ?? 0 }, req.netFn, req.cmd, req.data);
  if (level === 1) return wrap(BMC_SLAVE_ADDR, REMOTE_SWID, seq, b.targetChannel, target);
  const middleRq = style === 'lan' ? b.myAddr : REMOTE_SWID;
  const middle = wrap(b.transitAddr, middleRq, seq, b.targetChannel, target);
  return wrap(BMC_SLAVE_ADDR, REMOTE_SWID, seq, b.transitChannel, middle);
}

/** Send Message's response netFn/cmd. */
const isSendMessageReply = (m: ResponseMessage): boolean => m.netFn === (NetFn.App | 1) && m.cmd === sendMessage.cmd;

/**
 * Collects the replies to one bridged request over a LAN session: `level` Send Message
 * replies, then the target's. A Send Message reply that carries data carries the next
 * reply embedded in it. One with a completion code ends the exchange as ipmitool ends
 * it: lanplus hands that code on as the command's, lan treats it as no response.
 */
export class BridgedReplies {
  private pending: number;

  constructor(
    private readonly req: IpmiRequest,
    private readonly seq: number,
    level: number,
    private readonly style: LanStyle,
  ) {
    this.pending = level;
  }

  /** Feed a reply from the session; the final response, or undefined to keep waiting. */
  offer(m: ResponseMessage, embedded = false): IpmiResponse | undefined {
    if (!embedded && m.rqSeq !== this.seq) return undefined;
    if (this.pending > 0) {
      if (!isSendMessageReply(m)) return undefined;
      if (m.cc !== 0 && this.style === 'lan') {
        throw new TransportError(`Send Message failed: ${describeCommandCode(sendMessage, m.cc)}`, 'bridge');
      }
      if (m.cc !== 0) return { cc: m.cc, data: m.data };
      this.pending--;
      if (m.data.length === 0) return undefined; // the target's reply follows in its own packet
      return this.offer(decodeEmbedded(m.data), true);
    }
    if (m.cmd !== this.req.cmd || m.netFn !== (this.req.netFn | 1)) return undefined;
    if (m.cc === 0xcf && !embedded) return undefined; // "duplicate request": the answer to the first try follows
    return { cc: m.cc, data: m.data };
  }
}

function decodeEmbedded(data: Buffer): ResponseMessage {
  try {
    return decodeResponseMessage(data);
  } catch (e) {
    throw new DecodeError(`bridged response inside Send Message: ${(e as Error).message}`);
  }
}

/**
 * Double bridging through the local driver (ipmitool open.c): the request for the
 * target, wrapped in Send Message with Track Request for the transit controller's
 * channel. rqAddr FFh and rqSeq 0 as ipmitool sends them (the transit controller
 * substitutes its own).
 */
export function encodeTransitRequest(req: IpmiRequest, b: BridgeOptions): IpmiRequest {
  const target = encodeRequestMessage({ rsAddr: b.targetAddr, rqAddr: 0xff, rqSeq: 0, lun: req.lun ?? 0 }, req.netFn, req.cmd, req.data);
  return {
    netFn: sendMessage.netFn,
    cmd: sendMessage.cmd,
    data: sendMessage.encode({ channel: b.targetChannel, tracking: Tracking.Track, message: target }),
    lun: 0,
    ...(req.once ? { once: true } : {}),
  };
}

/** The transit controller's Send Message reply -> the target's response (completion code first). */
export function decodeTransitReply(r: IpmiResponse): IpmiResponse {
  if (r.cc !== 0) return r;
  if (r.data.length === 0) throw new DecodeError('the transit controller answered Send Message without the bridged response');
  const m = decodeEmbedded(Buffer.from(r.data));
  return { cc: m.cc, data: m.data };
}
