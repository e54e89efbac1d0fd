/**
 * Multi-record payloads (Platform Management FRU Information Storage Definition v1.0
 * §18): power supply, DC output, DC load, management access, compatibility and OEM
 * records. Pure; a record too short for its type is reported, never read past.
 */
import { MANAGEMENT_ACCESS_TYPES } from '../spec/fru.js';

/** §18.1 Table 18-1 (24 bytes). */
export interface PowerSupplyRecord {
  kind: 'powerSupply';
  /** Overall capacity in watts (bits 11:0). */
  capacity: number;
  /** Peak VA (FFFFh: not specified). */
  peakVa: number;
  inrushCurrent: number;
  inrushIntervalMs: number;
  /** Input voltage ranges in 10 mV. */
  lowInput1: number;
  highInput1: number;
  lowInput2: number;
  highInput2: number;
  lowFrequency: number;
  highFrequency: number;
  dropoutToleranceMs: number;
  predictiveFail: boolean;
  powerFactorCorrection: boolean;
  autoswitch: boolean;
  hotSwap: boolean;
  /** Flags bit 4: tachometer pulses per rotation / predictive fail polarity. */
  tachPulses: boolean;
  /** Peak wattage bits 11:0 and hold-up time bits 15:12 (seconds). */
  peakCapacity: number;
  peakHoldUpSeconds: number;
  /** Byte 20: voltage 1 (bits 7:4), voltage 2 (bits 3:0). */
  combinedVoltage1: number;
  combinedVoltage2: number;
  combinedCapacity: number;
  /** Predictive fail tachometer lower threshold (RPS). */
  rpsThreshold: number;
}

/** §18.2 Table 18-2 (13 bytes). Voltages in 10 mV (signed), currents in mA. */
export interface DcOutputRecord {
  kind: 'dcOutput';
  outputNumber: number;
  standby: boolean;
  nominalVoltage: number;
  maxNegativeDeviation: number;
  maxPositiveDeviation: number;
  rippleNoiseMv: number;
  minCurrent: number;
  maxCurrent: number;
}

/** §18.3 Table 18-4 (13 bytes). */
export interface DcLoadRecord {
  kind: 'dcLoad';
  outputNumber: number;
  nominalVoltage: number;
  minVoltage: number;
  maxVoltage: number;
  rippleNoiseMv: number;
  minCurrent: number;
  maxCurrent: number;
}

/** §18.4 Table 18-5. */
export interface ManagementAccessRecord {
  kind: 'managementAccess';
  subType: number;
  subTypeName: string | undefined;
  /** Latin-1 text (the System Unique ID, sub-type 07h, as hex). */
  value: string;
}

/** §18.5 / §18.6 Tables 18-7 and 18-8. */
export interface CompatibilityRecord {
  kind: 'compatibility';
  extended: boolean;
  manufacturerId: number;
  entityId: number;
  compatibilityBase: number;
  codeStart: number;
  codeRangeMask: Buffer;
}

/** §18.7: manufacturer ID (3 bytes, LS byte first) and OEM data. */
export interface OemRecord {
  kind: 'oem';
  manufacturerId: number;
  data: Buffer;
}

export type MultiRecordData = PowerSupplyRecord | DcOutputRecord | DcLoadRecord | ManagementAccessRecord | CompatibilityRecord | OemRecord;

const u16 = (b: Buffer, o: number): number => b.readUInt16LE(o);
const s16 = (b: Buffer, o: number): number => b.readInt16LE(o);
const u24 = (b: Buffer, o: number): number => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);

const MIN_LENGTH: Readonly<Record<number, number>> = { 0x00: 24, 0x01: 13, 0x02: 13, 0x03: 1, 0x04: 7, 0x05: 7 };

/**
 * The record's payload decoded, undefined for types without a decoder (ASF, extended
 * DC, reserved), or a sentence saying why it could not be decoded.
 */
export function decodeMultiRecord(type: number, d: Buffer): MultiRecordData | string | undefined {
  const min = type >= 0xc0 ? 3 : MIN_LENGTH[type];
  if (min === undefined) return undefined;
  if (d.length < min) return `the record is ${d.length} bytes, shorter than the ${min} its type needs`;
  switch (type) {
    case 0x00: {
      const flags = d[17]!;
      const peak = u16(d, 18);
      return {
        kind: 'powerSupply',
        capacity: u16(d, 0) & 0x0fff,
        peakVa: u16(d, 2),
        inrushCurrent: d[4]!,
        inrushIntervalMs: d[5]!,
        lowInput1: u16(d, 6),
        highInput1: u16(d, 8),
        lowInput2: u16(d, 10),
        highInput2: u16(d, 12),
        lowFrequency: d[14]!,
        highFrequency: d[15]!,
        dropoutToleranceMs: d[16]!,
        predictiveFail: (flags & 0x01) !== 0,
        powerFactorCorrection: (flags & 0x02) !== 0,
        autoswitch: (flags & 0x04) !== 0,
        hotSwap: (flags & 0x08) !== 0,
        tachPulses: (flags & 0x10) !== 0,
        peakCapacity: peak & 0x0fff,
        peakHoldUpSeconds: peak >> 12,
        combinedVoltage1: d[20]! >> 4,
        combinedVoltage2: d[20]! & 0x0f,
        combinedCapacity: u16(d, 21),
        rpsThreshold: d[23]!,
      };
    }
    case 0x01:
      return {
        kind: 'dcOutput',
        outputNumber: d[0]! & 0x0f,
        standby: (d[0]! & 0x80) !== 0,
        nominalVoltage: s16(d, 1),
        maxNegativeDeviation: s16(d, 3),
        maxPositiveDeviation: s16(d, 5),
        rippleNoiseMv: u16(d, 7),
        minCurrent: u16(d, 9),
        maxCurrent: u16(d, 11),
      };
    case 0x02:
      return {
        kind: 'dcLoad',
        outputNumber: d[0]! & 0x0f,
        nominalVoltage: s16(d, 1),
        minVoltage: s16(d, 3),
        maxVoltage: s16(d, 5),
        rippleNoiseMv: u16(d, 7),
        minCurrent: u16(d, 9),
        maxCurrent: u16(d, 11),
      };
    case 0x03: {
      const sub = d[0]!;
      const body = d.subarray(1);
      return {
        kind: 'managementAccess',
        subType: sub,
        subTypeName: MANAGEMENT_ACCESS_TYPES[sub],
        value: sub === 0x07 ? body.toString('hex') : body.toString('latin1'),
      };
    }
    case 0x04:
    case 0x05:
      return {
        kind: 'compatibility',
        extended: type === 0x05,
        manufacturerId: u24(d, 0),
        entityId: d[3]!,
        compatibilityBase: d[4]!,
        codeStart: d[5]! & 0x7f,
        codeRangeMask: Buffer.from(d.subarray(6)),
      };
    default:
      return { kind: 'oem', manufacturerId: u24(d, 0), data: Buffer.from(d.subarray(3)) };
  }
}
