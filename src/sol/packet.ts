/**
 * SOL payload packets (payload type 1). IPMI v2.0 §15.9: Table 15-2 (remote
 * console to BMC) and Table 15-3 (BMC to remote console). Four header bytes,
 * then the character data. Sequence numbers are 4 bits; 0 means "no data in
 * this packet" (an ACK-only packet) in the sequence field and "nothing
 * acknowledged" in the ACK/NACK field.
 */
import { DecodeError } from '../errors.js';

/** What the console sends (Table 15-2). */
export interface ConsolePacket {
  /** 1-15, or 0 for an ACK-only packet. */
  seq: number;
  /** Sequence number of the BMC packet acknowledged, 0 = none. */
  ackSeq: number;
  /** Characters accepted from that packet. */
  accepted: number;
  /** Byte 4 bit 6: NACK (the console cannot take more characters now). */
  nack?: boolean;
  /** Bit 5: assert Ring Indicator / Wake on Ring. */
  ringWor?: boolean;
  /** Bit 4: generate a serial break. */
  generateBreak?: boolean;
  /** Bit 3: CTS pause (deassert CTS to the baseboard). */
  deassertCts?: boolean;
  /** Bit 2: drop DCD/DSR. */
  deassertDcdDsr?: boolean;
  /** Bit 1: flush the BMC's inbound (to the serial port) buffer. */
  flushInbound?: boolean;
  /** Bit 0: flush the BMC's outbound (from the serial port) buffer. */
  flushOutbound?: boolean;
  data: Uint8Array;
}

/** What the BMC sends (Table 15-3). */
export interface BmcPacket {
  seq: number;
  ackSeq: number;
  accepted: number;
  /** Byte 4 bit 6: the acknowledged packet was NACKed (the BMC cannot take more now). */
  nack: boolean;
  /** Bit 5: character transfer unavailable (the serial port is not ready). */
  transferUnavailable: boolean;
  /** Bit 4: SOL is being deactivated (for example another session took the payload). */
  deactivating: boolean;
  /** Bit 3: characters from the serial port were lost (transmit overrun). */
  overrun: boolean;
  /** Bit 2: a break was detected on the serial port. */
  breakDetected: boolean;
  data: Buffer;
}

export const SOL_HEADER_LENGTH = 4;
/** The accepted character count is one byte: no packet carries more than 255 characters. */
export const SOL_MAX_CHARACTERS = 255;

export function encodeConsolePacket(p: ConsolePacket): Buffer {
  if (p.data.length > SOL_MAX_CHARACTERS) throw new RangeError(`SOL packet with ${p.data.length} characters (at most ${SOL_MAX_CHARACTERS})`);
  const status =
    (p.nack ? 0x40 : 0) |
    (p.ringWor ? 0x20 : 0) |
    (p.generateBreak ? 0x10 : 0) |
    (p.deassertCts ? 0x08 : 0) |
    (p.deassertDcdDsr ? 0x04 : 0) |
    (p.flushInbound ? 0x02 : 0) |
    (p.flushOutbound ? 0x01 : 0);
  const out = Buffer.alloc(SOL_HEADER_LENGTH + p.data.length);
  out[0] = p.seq & 0x0f;
  out[1] = p.ackSeq & 0x0f;
  out[2] = p.accepted & 0xff;
  out[3] = status;
  out.set(p.data, SOL_HEADER_LENGTH);
  return out;
}

/** The three header bytes both directions share, and the status/operation byte. */
function header(b: Uint8Array): { seq: number; ackSeq: number; accepted: number; bits: number; data: Buffer } {
  if (b.length < SOL_HEADER_LENGTH) throw new DecodeError(`SOL packet: ${b.length} byte(s), the header alone has 4`, b.length);
  return { seq: b[0]! & 0x0f, ackSeq: b[1]! & 0x0f, accepted: b[2]!, bits: b[3]!, data: Buffer.from(b.subarray(SOL_HEADER_LENGTH)) };
}

export function decodeBmcPacket(b: Uint8Array): BmcPacket {
  const { bits, ...h } = header(b);
  return {
    ...h,
    nack: (bits & 0x40) !== 0,
    transferUnavailable: (bits & 0x20) !== 0,
    deactivating: (bits & 0x10) !== 0,
    overrun: (bits & 0x08) !== 0,
    breakDetected: (bits & 0x04) !== 0,
  };
}

/** The BMC side of the codec, for simulators and tests. */
export function encodeBmcPacket(p: Partial<BmcPacket> & { data?: Uint8Array }): Buffer {
  const data = p.data ?? new Uint8Array(0);
  const out = Buffer.alloc(SOL_HEADER_LENGTH + data.length);
  out[0] = (p.seq ?? 0) & 0x0f;
  out[1] = (p.ackSeq ?? 0) & 0x0f;
  out[2] = (p.accepted ?? 0) & 0xff;
  out[3] = (p.nack ? 0x40 : 0) | (p.transferUnavailable ? 0x20 : 0) | (p.deactivating ? 0x10 : 0) | (p.overrun ? 0x08 : 0) | (p.breakDetected ? 0x04 : 0);
  out.set(data, SOL_HEADER_LENGTH);
  return out;
}

export function decodeConsolePacket(b: Uint8Array): ConsolePacket {
  const { bits, ...h } = header(b);
  return {
    ...h,
    nack: (bits & 0x40) !== 0,
    ringWor: (bits & 0x20) !== 0,
    generateBreak: (bits & 0x10) !== 0,
    deassertCts: (bits & 0x08) !== 0,
    deassertDcdDsr: (bits & 0x04) !== 0,
    flushInbound: (bits & 0x02) !== 0,
    flushOutbound: (bits & 0x01) !== 0,
  };
}
