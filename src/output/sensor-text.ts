/**
 * Pieces of ipmitool 1.8.19's sensor text shared by `sdr` and `sensor` (lib/ipmi_sdr.c):
 * threshold status words, the discrete state lists, event status/enable lines, hysteresis
 * and sensor range lines, and the converted values of a sensor's raw bytes.
 */
import { convertHysteresis, convertReading, thresholdState, type SensorReading, type ThresholdState } from '../sdr/index.js';
import { isThresholdSensor, unitsAreDiscrete, type Factors, type FullSensorRecord, type SensorRecord } from '../sdr/records.js';
import { assertedStates, sensorTypeName, stateTable } from '../spec/sensor-events.js';
import { fixed, HX } from '../format/c-printf.js';

const LONG: Readonly<Record<ThresholdState, string>> = {
  ok: 'ok',
  lnr: 'Lower Non-Recoverable',
  unr: 'Upper Non-Recoverable',
  lcr: 'Lower Critical',
  ucr: 'Upper Critical',
  lnc: 'Lower Non-Critical',
  unc: 'Upper Non-Critical',
};

const SHORT: Readonly<Record<ThresholdState, string>> = { ok: 'ok', lnr: 'nr', unr: 'nr', lcr: 'cr', ucr: 'cr', lnc: 'nc', unc: 'nc' };

/** ipmi_sdr_get_thresh_status: long words under -v, lnc/ucr... in elist, nc/cr/nr otherwise; `invalid` without a reading. */
export function statusWord(sr: SensorReading, form: 'short' | 'extended' | 'long', invalid: string): string {
  const s = thresholdState(sr);
  if (s === undefined) return invalid;
  return form === 'long' ? LONG[s] : form === 'extended' ? s : SHORT[s];
}

/** Factors in effect for a reading (a non-linear sensor's come from the BMC). */
export const factorsOf = (r: FullSensorRecord, sr: SensorReading | undefined): Factors => sr?.factors ?? r.factors;

/** "%.Nf" of a raw byte through the record's conversion, or "0x%02X" for discrete units. */
export function rawValue(r: FullSensorRecord, f: Factors, raw: number, prec = 3, hexFmt: (n: number) => string = (n) => `0x${HX(n, 2)}`): string {
  return unitsAreDiscrete(r) ? hexFmt(raw) : fixed(convertReading(f, raw), prec);
}

/** ipmi_sdr_print_discrete_state_mini: asserted state names, `sep`-separated. */
export const statesMini = (r: SensorRecord, sr: SensorReading, sep = ', '): string => assertedStates(r.sensorType, r.eventType, sr.state1, sr.state2).join(sep);

/** ipmi_sdr_print_discrete_state: " <desc> : <type>" then one "[state]" line per asserted state. */
export function statesBlock(desc: string, sensorType: number, eventType: number, s1: number, s2: number): string {
  if (s1 === 0 && (s2 & 0x7f) === 0) return '';
  const table = stateTable(sensorType, eventType) ?? [];
  const plain = table.some((s) => typeof s === 'string' || (s !== null && s.text !== undefined));
  if (!plain) return '';
  let out = ` ${desc.padEnd(21)} : ${sensorTypeName(sensorType)}\n`;
  for (const text of assertedStates(sensorType, eventType, s1, s2)) out += `                         [${text}]\n`;
  return out;
}

const COND1 = ['lnc-', 'lnc+', 'lcr-', 'lcr+', 'lnr-', 'lnr+', 'unc-', 'unc+'];
const COND2 = ['ucr-', 'ucr+', 'unr-', 'unr+'];

const bitsOf = (v: number, names: readonly string[]): string => names.map((n, i) => ((v >> i) & 1 ? `${n} ` : '')).join('');

/**
 * ipmi_sdr_print_sensor_event_status / _enable: the reply bytes as received (null: the command
 * failed, nothing is printed). `status` selects the Event Status wording and rules.
 */
