/**
 * The sensor and sdr verbs over a stub client, records from a -S dump file (the simulator's SDRs,
 * test/unit/golden/sdr/sdr.bin, plus a full discrete record): what is sent (Set Sensor Thresholds
 * bytes, IPMI v2.0 §35.8 Table 35-9), ipmitool's checks and wording, argument parsing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Reply, stubContext } from '../../../test/fakes/stub-context.js';
import { CommandError, HelpRequest, UsageError } from '../../errors.js';
import type { Report } from '../../report.js';
import { run as sdr } from '../sdr/index.js';
import { parseEntity, sensorTypeCode } from '../sdr/list.js';
import { run as sensor } from './index.js';
import { parseDouble } from './thresh.js';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/unit/golden/sdr/sdr.bin');

/** §43.1 Table 43-1: a full record of a discrete (6Fh, Power Supply) sensor, no analog units, number 60h, "PSU Full". */
const fullDiscrete = (() => {
  const body = [
    0x20,
    0x00,
    0x60,
    0x0a,
    0x01,
    0x7f,
    0x40,
    0x08,
    0x6f,
    0x7f,
    0,
    0x7f,
    0,
    0x7f,
    0,
    0xc0,
    0x00,
    0x00,
    0x00,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0xff,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0xc8,
    ...Buffer.from('PSU Full'),
  ];
  return Buffer.from([0x40, 0x00, 0x51, 0x01, body.length, ...body]);
})();

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-sensor-'));
const dump = path.join(dir, 'sdr.bin');
writeFileSync(dump, Buffer.concat([readFileSync(GOLDEN), fullDiscrete]));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shared stub context (test/fakes/stub-context.ts) reading SDRs from the dump (-S); requests as 'name hex'. */
function stub(replies: Record<string, Reply[]>) {
  const s = stubContext(replies, { argv: ['-I', 'lanplus', '-H', 'bmc', '-U', 'admin', '-P', 'secret', '-S', dump], env: { IPMITS_SDR_WINDOW: '1' } });
  return {
    ctx: s.ctx,
    get sent() {
      return s.sent.map((x) => `${x.name} ${x.data}`);
    },
  };
}

const one = (o: unknown): Report => o as Report;

describe('sensor thresh', () => {
  it('one threshold: checked against Get Sensor Thresholds, then Set Sensor Thresholds with the raw value (FAN1 lnc 1200 RPM = 20 x 60)', async () => {
    // Get Sensor Thresholds (§35.9): readable lnc, lcr, lnr = raw 20, 10, 5.
    const s = stub({ 'Get Sensor Thresholds': [{ data: '07 14 0a 05 00 00 00' }], 'Set Sensor Thresholds': [{}] });
    const r = one(await sensor(s.ctx, ['thresh', 'FAN1', 'lnc', '1500']));
    // §35.8 Table 35-9: sensor 10h, mask 01h (lnc), then lnc (25 = 1500 / 60), lcr, lnr, unc, ucr, unr.
    expect(s.sent).toEqual(['Get Sensor Thresholds 10', 'Set Sensor Thresholds 1001190000000000']);
    expect(r.kind).toBe('sensor.thresh');
    expect(r.data).toMatchObject({ idString: 'FAN1', settings: [{ threshold: 'lnc', value: 1500, raw: 25, ok: true }] });
    expect(r.failure).toBeUndefined();
  });

  it("an implausible value (lnc below lcr) is refused with ipmitool's line before anything is set", async () => {
    const s = stub({ 'Get Sensor Thresholds': [{ data: '07 14 0a 05 00 00 00' }] });
    const r = one(await sensor(s.ctx, ['thresh', 'FAN1', 'lnc', '100']));
    expect(s.sent).toEqual(['Get Sensor Thresholds 10']);
    expect(r.failure?.message).toBe('Invalid Threshold data values. Cannot Set Threshold Data.');
  });

  it('upper: unc, ucr, unr in three requests, no check (12V: M=6, Rexp=-2)', async () => {
    const s = stub({ 'Set Sensor Thresholds': [{}, {}, {}] });
    const r = one(await sensor(s.ctx, ['thresh', '12V', 'upper', '12.6', '13.2', '13.8']));
    expect(s.sent).toEqual(['Set Sensor Thresholds 2008000000d20000', 'Set Sensor Thresholds 201000000000dc00', 'Set Sensor Thresholds 20200000000000e6']);
    expect(r.failure).toBeUndefined();
  });

  it('lower: values given lnr, lcr, lnc; only the last refusal decides the exit status, as ipmitool', async () => {
    const s = stub({ 'Set Sensor Thresholds': [{ cc: 0xcc }, {}, { cc: 0xcd }] });
    const r = one(await sensor(s.ctx, ['thresh', '12V', 'lower', '10.2', '10.8', '11.4']));
    expect(s.sent.map((x) => x.slice(-16, -12))).toEqual(['2004', '2002', '2001']);
    expect(r.notes).toEqual(['Error setting threshold: Invalid data field in request']);
    expect(r.failure?.message).toBe('Error setting threshold: Command illegal for specified sensor or record type');
  });

  it("refuses compact, discrete and unknown sensors with ipmitool's lines, sending nothing", async () => {
    for (const [name, line] of [
      ['PS1 Status', 'Invalid sensor type 02'],
      ['PSU Full', 'Invalid sensor event type 6f'],
      ['nope', 'Sensor data record not found!'],
    ] as const) {
      const s = stub({});
      const r = one(await sensor(s.ctx, ['thresh', name, 'ucr', '5']));
      expect(r.failure?.message).toBe(line);
      expect(s.sent).toEqual([]);
    }
  });

  it('bad arguments fail before anything is read or sent', async () => {
    const s = stub({});
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'xyz', '5'])).rejects.toThrow(new UsageError("Valid threshold 'xyz' for sensor 'FAN1' not specified!"));
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'lnc', '12a'])).rejects.toThrow("Given lnc threshold value '12a' is invalid.");
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'lower', '1', 'x', '3'])).rejects.toThrow("Given lcr 'x' is invalid.");
    // ipmitool takes NaN (strtod) and sets the threshold to raw 0; ipmits refuses it.
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'ucr', 'NaN'])).rejects.toThrow(new UsageError("Given ucr threshold value 'NaN' is invalid."));
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'upper', '1', 'nan', '3'])).rejects.toThrow(new UsageError("Given ucr 'nan' is invalid."));
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'upper', '1', '2'])).rejects.toThrow('usage: sensor thresh <id> upper <unc> <ucr> <unr>');
    await expect(sensor(s.ctx, ['thresh', 'FAN1', 'lnc'])).rejects.toBeInstanceOf(UsageError);
    await expect(sensor(s.ctx, ['thresh', 'help'])).rejects.toBeInstanceOf(HelpRequest);
    expect(s.sent).toEqual([]);
  });
});

