/**
 * sensor: ipmitool 1.8.19's text (lib/ipmi_sensor.c, Debian 1.8.19-4: the discrete reading
 * column of `sensor list` is the state byte, the -c form keeps the raw byte), its -c form, and
 * the --json documents (docs/json.md). `renderSensorVerbose` is the `sensor get` record, also
 * printed by `sel get`.
 */
import type { SensorGetData, SensorListData, SensorReadingData, SensorThreshData } from '../commands/sensor/data.js';
import { convertReading, convertTolerance, type SensorData } from '../sdr/index.js';
import { unitsAreDiscrete, type FullSensorRecord } from '../sdr/records.js';
import { sensorTypeName } from '../spec/sensor-events.js';
import { fixed, hx, smart } from '../format/c-printf.js';
import { sdrRow } from './sdr.js';
import { sdrRowJson, sensorJson, sensorTable } from './sensor-json.js';
import { entityDot, eventLines, factorsOf, hysteresisLine, isThreshold, statesBlock, statusWord } from './sensor-text.js';
import { defineRenderers } from './types.js';

/** Get Sensor Thresholds columns in ipmitool's order: mask bit, index into the values (lnc, lcr, lnr, unc, ucr, unr), -v label. */
const COLUMNS: readonly (readonly [number, number, string])[] = [
  [0x04, 2, 'Lower Non-Recoverable'],
  [0x02, 1, 'Lower Critical'],
  [0x01, 0, 'Lower Non-Critical'],
  [0x08, 3, 'Upper Non-Critical'],
  [0x10, 4, 'Upper Critical'],
  [0x20, 5, 'Upper Non-Recoverable'],
];

/** print_thresh_setting: one threshold column through the record's own factors, or raw for discrete units. */
function setting(
  full: FullSensorRecord,
  d: SensorData,
  bit: number,
  idx: number,
  analogFmt: (s: string) => string,
  rawFmt: (n: number) => string,
  na: string,
): string {
  const t = d.thresholds!;
  if (!(t.mask & bit)) return na;
  const raw = t.values[idx]!;
  return unitsAreDiscrete(full) ? rawFmt(raw) : analogFmt(fixed(convertReading(full.factors, raw), 3));
}

/** s_a_str with `precision` 3: 0 decimals for integral values. */
const aStr = (d: SensorData): string => smart(d.reading.value ?? 0, 3);

const NA6_TEXT = '| na        '.repeat(6);
const NA6_CSV = ',na'.repeat(6);

/** dump_sensor_fc_thredshold / _csv. */
function thresholdLine(d: SensorData, csv: boolean, verbose: boolean): string {
  const r = d.record;
  const sr = d.reading;
  const status = statusWord(sr, verbose ? 'long' : 'short', 'ns');
  const full = r.kind === 'full' && d.thresholds ? r : undefined;
  if (csv) {
    let s = r.name;
    if (sr.valid) s += sr.analog ? `,${fixed(sr.value ?? 0, 3)},${sr.units},${status}` : `,0x${hx(sr.raw)},${sr.units},${status}`;
    else s += `,na,${sr.units},na`;
    if (full)
      for (const [bit, idx] of COLUMNS)
        s += `,${setting(
          full,
          d,
          bit,
          idx,
          (v) => v,
          (n) => `0x${hx(n)}`,
          'na',
        )}`;
    else s += NA6_CSV;
    return `${s}\n`;
  }
  let s = `${r.name.padEnd(16)} `;
  if (sr.valid) {
    s += sr.analog
      ? `| ${fixed(sr.value ?? 0, 3).padEnd(10)} | ${sr.units.padEnd(10)} | ${status.padEnd(6)}`
      : `| 0x${hx(sr.raw).padEnd(8)} | ${sr.units.padEnd(10)} | ${status.padEnd(6)}`;
  } else s += `| ${'na'.padEnd(10)} | ${sr.units.padEnd(10)} | ${'na'.padEnd(6)}`;
  if (full)
    for (const [bit, idx] of COLUMNS)
      s += `| ${setting(
        full,
        d,
        bit,
        idx,
        (v) => v.padEnd(10),
        (n) => `0x${hx(n).padEnd(8)}`,
        'na'.padEnd(10),
      )}`;
  else s += NA6_TEXT;
  return `${s}\n`;
}

