/**
 * Known-answer vectors for the SDR repository commands (Storage netFn 0Ah, §33) and the
 * sensor and device-SDR commands (Sensor/Event netFn 04h, §35) behind `sdr` and `sensor`,
 * laid out as in the IPMI v2.0 tables cited per test.
 */
import { describe, expect, it } from 'vitest';
import { fromHex as bytes, hex } from '../../codec.js';
import { DecodeError } from '../../../errors.js';
import { NetFn } from '../../netfn.js';
import { getSdr } from '../storage/get-sdr.js';
import { getSdrRepositoryInfo } from '../storage/get-sdr-repository-info.js';
import { reserveSdrRepository } from '../storage/reserve-sdr-repository.js';
import { getDeviceSdr } from './get-device-sdr.js';
import { getDeviceSdrInfo } from './get-device-sdr-info.js';
import { getSensorEventEnable } from './get-sensor-event-enable.js';
import { getSensorEventStatus } from './get-sensor-event-status.js';
import { getSensorHysteresis } from './get-sensor-hysteresis.js';
import { getSensorReadingFactors } from './get-sensor-reading-factors.js';
import { reserveDeviceSdrRepository } from './reserve-device-sdr-repository.js';
import { setSensorThresholds } from './set-sensor-thresholds.js';

describe('command numbers (IPMI v2.0 Appendix G)', () => {
  it.each([
    { cmd: getSdrRepositoryInfo, netFn: NetFn.Storage, code: 0x20, section: '33.9' },
    { cmd: reserveSdrRepository, netFn: NetFn.Storage, code: 0x22, section: '33.11' },
    { cmd: getSdr, netFn: NetFn.Storage, code: 0x23, section: '33.12' },
    { cmd: getDeviceSdrInfo, netFn: NetFn.SensorEvent, code: 0x20, section: '35.2' },
    { cmd: getDeviceSdr, netFn: NetFn.SensorEvent, code: 0x21, section: '35.3' },
    { cmd: reserveDeviceSdrRepository, netFn: NetFn.SensorEvent, code: 0x22, section: '35.4' },
    { cmd: getSensorReadingFactors, netFn: NetFn.SensorEvent, code: 0x23, section: '35.5' },
    { cmd: getSensorHysteresis, netFn: NetFn.SensorEvent, code: 0x25, section: '35.7' },
    { cmd: setSensorThresholds, netFn: NetFn.SensorEvent, code: 0x26, section: '35.8' },
    { cmd: getSensorEventEnable, netFn: NetFn.SensorEvent, code: 0x29, section: '35.11' },
    { cmd: getSensorEventStatus, netFn: NetFn.SensorEvent, code: 0x2b, section: '35.13' },
  ])('$cmd.name', ({ cmd, netFn, code, section }) => {
    expect(cmd.netFn).toBe(netFn);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toBe(`IPMI v2.0 §${section}`);
  });
});

describe('Get SDR Repository Info (§33.9 Table 33-3)', () => {
  it('version, count and free space (LS first), two IPMI timestamps, operation support', () => {
    const raw = bytes('51 2a 00 fe ff 00 00 5f 65 ff ff ff ff 2f');
    expect(getSdrRepositoryInfo.decode(raw)).toEqual({
      version: 0x51,
      recordCount: 42,
      freeSpace: 0xfffe,
      addTimestamp: 0x655f0000,
      eraseTimestamp: 0xffffffff,
      operations: 0x2f,
      raw,
    });
  });

  it('a missing operation support byte reads as nothing supported; a short timestamp cannot be read', () => {
    expect(getSdrRepositoryInfo.decode(bytes('51 01 00 00 10 00 00 00 00 00 00 00 00')).operations).toBe(0);
    expect(() => getSdrRepositoryInfo.decode(bytes('51 01 00 00 10 00 00 00 00 00 00 00'))).toThrow(DecodeError);
  });
});

describe('Reserve SDR Repository (§33.11) and Reserve Device SDR Repository (§35.4)', () => {
  it('no request data; the reservation ID LS byte first', () => {
    expect(hex(reserveSdrRepository.encode())).toBe('');
    expect(reserveSdrRepository.decode(bytes('34 12'))).toBe(0x1234);
    expect(hex(reserveDeviceSdrRepository.encode())).toBe('');
    expect(reserveDeviceSdrRepository.decode(bytes('01 00'))).toBe(1);
  });

  it('one byte is not a reservation ID', () => {
    expect(() => reserveSdrRepository.decode(bytes('34'))).toThrow(DecodeError);
  });
});

