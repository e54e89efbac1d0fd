/**
 * SDR records (IPMI v2.0 §43) decoded: the 5-byte header (§43, Table 43-1 bytes 1-5) and the record
 * types ipmitool prints (their shapes: record-types.ts, re-exported here). A record keeps its bytes as read (header + body, the `sdr dump` and
 * cache format) and the decoded fields. Bytes a short record lacks read as 0, the way ipmitool
 * reads its zero-filled copy; unknown types decode to `kind: 'unknown'`, never an error.
 */
import { DecodeError } from '../errors.js';
import type { EntityRef, Factors, LocatorBase, SdrHeader, SdrRecord, SensorKeys, SensorRecord, SensorRecordBase } from './record-types.js';
export type {
  SdrHeader,
  EntityRef,
  SensorKeys,
  Factors,
  SensorRecordBase,
  FullSensorRecord,
  SensorRecord,
  EventOnlyRecord,
  GenericLocatorRecord,
  FruLocatorRecord,
  McLocatorRecord,
  SdrRecord,
} from './record-types.js';

/** Record type codes (§43, Table 43-1 byte 4 and the per-type tables). */
export const SdrType = {
  Full: 0x01,
  Compact: 0x02,
  EventOnly: 0x03,
  EntityAssociation: 0x08,
  DeviceEntityAssociation: 0x09,
  GenericLocator: 0x10,
  FruLocator: 0x11,
  McLocator: 0x12,
  McConfirmation: 0x13,
  BmcMessageChannel: 0x14,
  Oem: 0xc0,
} as const;

export const SDR_HEADER_LENGTH = 5;

const signed = (v: number, bits: number): number => (v & (1 << (bits - 1)) ? v - (1 << bits) : v);

/** Body bytes with zero fill past the end (ipmitool reads a zero-filled copy of the record). */
class Body {
  constructor(readonly b: Buffer) {}
  u8(i: number): number {
    return this.b[i] ?? 0;
  }
  u16(i: number): number {
    return this.u8(i) | (this.u8(i + 1) << 8);
  }
  /** The ID string field: at most 16 bytes from `at`, zero padded to 16. */
  idField(at: number): Buffer {
    // From the shared pool (a 16-byte Buffer.alloc gets an ArrayBuffer of its own, which costs the GC).
    const out = Buffer.allocUnsafe(16).fill(0);
    if (at < this.b.length) this.b.copy(out, 0, at, Math.min(this.b.length, at + 16));
    return out;
  }
  entity(at: number): EntityRef {
    const inst = this.u8(at + 1);
    return { id: this.u8(at), instance: inst & 0x7f, logical: (inst & 0x80) !== 0 };
  }
}

const cstr = (b: Buffer, n: number): string => {
  const s = b.subarray(0, Math.min(n, 16));
  const z = s.indexOf(0);
  return (z < 0 ? s : s.subarray(0, z)).toString('latin1');
};

/** ipmitool's s_id for full/compact records. */
export const sensorName = (idCode: number, idField: Buffer): string => cstr(idField, idCode & 0x1f);

/** ipmitool's desc for event-only and locator records: one byte more than the length code says. */
export const locatorName = (idCode: number, idField: Buffer): string => (idCode ? cstr(idField, (idCode & 0x1f) + 1) : '');

export function parseHeader(b: Uint8Array, at = 0): SdrHeader {
  if (b.length - at < SDR_HEADER_LENGTH) throw new DecodeError(`SDR header: need 5 bytes at offset ${at}, have ${b.length - at}`, at);
  return { recordId: b[at]! | (b[at + 1]! << 8), version: b[at + 2]!, type: b[at + 3]!, length: b[at + 4]! };
}

