/**
 * The sdr and sensor renderers against text captured from the real ipmitool 1.8.19
 * (test/unit/golden/sdr/capture.sh): the simulator's SDR dump and the raw replies of Get Sensor
 * Reading (IPMI v2.0 §35.14), Get Sensor Thresholds (§35.9), Get Sensor Event Enable (§35.11) and
 * Get Sensor Event Status (§35.13) for every sensor are decoded and rendered offline; the result
 * must equal ipmitool's output byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SdrListData, SdrRow } from '../commands/sdr/data.js';
import type { SensorListData } from '../commands/sensor/data.js';
import { getSensorThresholds } from '../ipmi/cmds/sensor/get-sensor-thresholds.js';
import { parseDump } from '../sdr/dumpfile.js';
import type { SensorData } from '../sdr/index.js';
import { interpretReading } from '../sdr/reading.js';
import { decodeRecord, isSensorRecord, isThresholdSensor, type SensorRecord } from '../sdr/records.js';
import { renderers as sdr } from './sdr.js';
import { renderers as sensor } from './sensor.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/unit/golden/sdr');
const golden = (f: string): string => readFileSync(path.join(DIR, f), 'latin1');

const records = parseDump(readFileSync(path.join(DIR, 'sdr.bin'))).records.map(decodeRecord);

/** "NN CMD hex..." lines; "-" = the command was refused. */
const replies = new Map<string, Buffer | null>();
for (const line of golden('replies.txt').split('\n')) {
  const [num, cmd, ...bytes] = line.trim().split(/\s+/);
  if (!num || !cmd) continue;
  replies.set(`${parseInt(num, 16)}/${cmd}`, bytes[0] === '-' ? null : Buffer.from(bytes.map((b) => parseInt(b, 16))));
}
const reply = (r: SensorRecord, cmd: string): Buffer | null => {
  const b = replies.get(`${r.sensorNumber}/${cmd}`);
  if (b === undefined) throw new Error(`no ${cmd} reply captured for sensor ${r.sensorNumber}`);
  return b;
};

async function sensorData(r: SensorRecord, what: { thresholds?: boolean; events?: boolean; eventsThresholdOnly?: boolean }): Promise<SensorData> {
  const rd = reply(r, '2d');
  const reading = await interpretReading(r, rd ? { cc: 0, data: rd } : { cc: 0xc1 }, 0, async () => undefined);
  const d: SensorData = { record: r, reading };
  const threshold = isThresholdSensor(r);
  if (what.thresholds && threshold) {
    const t = reply(r, '27');
    d.thresholds = t?.length ? getSensorThresholds.decode(t) : null;
  }
  if (what.events && (threshold || !what.eventsThresholdOnly)) {
    d.eventStatus = reply(r, '2b');
    d.eventEnable = reply(r, '29');
  }
  return d;
}

async function sdrList(extended: boolean, verbose: boolean): Promise<SdrListData> {
  const rows: SdrRow[] = [];
  for (const record of records) rows.push(isSensorRecord(record) ? { record, sensor: await sensorData(record, { events: verbose }) } : { record });
  return { extended, verbose, rows };
}

async function sensorList(verbose: boolean): Promise<SensorListData> {
  const sensors: SensorData[] = [];
  for (const r of records.filter(isSensorRecord)) sensors.push(await sensorData(r, { thresholds: true, events: verbose, eventsThresholdOnly: true }));
  return { verbose, sensors };
}

describe('sdr renderers = ipmitool 1.8.19 (golden text)', () => {
  it('the capture covers at least 15 sensors of every kind the issue names', () => {
    const sensors = records.filter(isSensorRecord);
    expect(sensors.length).toBeGreaterThanOrEqual(15);
    expect(new Set(sensors.map((s) => s.sensorType))).toEqual(new Set([0x01, 0x02, 0x03, 0x04, 0x05, 0x07, 0x08, 0x09, 0x0d]));
  });
  it.each([
    ['sdr-list-all.txt', false, false, false],
    ['sdr-elist-all.txt', true, false, false],
    ['sdr-c-list-all.txt', false, false, true],
    ['sdr-c-elist-all.txt', true, false, true],
    ['sdr-v-list-all.txt', false, true, false],
    ['sdr-cv-list-all.txt', false, true, true],
  ])('%s', async (file, extended, verbose, csv) => {
    const d = await sdrList(extended, verbose);
    const r = sdr['sdr.list'];
    expect(csv ? r.csv(d) : r.text(d)).toBe(golden(file));
  });
});

describe('sensor renderers = ipmitool 1.8.19 (golden text)', () => {
  it.each([
    ['sensor-list.txt', false, false],
    ['sensor-c-list.txt', false, true],
    ['sensor-v-list.txt', true, false],
  ])('%s', async (file, verbose, csv) => {
    const d = await sensorList(verbose);
    const r = sensor['sensor.list'];
    expect(csv ? r.csv(d) : r.text(d)).toBe(golden(file));
  });
});

describe('--json documents (docs/json.md)', () => {
  it('sensor list: reading number or null, unit, state word and code, thresholds, discrete states', async () => {
    const doc = sensor['sensor.list'].json!(await sensorList(false)) as Record<string, unknown>[];
    const by = (n: string) => doc.find((x) => x.name === n)!;
    expect(by('12V')).toMatchObject({
      recordType: 'full',
      sensorNumber: 0x20,
      sensorType: { code: 2, name: 'Voltage' },
      entity: { id: 7, instance: 1, name: 'System Board' },
      reading: 12.12,
      unit: 'Volts',
      state: 'nominal',
      stateCode: 0,
      thresholdStatus: 'ok',
      thresholds: { lnr: 10.2, lcr: 10.8, lnc: 11.4, unc: 12.6, ucr: 13.2, unr: 13.8 },
    });
    expect(by('PCH Temp')).toMatchObject({ reading: null, scanning: false, state: 'disabled', stateCode: null });
    expect(by('CPU2 Temp')).toMatchObject({ reading: 88, state: 'warning', stateCode: 1, thresholdStatus: 'unc' });
    expect(by('FAN4')).toMatchObject({ reading: 480, state: 'critical', stateCode: 2, thresholdStatus: 'lcr', thresholds: { lnc: 1200, unc: null } });
    expect(by('PS2 Status')).toMatchObject({
      class: 'discrete',
      reading: null,
      unit: null,
      state: 'critical',
      stateCode: 2,
      states: ['Presence detected', 'Failure detected'],
      thresholds: null,
    });
    expect(by('Intrusion')).toMatchObject({ state: 'nominal', states: [] });
  });
  it('sdr list: sensors as in sensor list, locators and event-only records without a reading', async () => {
    const doc = sdr['sdr.list'].json!(await sdrList(true, false)) as Record<string, unknown>[];
    expect(doc.map((x) => x.recordType)).toContain('mc-locator');
    expect(doc.find((x) => x.name === 'Watchdog')).toMatchObject({ recordType: 'event-only', sensorType: { code: 0x23 } });
    expect(doc.find((x) => x.name === 'PSU1 FRU')).toMatchObject({ recordType: 'fru-locator', fruDeviceId: 1, logical: true });
    expect(doc.find((x) => x.name === 'CPU1 Temp')).toMatchObject({ reading: 45, thresholds: { unc: 85, ucr: 95, unr: 105, lnc: null } });
  });
});