describe('Get SDR (§33.12 Table 33-5) and Get Device SDR (§35.3 Table 35-3)', () => {
  it('reservation, record ID (both LS first), offset, bytes to read', () => {
    expect(hex(getSdr.encode({ reservation: 0x1234, recordId: 0x0102, offset: 5, length: 0x10 }))).toBe('3412020105' + '10');
    // The first read of a record: no reservation, the 5-byte header.
    expect(hex(getSdr.encode({ reservation: 0, recordId: 0, offset: 0, length: 5 }))).toBe('000000000005');
    expect(hex(getDeviceSdr.encode({ reservation: 1, recordId: 0xffff, offset: 0, length: 0xff }))).toBe('0100ffff00ff');
  });

  it('the next record ID (LS first, FFFFh after the last), then the bytes read', () => {
    const c = getSdr.decode(bytes('02 00 01 00 51 01 33'));
    expect({ next: c.nextRecordId, data: hex(c.data) }).toEqual({ next: 2, data: '0100510133' });
    expect(getDeviceSdr.decode(bytes('ff ff')).nextRecordId).toBe(0xffff);
    expect(() => getSdr.decode(bytes('02'))).toThrow(DecodeError);
  });

  it('80h is "Record changed" for both', () => {
    expect(getSdr.completionCodes?.[0x80]).toBe('Record changed');
    expect(getDeviceSdr.completionCodes?.[0x80]).toBe('Record changed');
  });
});

describe('Get Device SDR Info (§35.2 Table 35-2)', () => {
  it('asks for the SDR count (operation 01h)', () => {
    expect(hex(getDeviceSdrInfo.encode())).toBe('01');
  });

  it('count, flags, and with dynamic population the change indicator (LS first)', () => {
    const raw = bytes('07 81 78 56 34 12');
    expect(getDeviceSdrInfo.decode(raw)).toEqual({ count: 7, flags: 0x81, changeIndicator: 0x12345678, raw });
  });

  it('static population: no change indicator; a missing flags byte reads as 0', () => {
    const s = getDeviceSdrInfo.decode(bytes('03 01'));
    expect(s).toMatchObject({ count: 3, flags: 1 });
    expect('changeIndicator' in s).toBe(false);
    expect(getDeviceSdrInfo.decode(bytes('03')).flags).toBe(0);
  });
});

describe('Get Sensor Reading Factors (§35.5 Table 35-6)', () => {
  it('sensor number and raw reading; next reading, then full-record bytes 24-29', () => {
    expect(hex(getSensorReadingFactors.encode({ sensorNumber: 0x30, reading: 0x80 }))).toBe('3080');
    const f = getSensorReadingFactors.decode(bytes('90 02 00 00 00 00 e0'));
    expect({ next: f.nextReading, factors: hex(f.factors) }).toEqual({ next: 0x90, factors: '0200000000e0' });
    expect(() => getSensorReadingFactors.decode(bytes('90 02 00 00 00 00'))).toThrow(DecodeError);
  });
});

describe('Get Sensor Hysteresis (§35.7 Table 35-8)', () => {
  it('sensor number, then FFh (reserved for the hysteresis mask); positive then negative', () => {
    expect(hex(getSensorHysteresis.encode(0x01))).toBe('01ff');
    expect(getSensorHysteresis.decode(bytes('02 03'))).toEqual({ positive: 2, negative: 3 });
    expect(() => getSensorHysteresis.decode(bytes('02'))).toThrow(DecodeError);
  });
});

describe('Set Sensor Thresholds (§35.8 Table 35-9)', () => {
  it('sensor thresh "CPU1 Temp" ucr 95: mask bit 4, the value in the ucr slot, the others 0', () => {
    expect(hex(setSensorThresholds.encode({ sensorNumber: 0x01, values: { ucr: 95 } }))).toBe('0110' + '000000005f00');
  });

  it('mask bits 0-5 = lnc, lcr, lnr, unc, ucr, unr; data bytes in the same order', () => {
    const all = { lnc: 1, lcr: 2, lnr: 3, unc: 4, ucr: 5, unr: 6 };
    expect(hex(setSensorThresholds.encode({ sensorNumber: 0x20, values: all }))).toBe('203f010203040506');
    expect(hex(setSensorThresholds.encode({ sensorNumber: 0x20, values: { lnc: 10, unr: 200 } }))).toBe('20210a00000000c8');
  });
});

describe('Get Sensor Event Enable (§35.11 Table 35-12) and Get Sensor Event Status (§35.13 Table 35-14)', () => {
  it('one request byte, the sensor number; the response kept as received, whatever its length', () => {
    expect(hex(getSensorEventEnable.encode(0x13))).toBe('13');
    expect(hex(getSensorEventStatus.encode(0x13))).toBe('13');
    expect(hex(getSensorEventEnable.decode(bytes('c0 95 0a 95 0a')))).toBe('c0950a950a');
    expect(hex(getSensorEventStatus.decode(bytes('c0 00')))).toBe('c000');
  });
});