export function eventLines(data: Buffer | null | undefined, r: SensorRecord, analog: boolean, status: boolean): string {
  if (!data) return '';
  const b = (i: number): number => data[i] ?? 0;
  const len = data.length;
  const label = status ? 'Event Status' : 'Event Enable';
  let out = '';
  if (status && b(0) & 0x20) return ' Event Status          : Unavailable\n';
  if (!(b(0) & 0x80)) out += ` ${label.padEnd(21)} : Event Messages Disabled\n`;
  const [assert, deassert] = status ? ['Assertion Events', 'Deassertion Events'] : ['Assertions Enabled', 'Deassertions Enabled'];
  if (!analog) {
    if (len === 2) out += statesBlock(assert, r.sensorType, r.eventType, b(1), 0);
    else if (len > 2) out += statesBlock(assert, r.sensorType, r.eventType, b(1), b(2));
    if (len === 4) out += statesBlock(deassert, r.sensorType, r.eventType, b(3), 0);
    else if (len > 4) out += statesBlock(deassert, r.sensorType, r.eventType, b(3), b(4));
    return out;
  }
  out += ` ${assert.padEnd(21)} : ${bitsOf(b(1), COND1)}`;
  if (len > 2) {
    out += `${bitsOf(b(2), COND2)}\n`;
    // Sic: the status variant wants both deassertion bytes non-zero, the enable variant either.
    const more = status ? len > 4 && b(3) !== 0 && b(4) !== 0 : len > 4 && (b(3) !== 0 || b(4) !== 0);
    if ((len === 4 && b(3) !== 0) || more) {
      out += ` ${deassert.padEnd(21)} : ${bitsOf(b(3), COND1)}${len > 4 ? bitsOf(b(4), COND2) : ''}\n`;
    }
  } else out += '\n';
  return out;
}

/** ipmi_sdr_print_sensor_hysteresis. */
export function hysteresisLine(r: SensorRecord, f: Factors | undefined, value: number, label: string): string {
  if (r.kind !== 'full' || unitsAreDiscrete(r) || !f) {
    return value === 0x00 || value === 0xff ? ` ${label}   : Unspecified\n` : ` ${label}   : 0x${HX(value, 2)}\n`;
  }
  const v = convertHysteresis(f, value);
  return value === 0x00 || value === 0xff || v === 0 ? ` ${label}   : Unspecified\n` : ` ${label}   : ${fixed(v, 3)}\n`;
}

/** print_sensor_min_max (full records only). */
export function rangeLines(r: FullSensorRecord, f: Factors): string {
  const analog = !unitsAreDiscrete(r);
  const fmt = r.units1 >> 6;
  const line = (label: string, raw: number, unspecified: readonly number[]): string => {
    const v = analog ? convertReading(f, raw) : 0;
    if (raw === unspecified[fmt] || (analog && v === 0)) return ` ${label}  : Unspecified\n`;
    return ` ${label}  : ${analog ? fixed(v, 3) : `0x${HX(raw, 2)}`}\n`;
  };
  return line('Minimum sensor range', r.sensorMin, [0x00, 0xff, 0x80]) + line('Maximum sensor range', r.sensorMax, [0xff, 0x00, 0x7f]);
}

const EVENT_CONTROL = ['Per-threshold', 'Entire Sensor Only', 'Global Disable Only', 'No Events From Sensor'];

export const eventControlLine = (r: SensorRecord): string => ` Event Message Control : ${EVENT_CONTROL[r.capabilities & 0x03]}\n`;

export const isThreshold = (r: SensorRecord): boolean => isThresholdSensor(r);

/** "%2d.%1d" of an entity. */
export const entityShort = (e: { id: number; instance: number }): string => `${String(e.id).padStart(2)}.${e.instance}`;
export const entityDot = (e: { id: number; instance: number }): string => `${e.id}.${e.instance}`;
