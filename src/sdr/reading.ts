/**
 * One sensor's reading interpreted the way ipmitool 1.8.19 does (ipmi_sdr_read_sensor_value):
 * Get Sensor Reading (IPMI v2.0 §35.14) byte 2 says whether scanning is enabled and whether the
 * reading is available; a full record with an analog data format converts the raw byte (§36.3),
 * non-linear sensors first fetch their factors (Get Sensor Reading Factors, §35.5). A reading
 * that is missing, unavailable or not scanned is never a number (`value` stays undefined).
 */
import { ReadingFlag } from '../ipmi/cmds/sensor/get-sensor-reading.js';
import type { ReadingFactors } from '../ipmi/cmds/sensor/get-sensor-reading-factors.js';
import { unitString } from '../spec/units.js';
import { convertReading, isNonLinear } from './convert.js';
import { decodeFactors, isThresholdSensor, unitsAreDiscrete, type Factors, type SensorRecord } from './records.js';

/** IANA of Hewlett-Packard: ipmitool converts analog readings of its non-threshold sensors too. */
export const IANA_HP = 11;

export interface SensorReading {
  /** The BMC answered Get Sensor Reading (any completion code). */
  answered: boolean;
  /** Non-zero completion code, when the BMC refused. */
  cc?: number;
  /** Reading byte present, scanning enabled and "reading unavailable" clear (ipmitool's s_reading_valid). */
  valid: boolean;
  /** Byte 2 bit 5. */
  unavailable: boolean;
  /** Byte 2 bit 6 clear. */
  scanningDisabled: boolean;
  /** Byte 1, the raw reading (0 when not valid). */
  raw: number;
  /** Bytes 3 and 4: threshold comparison status / discrete states 0-7 and 8-14 (0 when absent). */
  state1: number;
  state2: number;
  /** The sensor has an analog (numeric) reading (ipmitool's s_has_analog_value). */
  analog: boolean;
  /** Converted reading; only when analog and valid. */
  value?: number;
  /** Unit text, empty unless analog. */
  units: string;
  /** Conversion factors in effect (a non-linear sensor's come from the BMC), full records only. */
  factors?: Factors;
}

export const NO_READING: SensorReading = Object.freeze({
  answered: false,
  valid: false,
  unavailable: false,
  scanningDisabled: false,
  raw: 0,
  state1: 0,
  state2: 0,
  analog: false,
  units: '',
});

/** What a non-linear sensor's Get Sensor Reading Factors returned: factors, or undefined when refused/unanswered. */
export type FactorsLookup = (record: SensorRecord, raw: number) => Promise<ReadingFactors | undefined>;

/**
 * Interpret a Get Sensor Reading reply. `data` undefined = no answer; `cc` non-zero = refused.
 * `manufacturerId` enables ipmitool's HP rule; `factorsFor` is asked only for non-linear sensors.
 */
export async function interpretReading(
  record: SensorRecord,
  reply: { cc: number; data?: Buffer } | undefined,
  manufacturerId: number,
  factorsFor: FactorsLookup,
): Promise<SensorReading> {
  const sr: SensorReading = { ...NO_READING };
  if (!reply) return sr;
  sr.answered = true;
  if (reply.cc !== 0) {
    sr.cc = reply.cc;
    return sr;
  }
  const d = reply.data ?? Buffer.alloc(0);
  if (d.length < 2) return sr;
  if (d[1]! & ReadingFlag.Unavailable) sr.unavailable = true;
  if (!(d[1]! & ReadingFlag.ScanningEnabled)) {
    sr.scanningDisabled = true;
    return sr;
  }
  if (!sr.unavailable) {
    sr.valid = true;
    sr.raw = d[0]!;
  }
  if (d.length > 2) sr.state1 = d[2]!;
  if (d.length > 3) sr.state2 = d[3]!;
  if (record.kind !== 'full') return sr;
  sr.factors = record.factors;
  if (!(await hasAnalogReading(record, sr, manufacturerId, factorsFor))) return sr;
  sr.analog = true;
  if (sr.valid) sr.value = convertReading(sr.factors, sr.raw);
  sr.units = unitString((record.units1 & 0x01) !== 0, (record.units1 >> 1) & 0x03, record.baseUnit, record.modifierUnit);
  return sr;
}

/** ipmitool's sdr_sensor_has_analog_reading. */
async function hasAnalogReading(
  record: SensorRecord & { kind: 'full' },
  sr: SensorReading,
  manufacturerId: number,
  factorsFor: FactorsLookup,
): Promise<boolean> {
  if (unitsAreDiscrete(record)) return false;
  if (!isThresholdSensor(record)) {
    // Analog units on a non-threshold sensor: only trusted for HP, as ipmitool does.
    const hasUnits = (record.units1 & 0x07) !== 0 || record.baseUnit !== 0 || record.modifierUnit !== 0;
    if (!hasUnits || manufacturerId !== IANA_HP) return false;
  }
  if (isNonLinear(record.factors.linearization)) {
    const f = await factorsFor(record, sr.raw);
    if (!f) {
      sr.valid = false;
      return false;
    }
    sr.factors = decodeFactors(record.units1, record.factors.linearization, f.factors);
  }
  return true;
}

/** Threshold comparison status bits (Get Sensor Reading byte 3, threshold sensors). */
export const ThresholdStatus = { lnc: 0x01, lcr: 0x02, lnr: 0x04, unc: 0x08, ucr: 0x10, unr: 0x20 } as const;
export type ThresholdState = 'ok' | 'lnc' | 'lcr' | 'lnr' | 'unc' | 'ucr' | 'unr';

/** ipmitool's ipmi_sdr_get_thresh_status: the most severe crossed threshold, undefined without a valid reading. */
export function thresholdState(sr: SensorReading): ThresholdState | undefined {
  if (!sr.valid) return undefined;
  const s = sr.state1;
  if (s & ThresholdStatus.lnr) return 'lnr';
  if (s & ThresholdStatus.unr) return 'unr';
  if (s & ThresholdStatus.lcr) return 'lcr';
  if (s & ThresholdStatus.ucr) return 'ucr';
  if (s & ThresholdStatus.lnc) return 'lnc';
  if (s & ThresholdStatus.unc) return 'unc';
  return 'ok';
}
