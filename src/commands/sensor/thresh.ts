/**
 * `sensor thresh <id> <threshold> <value>` and `sensor thresh <id> upper|lower <v1> <v2> <v3>`
 * (ipmitool 1.8.19 ipmi_sensor_set_threshold): Set Sensor Thresholds (IPMI v2.0 §35.8), one
 * threshold per request. A single threshold is first checked against the others the BMC reports
 * (Get Sensor Thresholds, §35.9) the way ipmitool checks it.
 */
import type { Context } from '../../runtime/context.js';
import { CommandError, HelpRequest, UsageError } from '../../errors.js';
import { getSensorThresholds } from '../../ipmi/cmds/sensor/get-sensor-thresholds.js';
import { setSensorThresholds } from '../../ipmi/cmds/sensor/set-sensor-thresholds.js';
import { ThresholdBit, type ThresholdName } from '../../ipmi/cmds/sensor/thresholds.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { convertReading, findByName, valueToRaw } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { isThresholdSensor, unitsAreDiscrete, type FullSensorRecord } from '../../sdr/records.js';
import { isNoResponse } from '../shared/invoke.js';
import { report, type Outcome } from '../../report.js';
import type { SensorThreshData } from './data.js';

export const THRESH_USAGE = `sensor thresh <id> <threshold> <setting>
   id        : name of the sensor for which threshold is to be set
   threshold : which threshold to set
                 unr = upper non-recoverable
                 ucr = upper critical
                 unc = upper non-critical
                 lnc = lower non-critical
                 lcr = lower critical
                 lnr = lower non-recoverable
   setting   : the value to set the threshold to

sensor thresh <id> lower <lnr> <lcr> <lnc>
   Set all lower thresholds at the same time

sensor thresh <id> upper <unc> <ucr> <unr>
   Set all upper thresholds at the same time

`;

const INVALID_THRESHOLD = 'Invalid Threshold data values. Cannot Set Threshold Data.';
const SINGLE: readonly ThresholdName[] = ['unr', 'ucr', 'unc', 'lnc', 'lcr', 'lnr'];

