/**
 * Interpreting Get Sensor Reading replies (IPMI v2.0 §35.14 Table 35-15) against full and compact
 * records the way ipmitool 1.8.19 does, including non-linear sensors whose factors come from Get
 * Sensor Reading Factors (§35.5), and the health derived from them (src/sdr/health.ts).
 */
import { describe, expect, it } from 'vitest';
import { health } from './health.js';
import { interpretReading, thresholdState, type FactorsLookup } from './reading.js';
import { decodeRecord, type SensorRecord } from './records.js';

/** §43.1 Table 43-1 body: threshold sensor; `units1` (byte 21), `lin` (byte 24), M and Rexp. */
function full(o: { units1?: number; base?: number; lin?: number; m?: number; rexp?: number; eventType?: number; sensorType?: number } = {}): SensorRecord {
  const body = [
    0x20, 0x00, 0x30, 0x07, 0x01, 0x7f, 0x68, o.sensorType ?? 0x01, o.eventType ?? 0x01,
    0, 0, 0, 0, 0x3f, 0x3f,
    o.units1 ?? 0x00, o.base ?? 0x01, 0x00, o.lin ?? 0x00,
    (o.m ?? 1) & 0xff, 0x00, 0x00, 0x00, 0x00, ((o.rexp ?? 0) & 0x0f) << 4,
    0, 0, 0, 0, 0xff, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0xc4, ...Buffer.from('Temp'),
  ];
  return decodeRecord(Buffer.from([1, 0, 0x51, 0x01, body.length, ...body])) as SensorRecord;
}

/** §43.2 Table 43-2 body: a sensor-specific discrete sensor (Power Supply, 6Fh). */
function compact(): SensorRecord {
  const body = [0x20, 0x00, 0x40, 0x0a, 0x01, 0x67, 0x40, 0x08, 0x6f, 0x7f, 0, 0x7f, 0, 0x7f, 0, 0xc0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xc2, 0x50, 0x53];
  return decodeRecord(Buffer.from([2, 0, 0x51, 0x02, body.length, ...body])) as SensorRecord;
}

const noFactors: FactorsLookup = async () => {
  throw new Error('not a non-linear sensor');
};
const reply = (...data: number[]) => ({ cc: 0, data: Buffer.from(data) });

describe('interpretReading (§35.14)', () => {
  it('a linear threshold sensor: raw byte 1 converted, units from the record, status from byte 3', async () => {
    const sr = await interpretReading(full({ m: 6, rexp: -2, base: 4 }), reply(202, 0xc0, 0x08), 0, noFactors);
    expect(sr).toMatchObject({ answered: true, valid: true, analog: true, raw: 202, state1: 0x08, units: 'Volts' });
    expect(sr.value).toBeCloseTo(12.12, 12);
    expect(thresholdState(sr)).toBe('unc');
  });

  it('a negative two\'s complement reading (Table 43-1 byte 21 = 80h): F6h is -10 degrees C', async () => {
    const sr = await interpretReading(full({ units1: 0x80 }), reply(0xf6, 0xc0, 0x00), 0, noFactors);
    expect(sr.value).toBe(-10);
    expect(sr.units).toBe('degrees C');
  });

  it('scanning disabled (byte 2 bit 6 clear): no reading, never a value of 0', async () => {
    const sr = await interpretReading(full(), reply(52, 0x80, 0x00), 0, noFactors);
    expect(sr).toMatchObject({ valid: false, scanningDisabled: true, analog: false });
    expect(sr.value).toBeUndefined();
    expect(health(full(), sr)).toEqual({ state: 'disabled', code: null });
  });

  it('reading unavailable (byte 2 bit 5): not valid, unknown health', async () => {
    const sr = await interpretReading(full(), reply(0, 0x60), 0, noFactors);
    expect(sr).toMatchObject({ valid: false, unavailable: true });
    expect(sr.value).toBeUndefined();
    expect(health(full(), sr)).toEqual({ state: 'unknown', code: 3 });
  });

  it('a refused request (completion code) and no answer are "no reading"', async () => {
    expect(await interpretReading(full(), { cc: 0xcb }, 0, noFactors)).toMatchObject({ answered: true, cc: 0xcb, valid: false });
    expect(await interpretReading(full(), undefined, 0, noFactors)).toMatchObject({ answered: false, valid: false });
  });

  it('a reply shorter than 2 bytes is no reading (ipmitool\'s rule)', async () => {
    expect(await interpretReading(full(), reply(45), 0, noFactors)).toMatchObject({ answered: true, valid: false });
  });

  it('a non-linear sensor (linearization 70h) converts with the factors Get Sensor Reading Factors returns (§35.5)', async () => {
    const asked: number[] = [];
    // Factors bytes (full record bytes 25-30): M = 3, Rexp = -1.
    const lookup: FactorsLookup = async (_r, raw) => {
      asked.push(raw);
      return { nextReading: raw + 1, factors: Buffer.from([0x03, 0x00, 0x00, 0x00, 0x00, 0xf0]) };
    };
    const sr = await interpretReading(full({ lin: 0x70, m: 99 }), reply(50, 0xc0, 0x00), 0, lookup);
    expect(asked).toEqual([50]);
    expect(sr.value).toBeCloseTo(15, 12);
    expect(sr.factors).toMatchObject({ m: 3, rExp: -1, linearization: 0x70 });
  });

  it('a non-linear sensor whose factors cannot be read has no reading', async () => {
    const sr = await interpretReading(full({ lin: 0x71 }), reply(50, 0xc0, 0x00), 0, async () => undefined);
    expect(sr).toMatchObject({ valid: false, analog: false });
  });

  it('a compact discrete sensor: states from bytes 3-4, no analog value; health from the asserted states', async () => {
    const sr = await interpretReading(compact(), reply(0x00, 0xc0, 0x03, 0x80), 0, noFactors);
    expect(sr).toMatchObject({ valid: true, analog: false, state1: 0x03, state2: 0x80, units: '' });
    // Power Supply offset 1 (Failure detected) is critical.
    expect(health(compact(), sr)).toEqual({ state: 'critical', code: 2 });
    const present = await interpretReading(compact(), reply(0x00, 0xc0, 0x01, 0x80), 0, noFactors);
    expect(health(compact(), present)).toEqual({ state: 'nominal', code: 0 });
  });

  it('analog units on a non-threshold full sensor count only for HP (IANA 11), as ipmitool', async () => {
    const rec = full({ eventType: 0x6f, sensorType: 0x08, base: 4 });
    expect((await interpretReading(rec, reply(10, 0xc0, 0x01), 0, noFactors)).analog).toBe(false);
    expect((await interpretReading(rec, reply(10, 0xc0, 0x01), 11, noFactors)).analog).toBe(true);
  });

  it('threshold status order and health: lnr before unr before lcr ... (ipmi_sdr_get_thresh_status)', async () => {
    const at = async (s: number) => interpretReading(full(), reply(10, 0xc0, s), 0, noFactors);
    expect(thresholdState(await at(0x00))).toBe('ok');
    expect(thresholdState(await at(0x3f))).toBe('lnr');
    expect(thresholdState(await at(0x30))).toBe('unr');
    expect(thresholdState(await at(0x12))).toBe('lcr');
    expect(thresholdState(await at(0x11))).toBe('ucr');
    expect(health(full(), await at(0x01))).toEqual({ state: 'warning', code: 1, threshold: 'lnc' });
    expect(health(full(), await at(0x10))).toEqual({ state: 'critical', code: 2, threshold: 'ucr' });
    expect(health(full(), await at(0x00))).toEqual({ state: 'nominal', code: 0, threshold: 'ok' });
  });
});
