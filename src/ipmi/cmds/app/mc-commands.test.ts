/**
 * Known-answer vectors for the commands behind `mc`: bytes as ipmi_sim sent them
 * (captured with `ipmitool raw`, see test/unit/golden/mc/cases.tsv) or as laid out
 * in the IPMI v2.0 tables cited per test.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../errors.js';
import { describeCommandCode } from '../../completion-codes.js';
import { NetFn } from '../../netfn.js';
import { coldReset } from './cold-reset.js';
import { getBmcGlobalEnables, GlobalEnable } from './get-bmc-global-enables.js';
import { getDeviceId } from './get-device-id.js';
import { getSystemGuid } from './get-system-guid.js';
import { getSystemInfoParameters } from './get-system-info-parameters.js';
import { getWatchdogTimer } from './get-watchdog-timer.js';
import { resetWatchdogTimer } from './reset-watchdog-timer.js';
import { setBmcGlobalEnables } from './set-bmc-global-enables.js';
import { setSystemInfoParameters } from './set-system-info-parameters.js';
import { setWatchdogTimer } from './set-watchdog-timer.js';
import { warmReset } from './warm-reset.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

describe('command numbers (IPMI v2.0 Appendix G, App netFn 06h)', () => {
  it.each([
    { cmd: coldReset, code: 0x02 },
    { cmd: warmReset, code: 0x03 },
    { cmd: resetWatchdogTimer, code: 0x22 },
    { cmd: setWatchdogTimer, code: 0x24 },
    { cmd: getWatchdogTimer, code: 0x25 },
    { cmd: setBmcGlobalEnables, code: 0x2e },
    { cmd: getBmcGlobalEnables, code: 0x2f },
    { cmd: getSystemGuid, code: 0x37 },
    { cmd: setSystemInfoParameters, code: 0x58 },
    { cmd: getSystemInfoParameters, code: 0x59 },
  ])('$cmd.name', ({ cmd, code }) => {
    expect(cmd.netFn).toBe(NetFn.App);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toMatch(/^IPMI v2\.0 §\d+\.\d+[ab]?$/);
  });

  it('the resets carry no request data', () => {
    expect([...coldReset.encode()]).toEqual([]);
    expect([...warmReset.encode()]).toEqual([]);
  });
});

describe('Get Device ID (§20.1 Table 20-2) as mc info reads it', () => {
  it('ipmi_sim: device 20h, rev 3, fw 2.45, IPMI 2.0, MontaVista (4753), product 5253h, aux 00000000', () => {
    const d = getDeviceId.decode(bytes('20 03 02 45 02 9f 91 12 00 53 52 00 00 00 00'));
    expect(d).toMatchObject({
      deviceId: 0x20,
      deviceRevision: 3,
      providesDeviceSdrs: false,
      deviceAvailable: true,
      firmwareMajor: 2,
      firmwareMinor: 0x45,
      ipmiVersion: 0x02,
      additionalSupport: 0x9f,
      manufacturerId: 4753,
      productId: 0x5253,
      length: 15,
    });
    expect(d.auxFirmware?.toString('hex')).toBe('00000000');
  });

  it('byte 2 bit 7 = provides device SDRs; byte 3 bit 7 = update in progress (not available)', () => {
    const d = getDeviceId.decode(bytes('20 83 92 99 51 ff 7c 2a 00 01 00'));
    expect(d).toMatchObject({
      deviceRevision: 3,
      providesDeviceSdrs: true,
      deviceAvailable: false,
      firmwareMajor: 0x12,
      ipmiVersion: 0x51,
      manufacturerId: 10876,
      productId: 1,
      length: 11,
    });
    expect(d.auxFirmware).toBeUndefined();
  });
});

describe('Get System GUID (§22.14)', () => {
  it('hands back the 16 bytes as sent', () => {
    const raw = bytes('2e 8c 22 6a bc bc 3c 8d 90 49 a6 b6 cf da cd c5');
    expect(getSystemGuid.decode(raw).equals(raw)).toBe(true);
  });

  it.each([15, 17, 0])('%i bytes: ipmitool\'s "Unexpected data length received."', (n) => {
    expect(() => getSystemGuid.decode(Buffer.alloc(n))).toThrow(DecodeError);
    expect(() => getSystemGuid.decode(Buffer.alloc(n))).toThrow('Unexpected data length received.');
  });
});

describe('Get Watchdog Timer (§27.7)', () => {
  it('8 data bytes: use, actions, pre-timeout, flags, initial and present countdown (LS first)', () => {
    // SMS/OS running, no log; NMI pre-timeout + power cycle; 10 s; FRB2 and OEM expired; 300.0 s; 123.4 s
    expect(getWatchdogTimer.decode(bytes('c4 23 0a 22 b8 0b d2 04'))).toEqual({
      use: 0xc4,
      actions: 0x23,
      preTimeoutSec: 10,
      expirationFlags: 0x22,
      initialCountdown: 3000,
      presentCountdown: 1234,
    });
  });

  it('ipmi_sim sends 6 bytes: the present countdown is absent, not invented', () => {
    const w = getWatchdogTimer.decode(bytes('44 00 05 00 2c 01'));
    expect(w).toEqual({ use: 0x44, actions: 0, preTimeoutSec: 5, expirationFlags: 0, initialCountdown: 300 });
    expect('presentCountdown' in w).toBe(false);
  });

  it('fewer than 4 bytes cannot be read', () => {
    expect(() => getWatchdogTimer.decode(bytes('44 00 05'))).toThrow(DecodeError);
  });
});

describe('Set Watchdog Timer (§27.6) and Reset Watchdog Timer (§27.5)', () => {
  it('mc watchdog off sends what ipmitool sends: 04 00 00 10 b8 0b', () => {
    const req = { use: 4, action: 0, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0x10, initialCountdown: 3000 };
    expect(setWatchdogTimer.encode(req).toString()).toBe(bytes('04 00 00 10 b8 0b').toString());
  });

  it("don't log (bit 7), don't stop (bit 6), interrupt in bits 6:4 of byte 2", () => {
    const req = { use: 5, noLog: true, dontStop: true, action: 3, preTimeoutInterrupt: 2, preTimeoutSec: 255, clearFlags: 0x3e, initialCountdown: 65530 };
    expect(Buffer.from(setWatchdogTimer.encode(req)).toString('hex')).toBe('c523ff3efaff');
  });

  it("ipmi_sim's junk reply data is ignored", () => {
    expect(setWatchdogTimer.decode(bytes('ae 03 30 51 56 00 00 56 e0 b3 1f 9f'))).toBeUndefined();
  });

  it("Reset: completion code 80h in ipmitool's words", () => {
    expect(describeCommandCode(resetWatchdogTimer, 0x80)).toBe('Attempt to reset uninitialized watchdog');
    expect(describeCommandCode(resetWatchdogTimer, 0xc1)).toBe('Invalid command');
  });
});

describe('BMC Global Enables (§22.1, §22.2)', () => {
  it('ipmi_sim: 08h = System Event Logging only', () => {
    expect(getBmcGlobalEnables.decode(bytes('08'))).toEqual({ enables: GlobalEnable.SystemEventLogging });
  });
  it('bit masks: 0-3, reserved 4, OEM 5-7', () => {
    expect(Object.values(GlobalEnable)).toEqual([0x01, 0x02, 0x04, 0x08, 0x20, 0x40, 0x80]);
  });
  it('Set sends the one byte', () => {
    expect([...setBmcGlobalEnables.encode({ enables: 0x2c })]).toEqual([0x2c]);
  });
  it('an empty reply cannot be read', () => {
    expect(() => getBmcGlobalEnables.decode(Buffer.alloc(0))).toThrow(DecodeError);
  });
});

describe('System Info Parameters (§22.14a, §22.14b)', () => {
  it('Get: [get/revision-only, selector, set, block]', () => {
    expect([...getSystemInfoParameters.encode({ param: 2, set: 1, block: 0 })]).toEqual([0x00, 0x02, 0x01, 0x00]);
    expect([...getSystemInfoParameters.encode({ param: 0xde, set: 0, block: 0, revisionOnly: true })]).toEqual([0x80, 0xde, 0x00, 0x00]);
  });
  it('Get reply: revision, then the parameter data', () => {
    const r = getSystemInfoParameters.decode(bytes('11 00 00 05 68 6f 73 74 31'));
    expect(r.revision).toBe(0x11);
    expect(r.data.toString('hex')).toBe('000005686f737431');
  });
  it('Set: selector, then the data', () => {
    expect([...setSystemInfoParameters.encode({ param: 2, data: Uint8Array.of(0, 0, 3, 0x61) })]).toEqual([2, 0, 0, 3, 0x61]);
  });
  it('command-specific completion codes', () => {
    expect(describeCommandCode(getSystemInfoParameters, 0x80)).toBe('Parameter not supported');
    expect(describeCommandCode(setSystemInfoParameters, 0x82)).toBe('Attempt to write read-only parameter');
  });
});
