/**
 * Known-answer vectors for the DCMI commands (DCMI v1.5, Group Extension netFn 2Ch, group
 * identification DCh): requests as laid out in the tables cited, replies built per field.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../errors.js';
import { describeCommandCode } from '../../completion-codes.js';
import { NetFn } from '../../netfn.js';
import { activatePowerLimit } from './activate-power-limit.js';
import { getAssetTag } from './get-asset-tag.js';
import { getDcmiCapabilitiesInfo } from './get-dcmi-capabilities-info.js';
import { getDcmiConfigurationParameters } from './get-dcmi-configuration-parameters.js';
import { getDcmiSensorInfo } from './get-dcmi-sensor-info.js';
import { getMcIdString } from './get-mc-id-string.js';
import { getPowerLimit } from './get-power-limit.js';
import { getPowerReading } from './get-power-reading.js';
import { getTemperatureReadings } from './get-temperature-readings.js';
import { getThermalLimit } from './get-thermal-limit.js';
import { setPowerLimit } from './set-power-limit.js';
import { setAssetTag } from './set-asset-tag.js';
import { setMcIdString } from './set-mc-id-string.js';
import { setDcmiConfigurationParameters } from './set-dcmi-configuration-parameters.js';
import { setThermalLimit } from './set-thermal-limit.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('command numbers (DCMI v1.5 Table 6-1)', () => {
  it.each([
    { cmd: getDcmiCapabilitiesInfo, code: 0x01 },
    { cmd: getPowerReading, code: 0x02 },
    { cmd: getPowerLimit, code: 0x03 },
    { cmd: setPowerLimit, code: 0x04 },
    { cmd: activatePowerLimit, code: 0x05 },
    { cmd: getAssetTag, code: 0x06 },
    { cmd: setAssetTag, code: 0x08 },
    { cmd: setMcIdString, code: 0x0a },
    { cmd: getDcmiSensorInfo, code: 0x07 },
    { cmd: getMcIdString, code: 0x09 },
    { cmd: getThermalLimit, code: 0x0c },
    { cmd: getTemperatureReadings, code: 0x10 },
    { cmd: getDcmiConfigurationParameters, code: 0x13 },
    { cmd: setDcmiConfigurationParameters, code: 0x12 },
    { cmd: setThermalLimit, code: 0x0b },
  ])('$cmd.name', ({ cmd, code }) => {
    expect(cmd.netFn).toBe(NetFn.Group);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toMatch(/^DCMI v1\.5 §6\.\d+(\.\d+)*$/);
  });
});

describe('Get DCMI Capabilities Info (§6.1.1)', () => {
  it('request DCh + selector; reply DCh, conformance 1.5, revision 02h, parameter data', () => {
    expect(hex(getDcmiCapabilitiesInfo.encode({ selector: 1 }))).toBe('dc01');
    expect(getDcmiCapabilitiesInfo.decode(bytes('dc 01 05 02 0f 01 3d'))).toEqual({ major: 1, minor: 5, revision: 2, data: bytes('0f013d') });
  });
  it('a reply that is not DCMI (first byte not DCh) is a DecodeError', () => {
    expect(() => getDcmiCapabilitiesInfo.decode(bytes('00 01 05 02'))).toThrow(DecodeError);
  });
});

describe('power (§6.6)', () => {
  it('Get Power Reading mode 1 and enhanced mode 2 with a rolling average code', () => {
    expect(hex(getPowerReading.encode({ mode: 1 }))).toBe('dc010000');
    expect(hex(getPowerReading.encode({ mode: 2, averaging: 0x41 }))).toBe('dc024100');
    const r = getPowerReading.decode(bytes('dc 4001 6400 f401 2c01 00e1f565 e8030000 40'));
    expect(r).toEqual({ current: 320, minimum: 100, maximum: 500, average: 300, timestamp: 0x65f5e100, period: 1000, active: true });
  });
  it('Get Power Limit: action, limit, correction time, sampling period (reserved bytes skipped)', () => {
    expect(hex(getPowerLimit.encode())).toBe('dc0000');
    expect(getPowerLimit.decode(bytes('dc 0000 01 2c01 e8030000 0000 0100'))).toEqual({ action: 1, limit: 300, correctionMs: 1000, samplingSec: 1 });
    expect(describeCommandCode(getPowerLimit, 0x80)).toBe('No Active Set Power Limit');
  });
  it('Set Power Limit: 15 bytes, least significant byte first', () => {
    expect(hex(setPowerLimit.encode({ action: 0x11, limit: 250, correctionMs: 6000, samplingSec: 5 }))).toBe(
      'dc000000' + '11' + 'fa00' + '70170000' + '0000' + '0500',
    );
  });
  it('Activate/Deactivate Power Limit', () => {
    expect(hex(activatePowerLimit.encode({ activate: true }))).toBe('dc010000');
    expect(hex(activatePowerLimit.encode({ activate: false }))).toBe('dc000000');
  });
});

describe('strings (§6.4.2, §6.4.6.1)', () => {
  it('Get Asset Tag: offset and length; reply total length then the bytes', () => {
    expect(hex(getAssetTag.encode({ offset: 16, length: 4 }))).toBe('dc1004');
    expect(getAssetTag.decode(bytes('dc 14 41535345'))).toEqual({ total: 20, bytes: bytes('41535345') });
  });
  it('Set Asset Tag (§6.4.3) and Set Management Controller Identifier String (§6.4.6.2): offset, length, bytes; reply total length', () => {
    expect(hex(setAssetTag.encode({ offset: 16, bytes: Buffer.from('ROW') }))).toBe('dc1003' + Buffer.from('ROW').toString('hex'));
    expect(setAssetTag.decode(bytes('dc 13'))).toEqual({ total: 19 });
    expect(hex(setMcIdString.encode({ offset: 0, bytes: Buffer.from('bmc\0') }))).toBe('dc0004626d6300');
  });

  it('Get Management Controller Identifier String', () => {
    expect(hex(getMcIdString.encode({ offset: 0, length: 1 }))).toBe('dc0001');
    expect(getMcIdString.decode(bytes('dc 03 626d63')).bytes.toString()).toBe('bmc');
  });
});

describe('temperature (§6.5.2, §6.7.2, §6.7.3)', () => {
  it('Get DCMI Sensor Info: type 01h, entity, instance 0, start; record IDs LS byte first', () => {
    expect(hex(getDcmiSensorInfo.encode({ entityId: 0x40, offset: 0 }))).toBe('dc01400000');
    expect(getDcmiSensorInfo.decode(bytes('dc 02 02 0100 0500'))).toEqual({ total: 2, recordIds: [1, 5] });
  });
  it('Get Temperature Readings: signed-magnitude degrees (bit 7 negative) and instance', () => {
    expect(hex(getTemperatureReadings.encode({ entityId: 0x41, instance: 0, start: 0 }))).toBe('dc01410000');
    expect(getTemperatureReadings.decode(bytes('dc 02 02 2d01 8502'))).toEqual({
      total: 2,
      readings: [
        { celsius: 45, instance: 1 },
        { celsius: -5, instance: 2 },
      ],
    });
  });
  it('Set Thermal Limit (§6.7.1): entity, instance, actions (b7 persist, b6 power off, b5 SEL), limit, time LS byte first', () => {
    expect(hex(setThermalLimit.encode({ entityId: 0x41, instance: 2, exceptionActions: 0xc0, temperatureLimit: 90, exceptionTimeSec: 300 }))).toBe(
      'dc4102c05a2c01',
    );
  });

  it('Get Thermal Limit: exception actions, limit, exception time', () => {
    expect(hex(getThermalLimit.encode({ entityId: 0x40, instance: 1 }))).toBe('dc4001');
    expect(getThermalLimit.decode(bytes('dc c0 50 1e00'))).toEqual({ exceptionActions: 0xc0, temperatureLimit: 80, exceptionTimeSec: 30 });
  });
});

describe('Set DCMI Configuration Parameters (§6.1.2)', () => {
  it('parameter, set selector 0, data (parameters 4 and 5: 16 bits, LS byte first)', () => {
    expect(hex(setDcmiConfigurationParameters.encode({ param: 1, data: Uint8Array.of(1) }))).toBe('dc010001');
    expect(hex(setDcmiConfigurationParameters.encode({ param: 4, data: Uint8Array.of(0x2c, 0x01) }))).toBe('dc04002c01');
  });
});

describe('Get DCMI Configuration Parameters (§6.1.3)', () => {
  it('parameter, set; reply conformance, revision, data', () => {
    expect(hex(getDcmiConfigurationParameters.encode({ param: 4 }))).toBe('dc0400');
    expect(getDcmiConfigurationParameters.decode(bytes('dc 01 05 01 2c01'))).toEqual({ major: 1, minor: 5, revision: 1, data: bytes('2c01') });
  });
});
