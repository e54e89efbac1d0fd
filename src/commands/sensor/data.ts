/** What the sensor verbs hand to src/output/sensor.ts. */
import type { ThresholdName } from '../../ipmi/cmds/sensor/thresholds.js';
import type { SensorData } from '../../sdr/index.js';
import type { SdrRow } from '../sdr/data.js';

/** `sensor list`: every full and compact sensor with its reading and thresholds (also `--format prometheus`). */
export interface SensorListData {
  verbose: boolean;
  sensors: SensorData[];
}

/** `sensor get`: sensors (with reading, thresholds, event state) and other records found by name. */
export interface SensorGetData {
  rows: SdrRow[];
}

/** `sensor reading`: the analog sensors asked for, by the name given. */
export interface SensorReadingData {
  readings: { name: string; text: string; sensor: SensorData }[];
}

/** `sensor thresh`: the thresholds set, in the order sent. */
export interface SensorThreshData {
  /** The name as typed. */
  id: string;
  /** The record's ID string. */
  idString: string;
  sensorNumber: number;
  settings: { threshold: ThresholdName; value: number; raw: number; ok: boolean }[];
}
