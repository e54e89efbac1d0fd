/**
 * The --json shape of one SDR record or sensor, shared by `sdr` and `sensor` (docs/json.md):
 * reading as a number or null (never 0 for "no reading"), the unit, the health state as a word
 * and a monitoring code (src/sdr/health.ts), converted thresholds and asserted discrete states.
 */
import type { SdrRow } from '../commands/sdr/data.js';
import { health } from '../sdr/health.js';
import { convertReading, thresholdState, type SensorData } from '../sdr/index.js';
import { isThresholdSensor, unitsAreDiscrete, type FullSensorRecord, type SdrRecord } from '../sdr/records.js';
import { entityName } from '../spec/entity-ids.js';
import { assertedStates, sensorTypeName } from '../spec/sensor-events.js';
import { THRESHOLD_ORDER, type ThresholdName } from '../ipmi/cmds/sensor/thresholds.js';
import type { TableSpec } from './types.js';

export type ThresholdValues = Record<ThresholdName, number | null>;

const KIND: Readonly<Record<SdrRecord['kind'], string>> = {
  full: 'full',
  compact: 'compact',
  eventonly: 'event-only',
  generic: 'generic-locator',
  fru: 'fru-locator',
  mc: 'mc-locator',
  entity: 'entity-association',
  oem: 'oem',
  unknown: 'unknown',
};

/** Readings and thresholds to 6 decimals: 12.12, not the binary 12.120000000000001. */
export const tidy = (v: number): number => (Number.isFinite(v) ? Number(v.toFixed(6)) : v);

const entityJson = (e: { id: number; instance: number }) => ({ id: e.id, instance: e.instance, name: entityName(e.id) });

/** A threshold value the way ipmitool converts it: numeric units through the factors in effect, discrete units raw. */
function convert(r: FullSensorRecord, d: SensorData, raw: number): number {
  return unitsAreDiscrete(r) ? raw : tidy(convertReading(d.reading.factors ?? r.factors, raw));
}

/**
 * Thresholds of a threshold sensor: from Get Sensor Thresholds when it was asked (`sensor`),
 * otherwise from the full record's readable thresholds (`sdr`); null when none are known.
 */
export function thresholdValues(d: SensorData): ThresholdValues | null {
  const r = d.record;
  if (!isThresholdSensor(r)) return null;
  if (d.thresholds === null || r.kind !== 'full') return null;
  const out: ThresholdValues = { lnr: null, lcr: null, lnc: null, unc: null, ucr: null, unr: null };
  const t = d.thresholds;
  if (t) {
    THRESHOLD_ORDER.forEach((name, i) => {
      if (t.mask & (1 << i)) out[name] = convert(r, d, t.values[i]!);
    });
    return out;
  }
  if (!(r.init & 0x10)) return out;
  const readable = r.readingMask & 0xff;
  THRESHOLD_ORDER.forEach((name, i) => {
    if (readable & (1 << i)) out[name] = convert(r, d, r.thresholds[name]);
  });
  return out;
}

/** One sensor (full or compact record with its reading). */
export function sensorJson(d: SensorData) {
  const r = d.record;
  const sr = d.reading;
  const h = health(r, sr);
  const threshold = isThresholdSensor(r);
  return {
    recordId: r.recordId,
    recordType: KIND[r.kind],
    name: r.name,
    sensorNumber: r.sensorNumber,
    ownerId: r.ownerId,
    sensorType: { code: r.sensorType, name: sensorTypeName(r.sensorType) },
    eventType: r.eventType,
    class: threshold ? 'threshold' : 'discrete',
    entity: entityJson(r.entity),
    reading: sr.valid && sr.value !== undefined ? tidy(sr.value) : null,
    rawReading: sr.valid ? sr.raw : null,
    unit: sr.analog && sr.units ? sr.units : null,
    scanning: !sr.scanningDisabled,
    state: h.state,
    stateCode: h.code,
    thresholdStatus: threshold ? (thresholdState(sr) ?? null) : null,
    thresholds: thresholdValues(d),
    states: !threshold && sr.valid ? assertedStates(r.sensorType, r.eventType, sr.state1, sr.state2) : [],
    stateBits: !threshold && sr.valid ? sr.state1 | ((sr.state2 & 0x7f) << 8) : null,
  };
}

/** One row of an sdr listing: a sensor, or an event-only / locator record (no reading). */
export function sdrRowJson(row: SdrRow) {
  const r = row.record;
  if (row.sensor) return sensorJson(row.sensor);
  const base = { recordId: r.recordId, recordType: KIND[r.kind] };
  switch (r.kind) {
    case 'eventonly':
      return {
        ...base,
        name: r.name,
        sensorNumber: r.sensorNumber,
        ownerId: r.ownerId,
        sensorType: { code: r.sensorType, name: sensorTypeName(r.sensorType) },
        eventType: r.eventType,
        entity: entityJson(r.entity),
      };
    case 'mc':
      return { ...base, name: r.name, entity: entityJson(r.entity), slaveAddress: r.slaveAddress, channel: r.channel };
    case 'fru':
      return { ...base, name: r.name, entity: entityJson(r.entity), fruDeviceId: r.fruDeviceId, logical: r.logical, accessAddress: r.accessAddress };
    case 'generic':
      return { ...base, name: r.name, entity: entityJson(r.entity), accessAddress: r.accessAddress, slaveAddress: r.slaveAddress };
    default:
      return base;
  }
}

type SensorJson = ReturnType<typeof sensorJson>;

const T_NAMES = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'] as const;

/** --table of sensors: one row each; the threshold columns when `thresholds`. */
export function sensorTable(rows: readonly ReturnType<typeof sdrRowJson>[], thresholds: boolean): TableSpec[] {
  const head = ['Name', 'ID', 'Number', 'Type', 'Entity', 'Reading', 'Unit', 'State', 'Status', ...(thresholds ? T_NAMES.map((t) => t.toUpperCase()) : [])];
  const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
  return [
    {
      head,
      rows: rows.map((x) => {
        const s = x as Partial<SensorJson> & { recordId: number; recordType: string; name?: string; sensorNumber?: number };
        const status = s.thresholdStatus ?? (s.states ? s.states.join(', ') : s.recordType);
        const t = s.thresholds ?? null;
        return [
          s.name ?? '',
          String(s.recordId),
          s.sensorNumber === undefined ? '' : `0x${s.sensorNumber.toString(16).padStart(2, '0')}`,
          s.sensorType?.name ?? s.recordType,
          s.entity ? `${s.entity.id}.${s.entity.instance}` : '',
          cell(s.reading),
          s.unit ?? '',
          s.state ?? '',
          status,
          ...(thresholds ? T_NAMES.map((n) => cell(t ? t[n] : null)) : []),
        ];
      }),
    },
  ];
}
