/**
 * `sensor list --format prometheus` (an ipmits addition): the Prometheus text exposition
 * format 0.0.4, for node_exporter's textfile collector (no timestamps, one HELP and TYPE line
 * per metric family, every family contiguous):
 *
 *   ipmi_sensor_value{id,name,type,unit}      the converted reading (sensors with a numeric reading)
 *   ipmi_sensor_state{id,name,type}           0 nominal, 1 warning, 2 critical, 3 unknown
 *                                             (src/sdr/health.ts; scanning-disabled sensors have none)
 *   ipmi_sensor_threshold{id,name,type,unit,threshold}   the thresholds the BMC reported (lnr..unr)
 *
 * `id` is the SDR record ID, which keeps the series distinct when two sensors share a name.
 * Label values escape backslash, double quote and newline as the format requires.
 */
import type { SensorData } from '../sdr/index.js';
import { health } from '../sdr/health.js';
import { sensorTypeName } from '../spec/sensor-events.js';
import { thresholdValues } from './sensor-json.js';

/** A label value: \ " and newline escaped (exposition format, "label_value"). */
export const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** A sample value: Go float syntax; readings are rounded to 6 decimals (no binary noise such as 12.120000000000001). */
export function sampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(Number(v.toFixed(6)));
}

type Labels = ReadonlyArray<readonly [string, string]>;
const labels = (l: Labels): string => `{${l.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;

interface Family {
  name: string;
  help: string;
  samples: string[];
}

export function prometheusText(sensors: readonly SensorData[]): string {
  const value: Family = { name: 'ipmi_sensor_value', help: 'Sensor reading, converted to the unit in the unit label.', samples: [] };
  const state: Family = { name: 'ipmi_sensor_state', help: 'Sensor health: 0 nominal, 1 warning, 2 critical, 3 unknown (no reading).', samples: [] };
  const threshold: Family = { name: 'ipmi_sensor_threshold', help: 'Sensor threshold reported by the BMC, in the unit of the reading.', samples: [] };
  for (const d of sensors) {
    const r = d.record;
    const base: Labels = [
      ['id', String(r.recordId)],
      ['name', r.name],
      ['type', sensorTypeName(r.sensorType)],
    ];
    const unit = d.reading.analog ? d.reading.units : '';
    if (d.reading.valid && d.reading.value !== undefined)
      value.samples.push(`${value.name}${labels([...base, ['unit', unit]])} ${sampleValue(d.reading.value)}`);
    const h = health(r, d.reading);
    if (h.code !== null) state.samples.push(`${state.name}${labels(base)} ${h.code}`);
    const t = thresholdValues(d);
    if (t && unit) {
      for (const [k, v] of Object.entries(t))
        if (v !== null) threshold.samples.push(`${threshold.name}${labels([...base, ['unit', unit], ['threshold', k]])} ${sampleValue(v)}`);
    }
  }
  return [value, state, threshold]
    .filter((f) => f.samples.length > 0)
    .map((f) => `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} gauge\n${f.samples.join('\n')}\n`)
    .join('');
}

/** The `sensor.list` report's data. */
export function prometheus(data: { sensors: readonly SensorData[] }): string {
  return prometheusText(data.sensors);
}
