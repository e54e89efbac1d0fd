/**
 * Known-answer vectors for the SEL, FRU and event commands: replies as ipmi_sim sent them
 * (captured with `ipmitool raw 0x0a ...` against test/sim) or laid out from the IPMI v2.0
 * tables cited per test.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../errors.js';
import { describeCommandCode } from '../../completion-codes.js';
import { NetFn } from '../../netfn.js';
import { platformEvent } from '../sensor/platform-event.js';
import { addSelEntry } from './add-sel-entry.js';
import { clearSel, CLEAR_GET_STATUS, CLEAR_INITIATE } from './clear-sel.js';
import { deleteSelEntry } from './delete-sel-entry.js';
import { getFruInventoryAreaInfo } from './get-fru-inventory-area-info.js';
import { getSelAllocationInfo } from './get-sel-allocation-info.js';
import { getSelEntry } from './get-sel-entry.js';
import { getSelInfo } from './get-sel-info.js';
import { getSelTime } from './get-sel-time.js';
import { readFruData } from './read-fru-data.js';
import { reserveSel } from './reserve-sel.js';
import { setSelTime } from './set-sel-time.js';
import { writeFruData } from './write-fru-data.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('command numbers (IPMI v2.0 Appendix G)', () => {
  it.each([
    { cmd: getFruInventoryAreaInfo, netFn: NetFn.Storage, code: 0x10 },
    { cmd: readFruData, netFn: NetFn.Storage, code: 0x11 },
    { cmd: writeFruData, netFn: NetFn.Storage, code: 0x12 },
    { cmd: getSelInfo, netFn: NetFn.Storage, code: 0x40 },
    { cmd: getSelAllocationInfo, netFn: NetFn.Storage, code: 0x41 },
    { cmd: reserveSel, netFn: NetFn.Storage, code: 0x42 },
    { cmd: getSelEntry, netFn: NetFn.Storage, code: 0x43 },
    { cmd: addSelEntry, netFn: NetFn.Storage, code: 0x44 },
    { cmd: deleteSelEntry, netFn: NetFn.Storage, code: 0x46 },
    { cmd: clearSel, netFn: NetFn.Storage, code: 0x47 },
    { cmd: getSelTime, netFn: NetFn.Storage, code: 0x48 },
    { cmd: setSelTime, netFn: NetFn.Storage, code: 0x49 },
    { cmd: platformEvent, netFn: NetFn.SensorEvent, code: 0x02 },
  ])('$cmd.name', ({ cmd, netFn, code }) => {
    expect(cmd.netFn).toBe(netFn);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toMatch(/^IPMI v2\.0 §\d+\.\d+$/);
  });
});

describe('SEL commands (IPMI v2.0 §31)', () => {
  it('Get SEL Info §31.2: ipmi_sim with 26 entries, Delete and Reserve supported', () => {
    expect(getSelInfo.decode(bytes('51 1a00 e03c a317e265 00000000 0a'))).toEqual({
      version: 0x51,
      entries: 26,
      freeBytes: 15584,
      lastAddTime: 0x65e217a3,
      lastEraseTime: 0,
      operationSupport: 0x0a,
      length: 14,
    });
    expect(() => getSelInfo.decode(bytes('51 1a00 e03c'))).toThrow(DecodeError);
  });

  it('Get SEL Allocation Info §31.3', () => {
    expect(getSelAllocationInfo.decode(bytes('0004 1000 f003 f003 01'))).toEqual({
      allocationUnits: 1024,
      unitSize: 16,
      freeUnits: 1008,
      largestFreeBlock: 1008,
      maxRecordSize: 1,
    });
  });

  it('Reserve SEL §31.4', () => {
    expect(reserveSel.encode()).toHaveLength(0);
    expect(reserveSel.decode(bytes('0100'))).toBe(1);
    expect(describeCommandCode(reserveSel, 0x81)).toBe('Cannot execute command, SEL erase in progress');
  });

  it('Get SEL Entry §31.5: first record, whole-record read; a record and the next ID', () => {
    expect(hexOf(getSelEntry.encode({ recordId: 0 }))).toBe('00000000' + '00ff');
    expect(hexOf(getSelEntry.encode({ reservation: 0x1234, recordId: 0xffff, offset: 5, length: 4 }))).toBe('3412ffff0504');
    const r = getSelEntry.decode(bytes('0200 0100 02 008be165 2000 04 12 72 6f 05ffff'));
    expect(r.nextRecordId).toBe(2);
    expect(r.record.toString('hex')).toBe('01000200' + '8be165200004' + '12726f05ffff');
    expect(getSelEntry.decode(bytes('ffff 1a00 ff f0e1d2c3b4a5968778695a4b3c')).nextRecordId).toBe(0xffff);
  });

  it('Add SEL Entry §31.6: exactly 16 bytes', () => {
    const rec = bytes('0000 02 00000000 4100 04 01 30 01 09ffff');
    expect(hexOf(addSelEntry.encode(rec))).toBe(rec.toString('hex'));
    expect(() => addSelEntry.encode(rec.subarray(0, 15))).toThrow(DecodeError);
    expect(addSelEntry.decode(bytes('1b00'))).toBe(0x1b);
  });

  it('Delete SEL Entry §31.8', () => {
    expect(hexOf(deleteSelEntry.encode({ reservation: 0x0102, recordId: 5 }))).toBe('02010500');
    expect(deleteSelEntry.decode(bytes('0500'))).toBe(5);
    expect(deleteSelEntry.decode(bytes(''))).toBeUndefined();
  });

  it('Clear SEL §31.9: "CLR" and AAh (initiate) or 00h (status)', () => {
    expect(hexOf(clearSel.encode({ reservation: 1, action: CLEAR_INITIATE }))).toBe('0100434c52aa');
    expect(hexOf(clearSel.encode({ reservation: 1, action: CLEAR_GET_STATUS }))).toBe('0100434c5200');
    expect(clearSel.decode(bytes('01'))).toEqual({ completed: true });
    expect(clearSel.decode(bytes('00'))).toEqual({ completed: false });
    expect(clearSel.decode(bytes(''))).toEqual({});
  });

  it('Get/Set SEL Time §31.10-11: little-endian seconds', () => {
    expect(getSelTime.decode(bytes('98f3056b'))).toBe(0x6b05f398);
    expect(() => getSelTime.decode(bytes('98f305'))).toThrow('Get SEL Time command failed: Invalid data length 3');
    expect(hexOf(setSelTime.encode(1685613600))).toBe('206c7864');
  });
});

describe('FRU commands (IPMI v2.0 §34)', () => {
  it('Get FRU Inventory Area Info §34.1: 512 bytes, byte access', () => {
    expect(getFruInventoryAreaInfo.encode(1)).toEqual(Uint8Array.of(1));
    expect(getFruInventoryAreaInfo.decode(bytes('000200'))).toEqual({ size: 512, byWords: false });
    expect(getFruInventoryAreaInfo.decode(bytes('800001'))).toEqual({ size: 128, byWords: true });
    expect(getFruInventoryAreaInfo.decode(bytes('0002'))).toEqual({ size: 512, byWords: false });
  });

  it('Read FRU Data §34.2: offset LS byte first; count and data back (ipmi_sim, 8 bytes at 1F8h)', () => {
    expect(hexOf(readFruData.encode({ fruId: 0, offset: 0x1f8, count: 32 }))).toBe('00f80120');
    expect(readFruData.decode(bytes('08 0000000000000000'))).toEqual({ count: 8, data: Buffer.alloc(8) });
    expect(describeCommandCode(readFruData, 0x81)).toBe('FRU device busy');
  });

  it('Write FRU Data §34.3', () => {
    expect(hexOf(writeFruData.encode({ fruId: 1, offset: 0x0102, data: bytes('aabb') }))).toBe('010201aabb');
    expect(writeFruData.decode(bytes('02'))).toBe(2);
    expect(describeCommandCode(writeFruData, 0x80)).toBe('Write-protected offset');
  });
});

describe('Platform Event Message (IPMI v2.0 §29.3, Table 29-5)', () => {
  it('LAN form (no generator ID) and system-interface form (generator ID first)', () => {
    const e = { evmRevision: 4, sensorType: 1, sensorNumber: 0x30, eventDirType: 0x01, eventData: [0x09, 0xff, 0xff] as const };
    expect(hexOf(platformEvent.encode(e))).toBe('0401300109ffff');
    expect(hexOf(platformEvent.encode({ ...e, generatorId: 0x41 }))).toBe('410401300109ffff');
  });
});