function sensorKeys(d: Body, typeAt: number, idAt: number, oemAt: number, name: (c: number, f: Buffer) => string): SensorKeys {
  const lunByte = d.u8(1);
  const idCode = d.u8(idAt);
  const idField = d.idField(idAt + 1);
  return {
    ownerId: d.u8(0),
    ownerLun: lunByte & 0x03,
    channel: lunByte >> 4,
    sensorNumber: d.u8(2),
    entity: d.entity(3),
    sensorType: d.u8(typeAt),
    eventType: d.u8(typeAt + 1),
    idCode,
    idField,
    name: name(idCode, idField),
    oem: d.u8(oemAt),
  };
}

/** Bytes 24-30 of a full record (Table 43-1), or the 6 bytes of Get Sensor Reading Factors (§35.5) with the units byte. */
export function decodeFactors(units1: number, linearization: number, f: ArrayLike<number>): Factors {
  const [mLo = 0, mHi = 0, bLo = 0, bHi = 0, acc = 0, exps = 0] = Array.from(f);
  return {
    analogFormat: units1 >> 6,
    linearization,
    m: signed(mLo | ((mHi & 0xc0) << 2), 10),
    tolerance: mHi & 0x3f,
    b: signed(bLo | ((bHi & 0xc0) << 2), 10),
    accuracy: (bHi & 0x3f) | ((acc & 0xf0) << 2),
    accuracyExp: (acc >> 2) & 0x03,
    rExp: signed(exps >> 4, 4),
    bExp: signed(exps & 0x0f, 4),
  };
}

/**
 * The fields every record starts with: its kind, the header and its bytes. Records are built by
 * Object.assign onto this, not by object spread: V8 copies a spread that is not a literal's first
 * property through its slow runtime path (about 40x slower, decoding one 24-record SDR took 1.5 ms).
 */
function start<K extends SdrRecord['kind']>(kind: K, h: SdrHeader, bytes: Buffer) {
  return { kind, recordId: h.recordId, version: h.version, type: h.type, length: h.length, bytes };
}

/** Full and compact records share their layout up to the hysteresis bytes (Tables 43-1, 43-2). */
function sensorBase(d: Body, idAt: number, oemAt: number, hystAt: number) {
  return Object.assign(sensorKeys(d, 7, idAt, oemAt, sensorName), {
    init: d.u8(5),
    capabilities: d.u8(6),
    assertionMask: d.u16(9),
    deassertionMask: d.u16(11),
    readingMask: d.u16(13),
    units1: d.u8(15),
    baseUnit: d.u8(16),
    modifierUnit: d.u8(17),
    positiveHysteresis: d.u8(hystAt),
    negativeHysteresis: d.u8(hystAt + 1),
  });
}

/** Entity, OEM byte and ID string: bytes 7-11+ of every locator record (Tables 43-6 to 43-8). */
function locatorTail(d: Body): Pick<LocatorBase, 'entity' | 'oem' | 'idCode' | 'idField' | 'name'> {
  const idCode = d.u8(10);
  const idField = d.idField(11);
  return { entity: d.entity(7), oem: d.u8(9), idCode, idField, name: locatorName(idCode, idField) };
}