/** ipmi_sensor_print_fc_discrete, list and -c forms. */
function discreteLine(d: SensorData, csv: boolean): string {
  const r = d.record;
  const sr = d.reading;
  const states = `0x${hx(sr.state1, 2)}${hx(sr.state2, 2)}`;
  if (csv) {
    let s = r.name;
    if (sr.valid) s += sr.analog ? `,${aStr(d)},${sr.units},ok` : `,0x${hx(sr.raw)},discrete,${states}`;
    else s += ',na,discrete,na';
    return `${s}${NA6_CSV}\n`;
  }
  let s = `${r.name.padEnd(16)} `;
  if (sr.valid) {
    // Debian's 0105-sensor_reading.patch: the state byte, not the raw reading byte.
    s += sr.analog
      ? `| ${aStr(d).padEnd(10)} | ${sr.units.padEnd(10)} | ${'ok'.padEnd(6)}`
      : `| 0x${hx(sr.state1).padEnd(8)} | ${'discrete'.padEnd(10)} | ${states}`;
  } else s += `| ${'na'.padEnd(10)} | ${'discrete'.padEnd(10)} | ${'na'.padEnd(6)}`;
  return `${s}${NA6_TEXT}\n`;
}

const UNREADABLE = ' Unable to read sensor: Device Not Present\n\n';

/** dump_sensor_fc_thredshold_verbose. */
function thresholdVerbose(d: SensorData): string {
  const r = d.record;
  const sr = d.reading;
  const full = r.kind === 'full' ? r : undefined;
  let s = `Sensor ID              : ${r.name} (0x${hx(r.sensorNumber)})\n`;
  s += ` Entity ID             : ${entityDot(r.entity)}\n`;
  s += ` Sensor Type (Threshold)  : ${sensorTypeName(r.sensorType)}\n`;
  s += ' Sensor Reading        : ';
  if (sr.valid) {
    if (full) {
      const rawTol = full.factors.tolerance;
      if (sr.analog) s += `${aStr(d)} (+/- ${smart(convertTolerance(factorsOf(full, sr), rawTol), 3)}) ${sr.units}\n`;
      else s += `0x${hx(sr.raw)} (+/- 0x${hx(rawTol)}) ${sr.units}\n`;
    } else s += `0x${hx(sr.raw)} ${sr.units}\n`;
    s += ` Status                : ${statusWord(sr, 'long', 'ns')}\n`;
    if (d.thresholds) {
      if (full) {
        for (const [bit, idx, label] of COLUMNS)
          s += ` ${label.padEnd(21)} : ${setting(
            full,
            d,
            bit,
            idx,
            (v) => v,
            (n) => `0x${hx(n)}`,
            'na',
          )}\n`;
      }
      const f = full ? factorsOf(full, sr) : undefined;
      s += hysteresisLine(r, f, r.positiveHysteresis, 'Positive Hysteresis');
      s += hysteresisLine(r, f, r.negativeHysteresis, 'Negative Hysteresis');
    } else s += ' Sensor Threshold Settings not available\n';
  } else s += UNREADABLE;
  s += eventLines(d.eventStatus, r, true, true);
  s += eventLines(d.eventEnable, r, true, false);
  return `${s}\n`;
}

