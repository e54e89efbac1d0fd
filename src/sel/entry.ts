/**
 * What ipmitool shows for a SEL record: the sensor type name, the event text, the sensor's
 * SDR name (`elist`, `sel get`), the trigger reading and threshold of threshold events
 * (event data 2 and 3, IPMI v2.0 §29.7 Table 29-6) and the memory ECC breakdown. Pure: the
 * SDR lookup and the OEM facts are handed in.
 */
import { eventDescription, sensorTypeName, type OemContext } from '../spec/sensor-events.js';
import type { EventOnlyRecord, SensorRecord } from '../sdr/records.js';
import type { SelRecord, SystemEventRecord } from './record.js';

/** The SDR record a SEL event names, reduced to what SEL output uses. */
export interface SelSensor {
  /** The SDR ID string. */
  name: string;
  /** SDR record type: 01h full, 02h compact, 03h event-only, 10h-12h locators. */
  recordType: number;
  /** Full sensor records: a raw reading or threshold byte as a value (§36.3). */
  convert?(raw: number): number;
  /** ipmitool's unit string ("degrees C", "Volts"), '' when none. */
  units: string;
  /** The record itself (`sel get` prints the sensor after the event). */
  record?: SensorRecord | EventOnlyRecord;
}

/** The SDR of the sensor behind an event: the first record with that owner, number and type. */
export interface SensorLookup {
  find(generatorId: number, sensorNumber: number, sensorType: number): Promise<SelSensor | undefined>;
}

export const FULL_SENSOR_RECORD = 0x01;

export interface ThresholdValues {
  /** Event data 2 holds the trigger reading (data 1 [7:6] = 01b). */
  triggerGiven: boolean;
  /** Converted trigger reading; 0 when not given (ipmitool prints "Reading 0"). */
  trigger: number;
  /** Converted threshold from event data 3 (data 1 [5:4] = 01b). */
  threshold?: number;
  units: string;
}

export interface SelEntry {
  record: SelRecord;
  /** System events: ipmitool's name of the sensor type. */
  sensorTypeName?: string;
  /** ipmitool's event text; undefined when it has none (printed empty). */
  description?: string;
  /** The sensor's SDR, when it was looked up and found. */
  sensor?: SelSensor;
  /** Threshold events whose sensor has a full SDR record. */
  threshold?: ThresholdValues;
  /** Memory (0Ch) events of sensor 0 with event data 3 given: ipmitool's "CPU n DIMM m". */
  memory?: { cpu: number; dimm: number };
}

/** Event data 1 [7:6] and [5:4] codes (§29.7 Table 29-6): 01b = trigger reading / threshold. */
const byte2 = (d1: number): number => (d1 >> 6) & 3;
const byte3 = (d1: number): number => (d1 >> 4) & 3;

function thresholdValues(r: SystemEventRecord, s: SelSensor): ThresholdValues | undefined {
  if (r.eventType !== 0x01 || s.recordType !== FULL_SENSOR_RECORD || !s.convert) return undefined;
  const [d1, d2, d3] = r.eventData;
  const v: ThresholdValues = { triggerGiven: byte2(d1) === 1, trigger: byte2(d1) === 1 ? s.convert(d2) : 0, units: s.units };
  if (byte3(d1) === 1) v.threshold = s.convert(d3);
  return v;
}

/** One entry; `sensor` is the looked-up SDR (elist, `sel get`). */
export function selEntry(record: SelRecord, oem: OemContext, sensor?: SelSensor): SelEntry {
  if (record.kind !== 'system') return { record };
  const [d1, d2, d3] = record.eventData;
  const e: SelEntry = { record, sensorTypeName: sensorTypeName(record.sensorType, oem) };
  const description = eventDescription(record.sensorType, record.eventType, d1, d2, oem);
  if (description !== undefined) e.description = description;
  if (sensor) {
    e.sensor = sensor;
    const t = thresholdValues(record, sensor);
    if (t) e.threshold = t;
  }
  if (record.eventType === 0x6f && record.sensorType === 0x0c && record.sensorNumber === 0 && (d1 & 0x30) === 0x20) {
    e.memory = { cpu: d3 & 0x0f, dimm: (d3 & 0xf0) >> 4 };
  }
  return e;
}

/** True when a record names an OEM sensor type, whose name depends on the BMC's manufacturer. */
export const needsOemContext = (r: SelRecord): boolean => r.kind === 'system' && r.sensorType >= 0xc0;