/** Decode one record from its header and body bytes (`bytes` = header + body). */
export function decodeRecord(bytes: Buffer): SdrRecord {
  const h = parseHeader(bytes);
  const d = new Body(bytes.subarray(SDR_HEADER_LENGTH));
  switch (h.type) {
    case SdrType.Full: {
      const base = sensorBase(d, 42, 41, 37);
      return Object.assign(start('full', h, bytes), base, {
        factors: decodeFactors(base.units1, d.u8(18), [d.u8(19), d.u8(20), d.u8(21), d.u8(22), d.u8(23), d.u8(24)]),
        analogFlags: d.u8(25),
        nominal: d.u8(26),
        normalMax: d.u8(27),
        normalMin: d.u8(28),
        sensorMax: d.u8(29),
        sensorMin: d.u8(30),
        thresholds: { unr: d.u8(31), ucr: d.u8(32), unc: d.u8(33), lnr: d.u8(34), lcr: d.u8(35), lnc: d.u8(36) },
      });
    }
    case SdrType.Compact:
      return Object.assign(start('compact', h, bytes), sensorBase(d, 26, 25, 20), { share: d.u16(18) });
    case SdrType.EventOnly:
      return Object.assign(start('eventonly', h, bytes), sensorKeys(d, 5, 11, 10, locatorName), { share: d.u16(7) });
    case SdrType.GenericLocator: {
      const b2 = d.u8(2);
      return Object.assign(start('generic', h, bytes), locatorTail(d), {
        accessAddress: d.u8(0),
        slaveAddress: d.u8(1),
        bus: b2 & 0x07,
        lun: (b2 >> 3) & 0x03,
        channel: b2 >> 5,
        addressSpan: d.u8(3) >> 5,
        deviceType: d.u8(5),
        deviceTypeModifier: d.u8(6),
      });
    }
    case SdrType.FruLocator: {
      const b2 = d.u8(2);
      return Object.assign(start('fru', h, bytes), locatorTail(d), {
        accessAddress: d.u8(0),
        fruDeviceId: d.u8(1),
        bus: b2 & 0x07,
        lun: (b2 >> 3) & 0x03,
        logical: (b2 & 0x80) !== 0,
        channel: d.u8(3) >> 4,
        deviceType: d.u8(5),
        deviceTypeModifier: d.u8(6),
      });
    }
    case SdrType.McLocator:
      return Object.assign(start('mc', h, bytes), locatorTail(d), {
        slaveAddress: d.u8(0),
        channel: d.u8(1) & 0x0f,
        globalInit: d.u8(2) & 0x0f,
        powerStateNotification: d.u8(2) >> 5,
        capabilities: d.u8(3),
      });
    case SdrType.EntityAssociation: {
      // Table 43-4: container entity, flags, four (entity ID, instance) pairs or two ranges.
      const contained: [number, number][] = [];
      for (let at = 3; at < 11; at += 2) if (d.u8(at) !== 0) contained.push([d.u8(at), d.u8(at + 1)]);
      return Object.assign(start('entity', h, bytes), { entity: d.entity(0), flags: d.u8(2), contained });
    }
    case SdrType.DeviceEntityAssociation: {
      // Table 43-5: container entity, its address and channel, flags, then (address, channel, entity ID, instance) groups.
      const contained: [number, number][] = [];
      for (let at = 5; at + 3 < d.b.length; at += 4) if (d.u8(at + 2) !== 0) contained.push([d.u8(at + 2), d.u8(at + 3)]);
      return Object.assign(start('entity', h, bytes), { entity: d.entity(0), flags: d.u8(4), contained });
    }
    case SdrType.Oem:
      return Object.assign(start('oem', h, bytes), { manufacturerId: d.u8(0) | (d.u8(1) << 8) | (d.u8(2) << 16), data: Buffer.from(d.b.subarray(3)) });
    default:
      return start('unknown', h, bytes);
  }
}

export const isSensorRecord = (r: SdrRecord): r is SensorRecord => r.kind === 'full' || r.kind === 'compact';

/** Event/Reading type 01h: a threshold sensor (§42.1). */
export const isThresholdSensor = (r: SensorKeys): boolean => r.eventType === 0x01;

/** Analog data format 3 (Table 43-1 byte 21 bits 7:6): the sensor has no analog reading. */
export const unitsAreDiscrete = (r: SensorRecordBase): boolean => r.units1 >> 6 === 3;

/**
 * ipmitool's name match (ipmi_sdr_find_sdr_byid): strncmp(idField, name, max(idCode & 1Fh, strlen(name))),
 * so "FAN" does not match "FAN1" but a name longer than the length code is compared in full.
 */
export function nameMatches(r: { idCode: number; idField: Buffer }, name: string): boolean {
  const want = Buffer.from(name, 'latin1');
  const n = Math.max(r.idCode & 0x1f, want.length);
  for (let i = 0; i < n; i++) {
    const a = r.idField[i] ?? 0;
    const c = want[i] ?? 0;
    if (a !== c) return false;
    if (a === 0) return true;
  }
  return true;
}
