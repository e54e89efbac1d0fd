/**
 * Sensor readings (and thresholds / event state when asked) of many sensors, several requests
 * in flight at once over the SdrSource's pipeline (src/sdr/pipeline.ts).
 */
import type { RawSensorReading } from '../ipmi/cmds/sensor/get-sensor-reading.js';
import { getSensorEventEnable } from '../ipmi/cmds/sensor/get-sensor-event-enable.js';
import { getSensorEventStatus } from '../ipmi/cmds/sensor/get-sensor-event-status.js';
import { getSensorReading } from '../ipmi/cmds/sensor/get-sensor-reading.js';
import { getSensorReadingFactors } from '../ipmi/cmds/sensor/get-sensor-reading-factors.js';
import { getSensorThresholds, type SensorThresholds } from '../ipmi/cmds/sensor/get-sensor-thresholds.js';
import type { Job, Outcome } from './pipeline.js';
import { interpretReading, type SensorReading } from './reading.js';
import type { SensorRecord } from './records.js';
import { tryCmd, type SdrSource } from './source.js';

/** Bridged sensors (owner other than the BMC's 20h) cannot be read without IPMB bridging, which ipmits lacks. */
const BMC_ADDRESS = 0x20;

/** A sensor with everything a listing prints about it. */
export interface SensorData {
  record: SensorRecord;
  reading: SensorReading;
  /** Get Sensor Thresholds: undefined = not asked; null = not available (no answer, refused, empty). */
  thresholds?: SensorThresholds | null;
  /** Get Sensor Event Status / Enable replies as received; null = failed. */
  eventStatus?: Buffer | null;
  eventEnable?: Buffer | null;
}

export interface ReadWhat {
  /** Get Sensor Thresholds for threshold sensors (`sensor list`, `sensor get`). */
  thresholds?: boolean;
  /** Get Sensor Event Status and Enable (verbose output). */
  events?: boolean;
  /** Event status/enable for threshold sensors only (`sensor get` prints them only for those). */
  eventsThresholdOnly?: boolean;
}

const isBridged = (r: SensorRecord): boolean => r.ownerId !== BMC_ADDRESS || r.channel !== 0;

/**
 * The sensors whose Get Sensor Reading got no answer at all (a refusal is an answer: ipmitool's
 * `ns`), as stderr lines: their `ns`/`No Reading` is not the BMC's word, the listing is incomplete.
 */
export function unansweredReadings(data: readonly SensorData[]): string[] {
  return data
    .filter((d) => !d.reading.answered && !isBridged(d.record))
    .map((d) => `Unable to read sensor ${d.record.name} (#${d.record.sensorNumber.toString(16).padStart(2, '0')}): no response to Get Sensor Reading`);
}

type Kind = 'reading' | 'thresholds' | 'status' | 'enable';
type Replies = { reading?: Outcome<RawSensorReading>; thresholds?: Outcome<SensorThresholds>; status?: Outcome<Buffer>; enable?: Outcome<Buffer> };

/** Readings of `records`, in `records` order (ipmitool's ipmi_sdr_read_sensor_value for each). */
export async function readSensors(sdr: SdrSource, records: readonly SensorRecord[], what: ReadWhat = {}): Promise<SensorData[]> {
  const p = await sdr.pipeline();
  const jobs: Job<number, unknown>[] = [];
  const slots: { kind: Kind; index: number }[] = [];
  records.forEach((r, index) => {
    if (isBridged(r)) return;
    const lun = r.ownerLun;
    const add = (kind: Kind, cmd: Job<number, unknown>['cmd']): void => {
      jobs.push({ cmd, req: r.sensorNumber, lun });
      slots.push({ kind, index });
    };
    add('reading', getSensorReading as Job<number, unknown>['cmd']);
    const threshold = r.eventType === 0x01;
    if (what.thresholds && threshold) add('thresholds', getSensorThresholds as Job<number, unknown>['cmd']);
    if (what.events && (threshold || !what.eventsThresholdOnly)) {
      add('status', getSensorEventStatus as Job<number, unknown>['cmd']);
      add('enable', getSensorEventEnable as Job<number, unknown>['cmd']);
    }
  });
  const results = await p.run(jobs);
  const raw: Replies[] = records.map(() => ({}));
  results.forEach((o, i) => {
    const slot = slots[i]!;
    (raw[slot.index] as Record<string, Outcome<unknown>>)[slot.kind] = o;
  });
  const client = await sdr.deps.client();
  const out: SensorData[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const r = raw[i]!;
    const reply =
      r.reading && r.reading.error === undefined ? { cc: r.reading.cc ?? 0, ...(r.reading.value ? { data: r.reading.value.data } : {}) } : undefined;
    const reading = await interpretReading(record, reply, sdr.manufacturerId, async (rec, rawReading) => {
      const f = await tryCmd(client, getSensorReadingFactors, { sensorNumber: rec.sensorNumber, reading: rawReading }, { lun: rec.ownerLun });
      return f && f.cc === 0 ? f.value : undefined;
    });
    const d: SensorData = { record, reading };
    if (what.thresholds && record.eventType === 0x01) {
      const t = r.thresholds;
      d.thresholds = t && t.cc === 0 && t.value && t.value.length > 0 ? t.value : null;
    }
    if (r.status) d.eventStatus = r.status.cc === 0 && r.status.value ? r.status.value : null;
    if (r.enable) d.eventEnable = r.enable.cc === 0 && r.enable.value ? r.enable.value : null;
    if (what.events && isBridged(record)) {
      d.eventStatus = null;
      d.eventEnable = null;
    }
    out.push(d);
  }
  return out;
}
