/**
 * IPMI messages as carried in LAN sessions (IPMB format).
 * IPMI v2.0 §13.8 Figure 13-4 (v1.5) and §13.6 (RMCP+): the payload is
 *   rsAddr | netFn/rsLUN | chk1 | rqAddr | rqSeq/rqLUN | cmd | data | chk2
 */
import { DecodeError } from '../errors.js';
import { checksum } from './codec.js';
import type { IpmiRequest } from './command.js';

export const BMC_SLAVE_ADDR = 0x20;
/** Remote console software ID used as requester address on LAN. */
export const REMOTE_SWID = 0x81;

export interface MessageHeader {
  rsAddr: number;
  rqAddr: number;
  rqSeq: number;
  lun: number;
}

export function encodeRequestMessage(h: MessageHeader, netFn: number, cmd: number, data: Uint8Array): Buffer {
  const out = Buffer.alloc(7 + data.length);
  out[0] = h.rsAddr;
  out[1] = ((netFn & 0x3f) << 2) | (h.lun & 3);
  out[2] = checksum(out, 0, 2);
  out[3] = h.rqAddr;
  out[4] = ((h.rqSeq & 0x3f) << 2) | 0; // rqLUN 0
  out[5] = cmd;
  out.set(data, 6);
  out[out.length - 1] = checksum(out, 3, out.length - 1);
  return out;
}

/** A request from the remote console (81h) to the BMC (20h): every unbridged message on LAN, in or outside a session. */
export function encodeBmcRequest(req: IpmiRequest, rqSeq: number): Buffer {
  return encodeRequestMessage({ rsAddr: BMC_SLAVE_ADDR, rqAddr: REMOTE_SWID, rqSeq, lun: req.lun ?? 0 }, req.netFn, req.cmd, req.data);
}

export interface ResponseMessage {
  rqAddr: number;
  netFn: number;
  rqLun: number;
  rsAddr: number;
  rqSeq: number;
  rsLun: number;
  cmd: number;
  cc: number;
  data: Buffer;
}

/**
 * Parse a response message; throws DecodeError on short input or bad checksums (unless
 * `checksums` is false: -W nochecksumcheck, for BMCs that send wrong ones).
 */
export function decodeResponseMessage(buf: Uint8Array, checksums = true): ResponseMessage {
  if (buf.length < 8) throw new DecodeError(`IPMI response message too short (${buf.length} bytes)`);
  if (checksums && checksum(buf, 0, 2) !== buf[2]) throw new DecodeError('IPMI response header checksum mismatch', 2);
  if (checksums && checksum(buf, 3, buf.length - 1) !== buf[buf.length - 1]) {
    throw new DecodeError('IPMI response data checksum mismatch', buf.length - 1);
  }
  return {
    rqAddr: buf[0]!,
    netFn: buf[1]! >> 2,
    rqLun: buf[1]! & 3,
    rsAddr: buf[3]!,
    rqSeq: buf[4]! >> 2,
    rsLun: buf[4]! & 3,
    cmd: buf[5]!,
    cc: buf[6]!,
    data: Buffer.from(buf.subarray(7, buf.length - 1)),
  };
}