/** C's strtod with ipmitool's str2double checks: the whole word is a number, no overflow. "" is 0. */
export function parseDouble(word: string): number | undefined {
  if (word === '') return 0;
  const m =
    /^[\t\n\v\f\r ]*([+-]?)(?:(inf(?:inity)?|nan(?:\([0-9a-z_]*\))?)|(0x(?:[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p[+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))$/i.exec(
      word,
    );
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2]) return /^n/i.test(m[2]) ? NaN : sign * Infinity;
  let v: number;
  if (m[3]) {
    const [, mant = '', exp = '0'] = /^0x([0-9a-f.]*)(?:p([+-]?\d+))?$/i.exec(m[3])!;
    const [int = '', frac = ''] = mant.split('.');
    v = (parseInt(int || '0', 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0)) * 2 ** Number(exp);
  } else v = Number(m[4]);
  // ERANGE: overflow, or underflow of a non-zero mantissa.
  if (!Number.isFinite(v)) return undefined;
  if (v === 0 && /[1-9]/.test((m[3] ?? m[4] ?? '').replace(/[eEpP].*$/, '').replace(/^0x/i, ''))) return undefined;
  return sign * v;
}

/** __ipmi_sensor_threshold_value_to_raw. */
function toRaw(r: FullSensorRecord, value: number): number {
  if (!unitsAreDiscrete(r)) return valueToRaw(r.factors, value);
  if (value > 255) return 255;
  if (value < 0 || Number.isNaN(value)) return 0;
  return Math.trunc(value);
}

/** ipmitool's plausibility check of one new threshold against the readable others (values below 0 count as 0). */
function plausible(name: ThresholdName, v: number, mask: number, val: Record<ThresholdName, number>): boolean {
  const has = (n: ThresholdName): boolean => (mask & ThresholdBit[n]) !== 0;
  if (!has(name)) return true;
  switch (name) {
    case 'unr':
      return !((has('ucr') && v <= val.ucr) || (has('unc') && v <= val.unc));
    case 'ucr':
      return !((has('unr') && v >= val.unr) || (has('unc') && v <= val.unc));
    case 'unc':
      return !((has('unr') && v >= val.unr) || (has('ucr') && v >= val.ucr) || (has('lnc') && v <= val.lnc));
    case 'lnc':
      return !((has('lcr') && v <= val.lcr) || (has('lnr') && v <= val.lnr) || (has('unc') && v >= val.unc));
    case 'lcr':
      return !((has('lnc') && v >= val.lnc) || (has('lnr') && v <= val.lnr));
    case 'lnr':
      return !((has('lnc') && v >= val.lnc) || (has('lcr') && v >= val.lcr));
  }
}

function parseArgs(args: string[]): { id: string; settings: { threshold: ThresholdName; value: number }[]; single: boolean } {
  const [id, thresh, ...rest] = args as [string, string, ...string[]];
  const value = (label: string, word: string): number => {
    const v = parseDouble(word);
    // NaN too: ipmitool sends whatever its conversion of NaN gives (0 here), a threshold nobody asked for.
    if (v === undefined || Number.isNaN(v)) throw new UsageError(`Given ${label} '${word}' is invalid.`);
    return v;
  };
  if (thresh === 'upper' || thresh === 'lower') {
    if (rest.length < 3) throw new UsageError(`usage: sensor thresh <id> ${thresh} ${thresh === 'upper' ? '<unc> <ucr> <unr>' : '<lnr> <lcr> <lnc>'}`);
    // Sic: ipmitool names the lower values lnc, lcr, lnr in its messages but sets them lnr, lcr, lnc.
    const labels = thresh === 'upper' ? ['unc', 'ucr', 'unr'] : ['lnc', 'lcr', 'lnr'];
    const order: ThresholdName[] = thresh === 'upper' ? ['unc', 'ucr', 'unr'] : ['lnr', 'lcr', 'lnc'];
    const values = labels.map((l, i) => value(l, rest[i]!));
    return { id, single: false, settings: order.map((threshold, i) => ({ threshold, value: values[i]! })) };
  }
  if (!(SINGLE as readonly string[]).includes(thresh)) throw new UsageError(`Valid threshold '${thresh}' for sensor '${id}' not specified!`);
  return { id, single: true, settings: [{ threshold: thresh as ThresholdName, value: value(`${thresh} threshold value`, rest[0]!) }] };
}

export async function thresh(ctx: Context, args: string[]): Promise<Outcome> {
  if (args[0] === 'help') throw new HelpRequest(THRESH_USAGE);
  // ipmitool prints the same usage and exits 0 when arguments are missing; ipmits exits 2 (docs/compatibility.md).
  if (args.length < 3) throw new UsageError('', THRESH_USAGE);
  const { id, settings, single } = parseArgs(args);
  const records = await sdrOf(ctx).load();
  const notes = [...sdrOf(ctx).notes];
  const head = (failure: CommandError, data: Partial<SensorThreshData> = {}): Outcome =>
    report<SensorThreshData>('sensor.thresh', { id, idString: '', sensorNumber: 0, settings: [], ...data }, { failure, ...(notes.length ? { notes } : {}) });
  const r = findByName(records, id);
  if (!r) return head(new CommandError('Sensor data record not found!', 'sensor-not-found'));
  if (r.kind !== 'full') return head(new CommandError(`Invalid sensor type ${r.type.toString(16).padStart(2, '0')}`));
  if (!isThresholdSensor(r)) return head(new CommandError(`Invalid sensor event type ${r.eventType.toString(16).padStart(2, '0')}`));
  const client = await ctx.client();
  const idString = r.name;
  const data: SensorThreshData = { id, idString, sensorNumber: r.sensorNumber, settings: [] };
  if (single) {
    const s = settings[0]!;
    let t;
    try {
      t = await client.try(getSensorThresholds, r.sensorNumber, { lun: r.ownerLun });
    } catch (e) {
      if (!isNoResponse(e)) throw e;
    }
    if (t?.cc !== 0 || !t.value) return head(new CommandError('Sensor data record not found!'), { idString, sensorNumber: r.sensorNumber });
    const [lnc, lcr, lnr, unc, ucr, unr] = t.value.values.map((raw) => Math.max(0, convertReading(r.factors, raw)));
    if (!plausible(s.threshold, s.value, t.value.mask, { lnc: lnc!, lcr: lcr!, lnr: lnr!, unc: unc!, ucr: ucr!, unr: unr! })) {
      return head(new CommandError(INVALID_THRESHOLD), { idString, sensorNumber: r.sensorNumber });
    }
  }
  let last: CommandError | undefined;
  for (const s of settings) {
    const raw = toRaw(r, s.value);
    let error: string | undefined;
    try {
      const res = await client.try(setSensorThresholds, { sensorNumber: r.sensorNumber, values: { [s.threshold]: raw } }, { lun: r.ownerLun });
      if (res.cc !== 0) error = `Error setting threshold: ${describeCompletionCode(res.cc)}`;
    } catch (e) {
      if (!isNoResponse(e)) throw e;
      error = 'Error setting threshold';
    }
    data.settings.push({ threshold: s.threshold, value: s.value, raw, ok: error === undefined });
    // Only the last request decides the exit status, as in ipmitool.
    last = error === undefined ? undefined : new CommandError(error);
    if (error !== undefined && s !== settings[settings.length - 1]) notes.push(error);
  }
  return report('sensor.thresh', data, { ...(notes.length ? { notes } : {}), ...(last ? { failure: last } : {}) });
}
