/**
 * SEL records (IPMI v2.0 §32): 16 bytes, record ID and type first. Types below C0h are system
 * event records (§32.1, Table 32-1; ipmitool decodes every such type as one), C0h-DFh OEM
 * timestamped (§32.2: timestamp, manufacturer ID, 6 OEM bytes), E0h-FFh OEM non-timestamped
 * (§32.3: 13 OEM bytes). Pure.
 */
import { DecodeError } from '../errors.js';
import { ByteReader, ByteWriter } from '../ipmi/codec.js';

export const SEL_RECORD_SIZE = 16;
export const SYSTEM_EVENT_RECORD = 0x02;

interface RecordBase {
  recordId: number;
  recordType: number;
  /** The 16 bytes as the BMC holds them. */
  raw: Buffer;
}

/** The fields of an event message (Platform Event Message, `sel add`, `event`): §29.3 Table 29-5. */
export interface EventMessage {
  /** Generator ID (§32.1, bytes 8-9): [0] 1 = software ID, [7:1] slave address or software ID, [15:12] channel. */
  generatorId: number;
  evmRevision: number;
  sensorType: number;
  sensorNumber: number;
  /** Event/reading type code (byte 13 [6:0]). */
  eventType: number;
  /** Byte 13 [7]. */
  deassertion: boolean;
  eventData: readonly [number, number, number];
}

export interface SystemEventRecord extends RecordBase, EventMessage {
  kind: 'system';
  /** Seconds since 1970 (UTC); below 20000000h seconds since the BMC started (§37.1). */
  timestamp: number;
  eventData: [number, number, number];
}

export interface OemTimestampedRecord extends RecordBase {
  kind: 'oem-timestamped';
  timestamp: number;
  manufacturerId: number;
  oemData: Buffer;
}

export interface OemRecord extends RecordBase {
  kind: 'oem';
  oemData: Buffer;
}

export type SelRecord = SystemEventRecord | OemTimestampedRecord | OemRecord;

/** One record from its 16 bytes. */
export function parseSelRecord(bytes: Uint8Array): SelRecord {
  if (bytes.length < SEL_RECORD_SIZE) {
    throw new DecodeError(`SEL record: ${bytes.length} bytes, a record has ${SEL_RECORD_SIZE}`, bytes.length);
  }
  const raw = Buffer.from(bytes.subarray(0, SEL_RECORD_SIZE));
  const r = new ByteReader(raw, 'SEL record');
  const recordId = r.u16();
  const recordType = r.u8();
  if (recordType >= 0xe0) return { kind: 'oem', recordId, recordType, oemData: Buffer.from(r.rest()), raw };
  const timestamp = r.u32();
  if (recordType >= 0xc0) {
    return { kind: 'oem-timestamped', recordId, recordType, timestamp, manufacturerId: r.u24(), oemData: Buffer.from(r.rest()), raw };
  }
  const generatorId = r.u16();
  const evmRevision = r.u8();
  const sensorType = r.u8();
  const sensorNumber = r.u8();
  const dirType = r.u8();
  const eventData: [number, number, number] = [r.u8(), r.u8(), r.u8()];
  return {
    kind: 'system',
    recordId,
    recordType,
    timestamp,
    generatorId,
    evmRevision,
    sensorType,
    sensorNumber,
    eventType: dirType & 0x7f,
    deassertion: (dirType & 0x80) !== 0,
    eventData,
    raw,
  };
}

/** A system event record (type 02h) for Add SEL Entry; the BMC fills in the ID and timestamp. */
export function encodeSystemEvent(e: EventMessage, recordId = 0, timestamp = 0): Buffer {
  return new ByteWriter()
    .u16(recordId)
    .u8(SYSTEM_EVENT_RECORD)
    .u32(timestamp)
    .u16(e.generatorId)
    .u8(e.evmRevision)
    .u8(e.sensorType)
    .u8(e.sensorNumber)
    .u8((e.deassertion ? 0x80 : 0) | (e.eventType & 0x7f))
    .bytes(e.eventData)
    .done();
}

/**
 * The record an event message would make, as ipmitool shows events it sends (ID and time 0;
 * `event` leaves the record type 0 as well, `sel add` sends type 02h).
 */
export function recordOfEvent(e: EventMessage, recordType = SYSTEM_EVENT_RECORD): SystemEventRecord {
  const b = encodeSystemEvent(e);
  b[2] = recordType;
  return parseSelRecord(b) as SystemEventRecord;
}

/**
 * ipmitool's binary SEL file (`sel writeraw` / `readraw`) holds its in-memory record: the SEL
 * bytes, except that the manufacturer ID of OEM timestamped records is most significant byte
 * first. Converting is its own inverse.
 */
export function swapRawFileLayout(record: Uint8Array): Buffer {
  const b = Buffer.from(record);
  if (b.length >= SEL_RECORD_SIZE && b[2]! >= 0xc0 && b[2]! < 0xe0) {
    const t = b[7]!;
    b[7] = b[9]!;
    b[9] = t;
  }
  return b;
}