describe('sensor reading, sensor get, sdr get', () => {
  it('a full record without analog units is "a discrete sensor!", and the exit status is non-zero', async () => {
    const s = stub({ 'Get Sensor Reading': [{ data: '00 c0 01 00' }, { data: 'ca c0 00 00' }] });
    const r = one(await sensor(s.ctx, ['reading', 'PSU Full', '12V']));
    expect(r.notes).toBeUndefined();
    expect(r.failure).toBeInstanceOf(CommandError);
    expect([r.failure?.message, r.failure?.code]).toEqual(['Sensor "PSU Full" is a discrete sensor!', 'not-analog']);
    expect(r.data).toMatchObject({ readings: [{ name: '12V', text: '12.120' }] });
  });

  it('sensor get: an unknown name is reported, the others printed, exit non-zero', async () => {
    const s = stub({
      'Get Sensor Reading': [{ data: '5a c0 00 00' }],
      'Get Sensor Thresholds': [{ data: '07 14 0a 05 00 00 00' }],
      'Get Sensor Event Status': [{ cc: 0xc1 }],
      'Get Sensor Event Enable': [{ data: 'c0 15 00 00 00' }],
    });
    const r = one(await sensor(s.ctx, ['get', 'nope', 'FAN1']));
    expect(r.notes).toBeUndefined();
    expect([r.failure?.message, r.failure?.code]).toEqual(['Sensor data record "nope" not found!', 'sensor-not-found']);
    expect(s.sent).toEqual(['Get Sensor Reading 10', 'Get Sensor Thresholds 10', 'Get Sensor Event Status 10', 'Get Sensor Event Enable 10']);
  });

  it("sdr get of an unknown name: ipmitool's line, exit non-zero (docs/compatibility.md)", async () => {
    // Get Sensor Reading (§35.14): FAN1 reads raw 20h, scanning enabled.
    const s = stub({ 'Get Sensor Reading': [{ data: '20 40 00 00' }] });
    const r = one(await sdr(s.ctx, ['get', 'nope', 'FAN1', 'nix']));
    // The lines in order: all but the last as notes, the last as the failure's message.
    expect(r.notes).toEqual(["Unable to find sensor id 'nope'"]);
    expect([r.failure?.message, r.failure?.code]).toEqual(["Unable to find sensor id 'nix'", 'sensor-not-found']);
  });
});

describe('argument parsing', () => {
  it("parseDouble follows strtod + ipmitool's str2double", () => {
    expect(parseDouble('12.5')).toBe(12.5);
    expect(parseDouble(' -5')).toBe(-5);
    expect(parseDouble('1e2')).toBe(100);
    expect(parseDouble('0x10')).toBe(16);
    expect(parseDouble('')).toBe(0);
    expect(parseDouble('inf')).toBe(Infinity);
    expect(parseDouble('12a')).toBeUndefined();
    expect(parseDouble(' ')).toBeUndefined();
    expect(parseDouble('1e999')).toBeUndefined();
    expect(parseDouble('1e-999')).toBeUndefined();
  });
  it('sdr entity: "id.instance", "id" (every instance), names; as sscanf("%u") reads them', () => {
    expect(parseEntity('7.1')).toEqual({ id: 7, instance: 1 });
    expect(parseEntity('29')).toEqual({ id: 29, instance: 0x7f });
    expect(parseEntity('3.x')).toEqual({ id: 3, instance: 0x7f });
    // Two entities are named Processor (03h, 41h): the last match wins, as in ipmitool.
    expect(parseEntity('Processor')).toEqual({ id: 0x41, instance: 0x7f });
    expect(parseEntity('system board')).toEqual({ id: 7, instance: 0x7f });
    expect(parseEntity('bogus')).toBeUndefined();
  });
  it('sdr type: names in any case, 0xNN (Debian), invalid hex', () => {
    expect(sensorTypeCode('temperature')).toBe(1);
    expect(sensorTypeCode('Power Supply')).toBe(8);
    expect(sensorTypeCode('0x0d')).toBe(0x0d);
    expect(sensorTypeCode('0xzz')).toBe('invalid');
    expect(sensorTypeCode('nope')).toBeUndefined();
    // ipmitool's forms: a lower-case 0x then any number of hex digits up to 255; 0X is a name.
    expect(sensorTypeCode('0x001')).toBe(1);
    expect(sensorTypeCode('0X01')).toBeUndefined();
    expect(sensorTypeCode('0x100')).toBe('invalid');
    expect(sensorTypeCode('0x')).toBe('invalid');
  });
});
