/**
 * GUID decoding as ipmitool 1.8.19 does it (`mc guid`). IPMI v2.0 §20.8 sends the
 * fields least significant byte first; many BMCs send RFC 4122 (network order) or
 * SMBIOS (time fields little-endian, the rest network order) layouts instead, so
 * `auto` tries each and keeps the one whose version nibble makes sense.
 */

export type GuidEncoding = 'rfc4122' | 'ipmi' | 'smbios';
export type GuidMode = GuidEncoding | 'auto' | 'dump';

/** Probe order of `auto`: a later valid encoding overrides an earlier one (SMBIOS last, as ipmitool). */
export const ENCODINGS: readonly GuidEncoding[] = ['rfc4122', 'ipmi', 'smbios'];

export interface GuidFields {
  timeLow: number;
  timeMid: number;
  timeHiAndVersion: number;
  clockSeqAndReserved: number;
  /** Most significant byte first. */
  node: Buffer;
}

export interface ParsedGuid {
  /** The 16 bytes as received. */
  raw: Buffer;
  /** Requested mode. */
  mode: GuidMode;
  /** Layout used; 'dump' when nothing fits (or dump was asked for). */
  encoding: GuidEncoding | 'dump';
  fields?: GuidFields;
  /** Version nibble as sent (0-15). */
  versionNibble?: number;
  /** 1-5, or 0 for an unknown version. */
  version?: number;
  /** Version 1: seconds since 1970 (may be negative), from the 60-bit count of 100 ns since 1582-10-15. */
  time?: number;
}

const u16le = (b: Buffer, o: number): number => b.readUInt16LE(o);
const u16be = (b: Buffer, o: number): number => b.readUInt16BE(o);

export function guidFields(raw: Buffer, enc: GuidEncoding): GuidFields {
  switch (enc) {
    case 'ipmi':
      // IPMI v2.0 §20.8: node (LS byte first), clock seq, time high, time mid, time low.
      return {
        node: Buffer.from(raw.subarray(0, 6)).reverse(),
        clockSeqAndReserved: u16le(raw, 6),
        timeHiAndVersion: u16le(raw, 8),
        timeMid: u16le(raw, 10),
        timeLow: raw.readUInt32LE(12),
      };
    case 'rfc4122':
      return {
        timeLow: raw.readUInt32BE(0),
        timeMid: u16be(raw, 4),
        timeHiAndVersion: u16be(raw, 6),
        clockSeqAndReserved: u16be(raw, 8),
        node: Buffer.from(raw.subarray(10, 16)),
      };
    case 'smbios':
      // SMBIOS 3.0 §7.2.1: time fields little-endian, clock sequence and node in network order.
      return {
        timeLow: raw.readUInt32LE(0),
        timeMid: u16le(raw, 4),
        timeHiAndVersion: u16le(raw, 6),
        clockSeqAndReserved: u16be(raw, 8),
        node: Buffer.from(raw.subarray(10, 16)),
      };
  }
}

const GREGORIAN_TO_UNIX = 12219292800n;

/** Seconds since 1970 of a version-1 timestamp (whole seconds, as ipmitool). */
export function guidTime(f: GuidFields): number {
  const t = (BigInt(f.timeHiAndVersion & 0x0fff) << 48n) | (BigInt(f.timeMid) << 32n) | BigInt(f.timeLow);
  return Number(t / 10_000_000n - GREGORIAN_TO_UNIX);
}

const versionOf = (f: GuidFields): number => (f.timeHiAndVersion >> 12) & 0x0f;
const validVersion = (v: number): boolean => v >= 1 && v <= 5;

/** A plausible version-1 time: from 1970 up to the end of the current year (UTC). */
function plausibleTime(seconds: number, nowMs: number): boolean {
  if (seconds < 0) return false;
  return new Date(seconds * 1000).getUTCFullYear() <= new Date(nowMs).getUTCFullYear();
}

export function parseGuid(raw: Buffer, mode: GuidMode, nowMs: number): ParsedGuid {
  let encoding: GuidEncoding | 'dump' = mode === 'auto' ? 'dump' : mode;
  if (mode === 'auto') {
    for (const enc of ENCODINGS) {
      const f = guidFields(raw, enc);
      const v = versionOf(f);
      if (!validVersion(v)) continue;
      encoding = enc;
      if (v === 1 && plausibleTime(guidTime(f), nowMs)) break;
    }
  }
  if (encoding === 'dump') return { raw, mode, encoding };
  const fields = guidFields(raw, encoding);
  const versionNibble = versionOf(fields);
  const version = validVersion(versionNibble) ? versionNibble : 0;
  const g: ParsedGuid = { raw, mode, encoding, fields, versionNibble, version };
  if (version === 1) g.time = guidTime(fields);
  return g;
}

const h = (n: number, w: number): string => n.toString(16).padStart(w, '0');

/** 8-4-4-4-12 lower-case hex. */
export function guidString(f: GuidFields): string {
  return `${h(f.timeLow, 8)}-${h(f.timeMid, 4)}-${h(f.timeHiAndVersion, 4)}-${h(f.clockSeqAndReserved, 4)}-${f.node.toString('hex')}`;
}
