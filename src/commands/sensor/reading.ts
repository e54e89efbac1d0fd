/** `sensor reading <name>...` (ipmitool 1.8.19 ipmi_sensor_get_reading): the converted value of analog full sensors. */
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../errors.js';
import { findByName, readSensors, type SensorData } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { isSensorRecord } from '../../sdr/records.js';
import { smart } from '../../format/c-printf.js';
import { report, type Outcome } from '../../report.js';
import { sdrEnding } from '../shared/sdr-ending.js';
import type { SensorReadingData } from './data.js';

export const READING_USAGE = 'sensor reading <id> ... [id]\n   id        : name of desired sensor\n';

export async function reading(ctx: Context, names: string[]): Promise<Outcome> {
  // ipmitool returns -1 for its own help here.
  if (names.length === 0 || names[0] === 'help') throw new UsageError('', READING_USAGE);
  const records = await sdrOf(ctx).load();
  const errors: string[] = [];
  let missing = false;
  const out: SensorReadingData = { readings: [] };
  const read: SensorData[] = [];
  for (const name of names) {
    const r = findByName(records, name);
    if (!r) {
      errors.push(`Sensor "${name}" not found!`);
      missing = true;
      continue;
    }
    // Compact records, unreadable sensors and non-sensor records are skipped without a word, as ipmitool.
    if (!isSensorRecord(r) || r.kind !== 'full') continue;
    const [d] = await readSensors(sdrOf(ctx), [r]);
    if (d) read.push(d);
    if (!d?.reading.valid) continue;
    if (!d.reading.analog) {
      // ipmitool exits 0 after this line; ipmits does not (docs/compatibility.md).
      errors.push(`Sensor "${name}" is a discrete sensor!`);
      continue;
    }
    out.readings.push({ name, text: smart(d.reading.value ?? 0, 3), sensor: d });
  }
  return report('sensor.reading', out, sdrEnding(sdrOf(ctx), read, errors, missing ? 'sensor-not-found' : 'not-analog'));
}
