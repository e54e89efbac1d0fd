/**
 * `sensor list` and `sensor get` (ipmitool 1.8.19 ipmi_sensor_list, ipmi_sensor_get): readings,
 * Get Sensor Thresholds for threshold sensors, and event status/enable of threshold sensors for
 * the verbose record. Like ipmitool, `sensor list` reads the BMC's SDRs even with -S (the automatic
 * cache still applies); `sensor get` honours -S.
 */
import type { Context } from '../../runtime/context.js';
import { CommandError, HelpRequest, UsageError } from '../../errors.js';
import { findByName, readSensors, sensorRecords, type SdrRecord } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { isSensorRecord } from '../../sdr/records.js';
import { report, type Outcome } from '../../report.js';
import type { SdrRow } from '../sdr/data.js';
import { sdrEnding } from '../shared/sdr-ending.js';
import type { SensorGetData, SensorListData } from './data.js';

export async function list(ctx: Context): Promise<Outcome> {
  const verbose = ctx.options.verbose > 0;
  const records = sensorRecords(await sdrOf(ctx).load({ useFile: false }));
  const sensors = await readSensors(sdrOf(ctx), records, { thresholds: true, events: verbose, eventsThresholdOnly: true });
  // ipmitool masks the failure of individual reads in `sensor list` (its CR6604909): a refusal is `na`,
  // exit 0. A reading that got no answer, or an SDR walk that ended early, fails it (issue 15).
  return report<SensorListData>('sensor.list', { verbose, sensors }, sdrEnding(sdrOf(ctx), sensors, [], 'incomplete'));
}

export const GET_USAGE = 'sensor get <id> ... [id]\n   id        : name of desired sensor\n';

export async function get(ctx: Context, names: string[]): Promise<Outcome> {
  if (names.length === 0) throw new UsageError('Not enough parameters given.', GET_USAGE);
  if (names[0] === 'help') throw new HelpRequest(GET_USAGE);
  const records = await sdrOf(ctx).load();
  const errors: string[] = [];
  const found: SdrRecord[] = [];
  for (const n of names) {
    const r = findByName(records, n);
    if (r) found.push(r);
    else errors.push(`Sensor data record "${n}" not found!`);
  }
  const sensors = found.filter(isSensorRecord);
  const data = await readSensors(sdrOf(ctx), sensors, { thresholds: true, events: true, eventsThresholdOnly: true });
  const rows: SdrRow[] = found.map((record) => {
    const i = sensors.indexOf(record as never);
    return i >= 0 ? { record, sensor: data[i]! } : { record };
  });
  const end = sdrEnding(sdrOf(ctx), data, errors, 'sensor-not-found');
  // A sensor without a valid reading makes ipmitool's `sensor get` fail (its print returns -1) without a word.
  if (!end.failure && rows.some((r) => r.sensor && !r.sensor.reading.valid)) end.failure = new CommandError('', 'no-reading');
  return report<SensorGetData>('sensor.get', { rows }, end);
}
