/** Boot option parameter data decoded field by field: IPMI v2.0 §28.13 Table 28-14 (the bytes after the parameter byte). */
import { describe, expect, it } from 'vitest';
import { fromHex as bytes } from '../../ipmi/codec.js';
import { decodeBootFlags, decodeBootParam } from './bootparam-decode.js';

describe('decodeBootFlags (parameter 5)', () => {
  it('chassis bootdev pxe: 80 04 00 00 00 = valid, once, legacy, device 1 (Force PXE)', () => {
    expect(decodeBootFlags(bytes('80 04 00 00 00'))).toEqual({
      valid: true,
      persistent: false,
      efiBoot: false,
      cmosClear: false,
      lockKeyboard: false,
      device: 1,
      screenBlank: false,
      lockOutResetButtons: false,
      lockOutPowerButton: false,
      biosVerbosity: 0,
      forceProgressEventTraps: false,
      userPasswordBypass: false,
      lockOutSleepButton: false,
      consoleRedirection: 0,
      biosSharedModeOverride: false,
      biosMuxControl: 0,
    });
  });

  it('every bit set: byte 1 bits 7:5, byte 2 bits 7:0 (device in 5:2), byte 3 bits 7:0, byte 4 bits 3:0', () => {
    expect(decodeBootFlags(bytes('e0 ff ff 0f 00'))).toEqual({
      valid: true,
      persistent: true,
      efiBoot: true,
      cmosClear: true,
      lockKeyboard: true,
      device: 0x0f,
      screenBlank: true,
      lockOutResetButtons: true,
      lockOutPowerButton: true,
      biosVerbosity: 3,
      forceProgressEventTraps: true,
      userPasswordBypass: true,
      lockOutSleepButton: true,
      consoleRedirection: 3,
      biosSharedModeOverride: true,
      biosMuxControl: 7,
    });
  });

  it('one field at a time: device 0Fh (bits 5:2 of byte 2 = 3Ch), verbosity 2 (bits 6:5 of byte 3 = 40h), mux 1', () => {
    expect(decodeBootFlags(bytes('00 3c 40 01 00'))).toMatchObject({
      device: 0x0f,
      cmosClear: false,
      screenBlank: false,
      biosVerbosity: 2,
      lockOutPowerButton: false,
      biosMuxControl: 1,
    });
  });

  it('missing bytes read as 0', () => {
    expect(decodeBootFlags(bytes('80'))).toMatchObject({ valid: true, device: 0, biosVerbosity: 0, biosMuxControl: 0 });
  });
});

describe('decodeBootParam', () => {
  it.each([
    ['00', 'set complete'],
    ['01', 'set in progress'],
    ['02', 'commit write'],
    ['07', 'error, reserved bit'],
  ])('parameter 0 (set in progress), %s: %s (bits 1:0)', (data, want) => {
    expect(decodeBootParam(0, bytes(data))).toEqual({ param: 0, setInProgress: want });
  });

  it('parameter 1: the service partition selector', () => {
    expect(decodeBootParam(1, bytes('05'))).toEqual({ param: 1, servicePartitionSelector: 5 });
  });

  it('parameter 2: bit 0 = request BIOS scan, bit 1 = service partition discovered', () => {
    expect(decodeBootParam(2, bytes('02'))).toEqual({ param: 2, requestBiosScan: false, servicePartitionDiscovered: true });
  });

  it('parameter 3 (boot flag valid bit clearing): bits 4:0', () => {
    expect(decodeBootParam(3, bytes('11'))).toEqual({
      param: 3,
      dontClearOnPef: true,
      dontClearOnTimeout: false,
      dontClearOnWatchdog: false,
      dontClearOnPushButtonReset: false,
      dontClearOnPowerUp: true,
    });
  });

  it('parameter 4 (boot info acknowledge): byte 1 is the write mask, byte 2 the flags', () => {
    expect(decodeBootParam(4, bytes('ff 0a'))).toEqual({
      param: 4,
      handledByOem: false,
      handledBySms: true,
      handledByOsServicePartition: false,
      handledByOsLoader: true,
      handledByBiosPost: false,
    });
  });

  it('parameter 6 (boot initiator info): channel (bits 3:0), session ID and timestamp LS byte first', () => {
    expect(decodeBootParam(6, bytes('fe 78 56 34 12 00 00 5f 65'))).toEqual({ param: 6, channel: 0x0e, sessionId: 0x12345678, timestamp: 0x655f0000 });
  });

  it('parameter 5 is the boot flags; others are not decoded', () => {
    expect(decodeBootParam(5, bytes('80 04 00 00 00'))).toMatchObject({ param: 5, valid: true, device: 1 });
    expect(decodeBootParam(7, bytes('00'))).toEqual({ param: 7, unsupported: true });
  });
});
