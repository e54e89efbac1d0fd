/**
 * Known-answer vectors for the Chassis commands (netFn 00h) behind `chassis` and `power`:
 * request bytes as ipmitool 1.8.19 sends them (`ipmitool -vv` / ipmi_chassis.c) and
 * response bytes laid out as in the IPMI v2.0 tables cited per test.
 */
import { describe, expect, it } from 'vitest';
import { fromHex as bytes, hex } from '../../codec.js';
import { DecodeError } from '../../../errors.js';
import { NetFn } from '../../netfn.js';
import { ChassisControl, chassisControl } from './chassis-control.js';
import { chassisIdentify } from './chassis-identify.js';
import { getChassisStatus } from './get-chassis-status.js';
import { getPohCounter } from './get-poh-counter.js';
import { getSystemBootOptions } from './get-system-boot-options.js';
import { getSystemRestartCause } from './get-system-restart-cause.js';
import { PowerPolicy, setPowerRestorePolicy } from './set-power-restore-policy.js';
import { BootParam, setSystemBootOptions } from './set-system-boot-options.js';

describe('command numbers (IPMI v2.0 Appendix G, Chassis netFn 00h)', () => {
  it.each([
    { cmd: getChassisStatus, code: 0x01 },
    { cmd: chassisControl, code: 0x02 },
    { cmd: chassisIdentify, code: 0x04 },
    { cmd: setPowerRestorePolicy, code: 0x06 },
    { cmd: getSystemRestartCause, code: 0x07 },
    { cmd: setSystemBootOptions, code: 0x08 },
    { cmd: getSystemBootOptions, code: 0x09 },
    { cmd: getPohCounter, code: 0x0f },
  ])('$cmd.name', ({ cmd, code }) => {
    expect(cmd.netFn).toBe(NetFn.Chassis);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toMatch(/^IPMI v2\.0 §28\.\d+$/);
  });
});

describe('Get Chassis Status (§28.2 Table 28-3)', () => {
  it('no request data', () => {
    expect(hex(getChassisStatus.encode())).toBe('');
  });

  it('four bytes: power state, last power event, misc state, front panel', () => {
    // on, restore policy "previous" (bits 6:5 = 01b); last event: power on via IPMI (bit 4);
    // misc: chassis identify on indefinitely (bits 5:4 = 10b); front panel: all buttons may be disabled.
    expect(getChassisStatus.decode(bytes('21 10 20 f0'))).toEqual({ power: 0x21, lastEvent: 0x10, misc: 0x20, frontPanel: 0xf0 });
  });

  it('the front panel byte is optional: absent, not invented', () => {
    const s = getChassisStatus.decode(bytes('01 00 00'));
    expect(s).toEqual({ power: 1, lastEvent: 0, misc: 0 });
    expect('frontPanel' in s).toBe(false);
  });

  it('fewer than three bytes cannot be read', () => {
    expect(() => getChassisStatus.decode(bytes('01 00'))).toThrow(DecodeError);
  });
});

describe('Chassis Control (§28.3 Table 28-4)', () => {
  it.each([
    ['power off', ChassisControl.PowerDown, '00'],
    ['power on', ChassisControl.PowerUp, '01'],
    ['power cycle', ChassisControl.PowerCycle, '02'],
    ['power reset', ChassisControl.HardReset, '03'],
    ['power diag', ChassisControl.PulseDiag, '04'],
    ['power soft', ChassisControl.AcpiSoft, '05'],
  ])('%s sends %s', (_, control, want) => {
    expect(hex(chassisControl.encode({ control }))).toBe(want);
  });

  it('only bits 3:0 are the control (bits 7:4 reserved)', () => {
    expect(hex(chassisControl.encode({ control: 0xf2 }))).toBe('02');
  });
});

describe('Chassis Identify (§28.5 Table 28-6)', () => {
  it('chassis identify (default interval): no request data', () => {
    expect(hex(chassisIdentify.encode({}))).toBe('');
  });

  it('chassis identify 30: one byte, the interval in seconds', () => {
    expect(hex(chassisIdentify.encode({ interval: 30 }))).toBe('1e');
  });

  it('chassis identify force: interval 0 and byte 2 bit 0 = force on indefinitely', () => {
    expect(hex(chassisIdentify.encode({ force: true }))).toBe('0001');
  });
});

