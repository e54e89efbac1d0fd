/**
 * Known-answer tests of the SDR record decoder, built from bytes laid out as IPMI v2.0 §43
 * specifies them (header: Table 43-1 bytes 1-5; bodies: Tables 43-1 to 43-11).
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../errors.js';
import { decodeRecord, nameMatches, parseHeader, SdrType, type SdrRecord } from './records.js';

/** Header (record ID LSB first, SDR version 51h, type, body length) + body. */
const rec = (id: number, type: number, body: number[]): Buffer => Buffer.from([id & 0xff, id >> 8, 0x51, type, body.length, ...body]);
const idStr = (s: string): number[] => [0xc0 | s.length, ...Buffer.from(s, 'latin1')];

function as<K extends SdrRecord['kind']>(r: SdrRecord, kind: K): Extract<SdrRecord, { kind: K }> {
  expect(r.kind).toBe(kind);
  return r as Extract<SdrRecord, { kind: K }>;
}

/** §43.1 Table 43-1, bytes 6-48+: a 12 V sensor, two's complement, M=6 tolerance 5, B=-3 Bexp=1 Rexp=-2, accuracy 3 exponent 3. */
const FULL = [
  0x20, 0x31, 0x41, 0x07, 0x81, // owner 20h; channel 3, LUN 1; sensor 41h; entity 7.1 logical
  0x7f, 0x68, 0x02, 0x01, // init; capabilities (hysteresis readable/settable, thresholds readable/settable); Voltage; threshold
  0x95, 0x7a, 0x95, 0x7a, 0x3f, 0x3f, // assertion, deassertion, reading masks (LS byte first)
  0x80, 0x04, 0x00, 0x00, // units 1: two's complement; Volts; no modifier; linear
  0x06, 0x05, 0xfd, 0xc3, 0x08 | 0x04 | 0x01, 0xe1, // M=6 tol 5; B=3FDh (-3), accuracy low bits 3; accuracy high bits 0, exponent 3, direction 1; Rexp -2, Bexp 1
  0x07, 0xc8, 0xd2, 0xbe, 0x7f, 0x80, // analog flags; nominal 200; normal max 210; normal min 190; max 127; min -128
  0xe6, 0xdc, 0xd2, 0xaa, 0xb4, 0xbe, // unr ucr unc lnr lcr lnc
  0x02, 0x03, 0x00, 0x00, 0x5a, // hysteresis +2 -3; reserved; OEM 5Ah
  ...idStr('12V'),
];