/** ipmi_sensor_print_fc_discrete, verbose form. */
function discreteVerbose(d: SensorData): string {
  const r = d.record;
  const sr = d.reading;
  let s = `Sensor ID              : ${r.name} (0x${hx(r.sensorNumber)})\n`;
  s += ` Entity ID             : ${entityDot(r.entity)}\n`;
  s += ` Sensor Type (Discrete): ${sensorTypeName(r.sensorType)}\n`;
  if (!sr.valid) return s + UNREADABLE;
  if (sr.analog) s += ` Sensor Reading        : ${aStr(d)} ${sr.units}\n`;
  s += statesBlock('States Asserted', r.sensorType, r.eventType, sr.state1, sr.state2);
  return `${s}\n`;
}

/** The `sensor get` record of one sensor (ipmitool's ipmi_sensor_print_fc with verbose set). */
export const renderSensorVerbose = (d: SensorData): string => (isThreshold(d.record) ? thresholdVerbose(d) : discreteVerbose(d));

/** ipmi_sensor_print_fc: one sensor in the mode asked for. */
export function sensorFc(d: SensorData, csv: boolean, verbose: boolean): string {
  if (csv) return isThreshold(d.record) ? thresholdLine(d, true, verbose) : discreteLine(d, true);
  if (verbose) return renderSensorVerbose(d);
  return isThreshold(d.record) ? thresholdLine(d, false, false) : discreteLine(d, false);
}

function getText(d: SensorGetData, csv: boolean): string {
  let s = 'Locating sensor record...\n';
  for (const row of d.rows) s += row.sensor ? sensorFc(row.sensor, csv, true) : sdrRow(row, { csv, verbose: true, extended: false });
  return s;
}

const readingText = (d: SensorReadingData, csv: boolean): string =>
  d.readings.map((x) => (csv ? `${x.name},${x.text}\n` : `${x.name.padEnd(16)} | ${x.text}\n`)).join('');

const THRESHOLD_WORDS: Readonly<Record<string, string>> = {
  unr: 'Upper Non-Recoverable',
  ucr: 'Upper Critical',
  unc: 'Upper Non-Critical',
  lnr: 'Lower Non-Recoverable',
  lcr: 'Lower Critical',
  lnc: 'Lower Non-Critical',
};

function threshText(d: SensorThreshData): string {
  let s = `Locating sensor record '${d.id}'...\n`;
  for (const x of d.settings) s += `Setting sensor "${d.idString}" ${THRESHOLD_WORDS[x.threshold]} threshold to ${fixed(x.value, 3)}\n`;
  return s;
}

export const renderers = defineRenderers({
  'sensor.list': {
    text: (d: SensorListData) => d.sensors.map((s) => sensorFc(s, false, d.verbose)).join(''),
    csv: (d: SensorListData) => d.sensors.map((s) => sensorFc(s, true, d.verbose)).join(''),
    json: (d: SensorListData) => d.sensors.map(sensorJson),
    table: (d: SensorListData) => sensorTable(d.sensors.map(sensorJson), true),
  },
  'sensor.get': {
    text: (d: SensorGetData) => getText(d, false),
    csv: (d: SensorGetData) => getText(d, true),
    json: (d: SensorGetData) => d.rows.map(sdrRowJson),
    table: (d: SensorGetData) => sensorTable(d.rows.map(sdrRowJson), true),
  },
  'sensor.reading': {
    text: (d: SensorReadingData) => readingText(d, false),
    csv: (d: SensorReadingData) => readingText(d, true),
    json: (d: SensorReadingData) => d.readings.map((x) => ({ ...sensorJson(x.sensor), argument: x.name })),
    table: (d: SensorReadingData) =>
      sensorTable(
        d.readings.map((x) => sensorJson(x.sensor)),
        false,
      ),
  },
  'sensor.thresh': {
    text: threshText,
    json: (d: SensorThreshData) => ({
      name: d.idString,
      sensorNumber: d.sensorNumber,
      settings: d.settings.map((x) => ({ threshold: x.threshold, value: x.value, raw: x.raw, ok: x.ok })),
    }),
  },
});