describe('Set Power Restore Policy (§28.8 Table 28-9)', () => {
  it.each([
    ['always-off', PowerPolicy.AlwaysOff, '00'],
    ['previous', PowerPolicy.Previous, '01'],
    ['always-on', PowerPolicy.AlwaysOn, '02'],
    ['list (no change)', PowerPolicy.NoChange, '03'],
  ])('%s sends %s', (_, policy, want) => {
    expect(hex(setPowerRestorePolicy.encode({ policy }))).toBe(want);
  });

  it('the response is the bit mask of supported policies (bit n = policy n)', () => {
    expect(setPowerRestorePolicy.decode(bytes('07'))).toEqual({ supported: 7 });
    expect(() => setPowerRestorePolicy.decode(bytes(''))).toThrow(DecodeError);
  });
});

describe('Get System Restart Cause (§28.11 Table 28-11)', () => {
  it('cause in bits 3:0 of byte 1 (bits 7:4 reserved), then the channel', () => {
    expect(getSystemRestartCause.decode(bytes('f7 0e'))).toEqual({ cause: 7, channel: 0x0e });
  });

  it('the channel byte is optional', () => {
    expect(getSystemRestartCause.decode(bytes('01'))).toEqual({ cause: 1 });
  });
});

describe('Set System Boot Options (§28.12 Table 28-13)', () => {
  it('chassis bootdev pxe: boot flags (parameter 5) valid, PXE (0100b in byte 2 bits 5:2)', () => {
    expect(hex(setSystemBootOptions.encode({ param: BootParam.BootFlags, data: bytes('80 04 00 00 00') }))).toBe('058004000000');
  });

  it('set in progress (parameter 0): set complete', () => {
    expect(hex(setSystemBootOptions.encode({ param: BootParam.SetInProgress, data: bytes('00') }))).toBe('0000');
  });

  it('the parameter selector is 7 bits', () => {
    expect(hex(setSystemBootOptions.encode({ param: 0x85, data: bytes('') }))).toBe('05');
  });

  it('names the parameter-specific completion codes 80h-82h', () => {
    expect(setSystemBootOptions.completionCodes).toEqual({
      0x80: 'Unsupported parameter',
      0x81: "Attempt to set 'in progress' while not in 'complete' state",
      0x82: 'Parameter is read-only',
    });
  });
});

describe('Get System Boot Options (§28.13 Table 28-14)', () => {
  it('chassis bootparam get 5 sends parameter 5, set 0, block 0', () => {
    expect(hex(getSystemBootOptions.encode({ param: 5 }))).toBe('050000');
    expect(hex(getSystemBootOptions.encode({ param: 4, setSelector: 1, blockSelector: 2 }))).toBe('040102');
  });

  it('version (bits 3:0), parameter (bits 6:0, bit 7 = invalid/locked), then the data', () => {
    const o = getSystemBootOptions.decode(bytes('01 05 80 04 00 00 00'));
    expect({ ...o, data: hex(o.data) }).toEqual({ version: 1, param: 5, invalid: false, data: '8004000000' });
    expect(getSystemBootOptions.decode(bytes('f1 85 00'))).toMatchObject({ version: 1, param: 5, invalid: true });
  });

  it('fewer than two bytes cannot be read; 80h is "Unsupported parameter"', () => {
    expect(() => getSystemBootOptions.decode(bytes('01'))).toThrow(DecodeError);
    expect(getSystemBootOptions.completionCodes?.[0x80]).toBe('Unsupported parameter');
  });
});

describe('Get POH Counter (§28.14 Table 28-15)', () => {
  it('minutes per count, then the counter LS byte first', () => {
    expect(getPohCounter.decode(bytes('3c 10 27 00 00'))).toEqual({ minutesPerCount: 60, count: 10000 });
    expect(getPohCounter.decode(bytes('01 ff ff ff ff'))).toEqual({ minutesPerCount: 1, count: 0xffffffff });
  });

  it('a short counter cannot be read', () => {
    expect(() => getPohCounter.decode(bytes('3c 10 27 00'))).toThrow(DecodeError);
  });
});