describe('decodeRecord (IPMI v2.0 §43)', () => {
  it('parses the 5-byte header: record ID LS byte first, version, type, length (Table 43-1 bytes 1-5)', () => {
    expect(parseHeader(Uint8Array.of(0x34, 0x12, 0x51, 0x02, 0x20))).toEqual({ recordId: 0x1234, version: 0x51, type: 0x02, length: 0x20 });
    expect(() => parseHeader(Uint8Array.of(1, 2, 3))).toThrow(DecodeError);
  });

  it('full sensor record (§43.1 Table 43-1)', () => {
    const r = as(decodeRecord(rec(0x0102, SdrType.Full, FULL)), 'full');
    expect(r.recordId).toBe(0x0102);
    expect([r.ownerId, r.channel, r.ownerLun, r.sensorNumber]).toEqual([0x20, 3, 1, 0x41]);
    expect(r.entity).toEqual({ id: 7, instance: 1, logical: true });
    expect([r.sensorType, r.eventType, r.init, r.capabilities]).toEqual([0x02, 0x01, 0x7f, 0x68]);
    expect([r.assertionMask, r.deassertionMask, r.readingMask]).toEqual([0x7a95, 0x7a95, 0x3f3f]);
    expect([r.units1, r.baseUnit, r.modifierUnit]).toEqual([0x80, 4, 0]);
    expect(r.factors).toEqual({ analogFormat: 2, linearization: 0, m: 6, tolerance: 5, b: -3, accuracy: 3, accuracyExp: 3, rExp: -2, bExp: 1 });
    expect([r.analogFlags, r.nominal, r.normalMax, r.normalMin, r.sensorMax, r.sensorMin]).toEqual([7, 0xc8, 0xd2, 0xbe, 0x7f, 0x80]);
    expect(r.thresholds).toEqual({ unr: 0xe6, ucr: 0xdc, unc: 0xd2, lnr: 0xaa, lcr: 0xb4, lnc: 0xbe });
    expect([r.positiveHysteresis, r.negativeHysteresis, r.oem]).toEqual([2, 3, 0x5a]);
    expect(r.name).toBe('12V');
    expect(r.bytes.length).toBe(5 + FULL.length);
  });

  it('full record: 10-bit M and B and 4-bit exponents are two\'s complement, accuracy is 10 bits (Table 43-1 bytes 25-30)', () => {
    const body = [...FULL];
    body.splice(19, 6, 0xff, 0xc0 | 0x3f, 0x00, 0x80 | 0x2a, 0xf0 | 0x0c, 0x7f);
    const r = as(decodeRecord(rec(1, SdrType.Full, body)), 'full');
    // M = 3FFh = -1, tolerance 3Fh; B = 200h = -512; accuracy = 2Ah | (Fh << 6) = 3EAh, exponent 3; Rexp 7, Bexp -1.
    expect(r.factors).toMatchObject({ m: -1, tolerance: 0x3f, b: -512, accuracy: 0x3ea, accuracyExp: 3, rExp: 7, bExp: -1 });
  });

  it('compact sensor record (§43.2 Table 43-2): sharing, hysteresis, OEM and ID string at their own offsets', () => {
    const body = [
      0x20, 0x00, 0x40, 0x0a, 0x01, 0x67, 0x40, 0x08, 0x6f, 0x7f, 0x00, 0x7f, 0x00, 0x7f, 0x00,
      0xc0, 0x00, 0x00, // units: no analog reading
      0x02, 0x01, // share count 2, ID instance modifier
      0x04, 0x05, 0x00, 0x00, 0x00, 0x33, ...idStr('PS1 Status'),
    ];
    const r = as(decodeRecord(rec(7, SdrType.Compact, body)), 'compact');
    expect([r.sensorNumber, r.sensorType, r.eventType, r.share]).toEqual([0x40, 0x08, 0x6f, 0x0102]);
    expect([r.positiveHysteresis, r.negativeHysteresis, r.oem, r.name]).toEqual([4, 5, 0x33, 'PS1 Status']);
    expect(r.entity).toEqual({ id: 0x0a, instance: 1, logical: false });
  });

  it('event-only record (§43.3 Table 43-3): the name takes one byte more than the length code, as ipmitool prints it', () => {
    const body = [0x20, 0x00, 0x00, 0x2e, 0x01, 0x23, 0x6f, 0x01, 0x00, 0x00, 0x11, ...idStr('Watchdog')];
    const r = as(decodeRecord(rec(2, SdrType.EventOnly, body)), 'eventonly');
    expect([r.sensorNumber, r.sensorType, r.eventType, r.oem, r.name]).toEqual([0, 0x23, 0x6f, 0x11, 'Watchdog']);
    expect(r.entity.id).toBe(0x2e);
  });

  it('entity association record (§43.4 Table 43-4, type 08h): container and contained entities', () => {
    const body = [0x07, 0x01, 0x80, 0x03, 0x01, 0x03, 0x02, 0x1d, 0x01, 0x00, 0x00];
    const r = as(decodeRecord(rec(3, SdrType.EntityAssociation, body)), 'entity');
    expect(r.entity).toEqual({ id: 7, instance: 1, logical: false });
    expect(r.flags).toBe(0x80);
    expect(r.contained).toEqual([
      [3, 1],
      [3, 2],
      [0x1d, 1],
    ]);
  });

  it('device-relative entity association record (§43.5 Table 43-5, type 09h)', () => {
    const body = [0x07, 0x01, 0x20, 0x00, 0x00, 0x20, 0x00, 0x0a, 0x01, 0x20, 0x00, 0x0a, 0x02];
    const r = as(decodeRecord(rec(4, SdrType.DeviceEntityAssociation, body)), 'entity');
    expect(r.contained).toEqual([
      [0x0a, 1],
      [0x0a, 2],
    ]);
  });

  it('generic device locator (§43.7 Table 43-6)', () => {
    const body = [0x20, 0xa0, 0x4b, 0x60, 0x00, 0x10, 0x02, 0x0b, 0x01, 0x07, ...idStr('EEPROM')];
    const r = as(decodeRecord(rec(5, SdrType.GenericLocator, body)), 'generic');
    expect([r.accessAddress, r.slaveAddress, r.channel, r.lun, r.bus, r.addressSpan]).toEqual([0x20, 0xa0, 2, 1, 3, 3]);
    expect([r.deviceType, r.deviceTypeModifier, r.oem, r.name]).toEqual([0x10, 0x02, 0x07, 'EEPROM']);
  });

  it('FRU device locator (§43.8 Table 43-7): logical FRU device ID, LUN, bus, channel', () => {
    const body = [0x20, 0x01, 0x80 | 0x08 | 0x02, 0x30, 0x00, 0x10, 0x00, 0x0a, 0x01, 0x00, ...idStr('PSU1 FRU')];
    const r = as(decodeRecord(rec(6, SdrType.FruLocator, body)), 'fru');
    expect([r.accessAddress, r.fruDeviceId, r.logical, r.lun, r.bus, r.channel]).toEqual([0x20, 1, true, 1, 2, 3]);
    expect(r.name).toBe('PSU1 FRU');
  });

  it('management controller device locator (§43.9 Table 43-8)', () => {
    const body = [0x20, 0x00, 0x20 | 0x08 | 0x01, 0x9f, 0x00, 0x00, 0x00, 0x06, 0x01, 0x00, ...idStr('BMC')];
    const r = as(decodeRecord(rec(1, SdrType.McLocator, body)), 'mc');
    expect([r.slaveAddress, r.channel, r.powerStateNotification, r.globalInit, r.capabilities, r.name]).toEqual([0x20, 0, 1, 0x09, 0x9f, 'BMC']);
  });

  it('OEM record (§43.12 Table 43-11): 3-byte IANA manufacturer ID, LS byte first, then data', () => {
    const r = as(decodeRecord(rec(9, SdrType.Oem, [0x57, 0x01, 0x00, 0xde, 0xad])), 'oem');
    expect(r.manufacturerId).toBe(0x157);
    expect([...r.data]).toEqual([0xde, 0xad]);
  });

  it('an unknown record type decodes to kind "unknown", never an error', () => {
    const r = decodeRecord(rec(10, 0x14, [1, 2, 3]));
    expect(r.kind).toBe('unknown');
    expect(r.type).toBe(0x14);
    expect(decodeRecord(rec(11, 0x77, [])).kind).toBe('unknown');
  });

  it('a short record reads missing bytes as 0 (ipmitool reads its zero-filled copy)', () => {
    const r = as(decodeRecord(rec(12, SdrType.Full, FULL.slice(0, 20))), 'full');
    expect(r.sensorNumber).toBe(0x41);
    expect(r.thresholds).toEqual({ unr: 0, ucr: 0, unc: 0, lnr: 0, lcr: 0, lnc: 0 });
    expect(r.name).toBe('');
    expect(r.factors.b).toBe(0);
  });

  it('a zero-length ID string gives an empty name; a locator with code 0 too', () => {
    const body = [...FULL.slice(0, 42), 0xc0];
    expect(as(decodeRecord(rec(13, SdrType.Full, body)), 'full').name).toBe('');
    const mc = [0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x01, 0x00, 0x00];
    expect(as(decodeRecord(rec(14, SdrType.McLocator, mc)), 'mc').name).toBe('');
  });

  it('ID strings stop at 16 bytes and at the first NUL', () => {
    const long = [...FULL.slice(0, 42), 0xc0 | 20, ...Buffer.from('ABCDEFGHIJKLMNOPQRST')];
    expect(as(decodeRecord(rec(15, SdrType.Full, long)), 'full').name).toBe('ABCDEFGHIJKLMNOP');
    const nul = [...FULL.slice(0, 42), 0xc5, 0x41, 0x42, 0x00, 0x43, 0x44];
    expect(as(decodeRecord(rec(16, SdrType.Full, nul)), 'full').name).toBe('AB');
  });

  it('nameMatches compares like ipmitool: max(length code, typed length) bytes', () => {
    const r = as(decodeRecord(rec(17, SdrType.Full, [...FULL.slice(0, 42), ...idStr('FAN1')])), 'full');
    expect(nameMatches(r, 'FAN1')).toBe(true);
    expect(nameMatches(r, 'FAN')).toBe(false);
    expect(nameMatches(r, 'FAN12')).toBe(false);
    expect(nameMatches(r, 'fan1')).toBe(false);
  });
});
