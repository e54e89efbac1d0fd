/**
 * SEL event decoding and rendering against the real ipmitool 1.8.19 (golden files in
 * test/unit/golden/sel, captured from `sel readraw` of records.bin; records.py says how):
 * 793 records covering threshold offsets (IPMI v2.0 Table 42-2), generic event/reading types
 * 02h-0Ch, every sensor-specific offset of sensor types 00h-2Ch (Table 42-3), event data 2
 * qualified texts and the event data byte meanings of Table 29-6, OEM event and sensor types,
 * OEM record types C0h-FFh (§32.2, §32.3), pre-init and unspecified timestamps (§37.1).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { selEntry, type SelSensor } from '../sel/entry.js';
import { parseSelRecord, swapRawFileLayout, SEL_RECORD_SIZE } from '../sel/record.js';
import { renderers } from './sel.js';
import { cFixed, entriesTable, entryExtendedVerbose, entryJson, entryLine, entryVerbose } from './sel-entry.js';
import type { RenderOptions } from './types.js';

// The golden texts were captured with TZ=UTC (local time, zone "UTC").
process.env.TZ = 'UTC';

const golden = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/unit/golden/sel');
const read = (name: string): string => readFileSync(path.join(golden, name), 'latin1');
const o: RenderOptions = { verbose: 0, utc: false, color: false };

function entries() {
  const b = readFileSync(path.join(golden, 'records.bin'));
  const out = [];
  for (let at = 0; at < b.length; at += SEL_RECORD_SIZE) out.push(selEntry(parseSelRecord(swapRawFileLayout(b.subarray(at, at + SEL_RECORD_SIZE))), {}));
  return out;
}

/** ipmitool prints the date twice on the -v Timestamp line (issue #398). */
const dateTwice = (s: string): string => s.replace(/^( Timestamp {13}: )(.+) (\d\d:\d\d:\d\d \S+)$/gm, '$1$2 $2');

describe('sel records rendered as ipmitool renders them (TZ=UTC)', () => {
  it('one line per record (sel list): 793 records byte for byte', () => {
    const e = entries();
    expect(e).toHaveLength(793);
    expect(e.map((x) => entryLine(x, false, o)).join('')).toBe(read('readraw.txt'));
  });

  it('-c', () => {
    expect(
      entries()
        .map((x) => entryLine(x, true, o))
        .join(''),
    ).toBe(read('readraw-c.txt'));
  });

  it('-v: byte for byte except the Timestamp line, which ipmits prints with the time', () => {
    const ours = entries()
      .map((x) => entryVerbose(x, o))
      .join('');
    expect(dateTwice(ours)).toBe(read('readraw-v.txt'));
    expect(ours).toContain(' Timestamp             : 03/01/24 09:14:40 UTC\n');
    expect(ours).toContain(' Timestamp             : S+ 70/001 00:57:25 GMT\n');
    expect(ours).toContain(' Timestamp             : S+ 87/005 18:48:31 GMT\n');
  });

  it('known answers from bytes', () => {
    const line = (hex: string): string => entryLine(selEntry(parseSelRecord(Buffer.from(hex, 'hex')), {}), false, o);
    // §32.1: ID 0006, type 02, time 65e1a7b6h, generator 0020h, EvM 04, Temperature #02, threshold, 59h 60h 5Ah
    expect(line('060002b6a7e1652000040102015960 5a'.replace(' ', ''))).toBe(
      '   6 | 03/01/24 | 10:02:30 UTC | Temperature #0x02 | Upper Critical going high | Asserted\n',
    );
    // Deassertion (byte 13 bit 7), Table 42-2 offset 2 "Lower Critical going low " (trailing space kept)
    expect(line('0a0002b6a7e16520000402208152b3b4')).toBe('   a | 03/01/24 | 10:02:30 UTC | Voltage #0x20 | Lower Critical going low  | Deasserted\n');
    // Table 42-3 sensor type 0Fh offset 2 with event data 2 = 13h: "System boot initiated"
    expect(line('020002b6a7e1650100040f006fc213ff')).toBe('   2 | 03/01/24 | 10:02:30 UTC | System Firmwares | System boot initiated | Asserted\n');
    // Memory, sensor 0, event data 3 given (data 1 [5:4] = 10b): CPU 1 DIMM 3
    expect(line('130002b6a7e1652000040c006fa0ff31')).toBe('  13 | 03/01/24 | 10:02:30 UTC | Memory | Correctable ECC | Asserted | CPU 1 DIMM 3\n');
    // Pre-init stamp (below 20000000h, §37.1)
    expect(line('0100027500000020000401010159605a')).toBe('   1 |  Pre-Init  |0000000117| Temperature #0x01 | Upper Critical going high | Asserted\n');
    // OEM timestamped (§32.2): manufacturer ID LS byte first on the wire, printed MS byte first
    expect(line('1700c0b6a7e1659112 00deadbeef0102'.replace(' ', ''))).toBe('  17 | 03/01/24 | 10:02:30 UTC | OEM record c0 | 001291 | deadbeef0102\n');
    // OEM non-timestamped (§32.3)
    expect(line('1900e00102030405060708090a0b0c0d')).toBe('  19 | OEM record e0 | 0102030405060708090a0b0c0d\n');
  });
});

describe('elist: the SDR name and the trigger reading (Table 29-6)', () => {
  // CPU2 Temp: a full record, M = 1, degrees C.
  const sensor: SelSensor = { name: 'CPU2 Temp', recordType: 0x01, units: 'degrees C', convert: (raw) => raw };
  const rec = (d1: number, d2: number, d3: number, dir = 0x01) =>
    parseSelRecord(
      Buffer.from(
        `060002b6a7e16520000401 02${dir.toString(16).padStart(2, '0')}${[d1, d2, d3].map((x) => x.toString(16).padStart(2, '0')).join('')}`.replace(' ', ''),
        'hex',
      ),
    );

  it('reading and threshold, ">" going high, inverted for a deassertion', () => {
    expect(entryLine(selEntry(rec(0x59, 96, 95), {}, sensor), false, o)).toBe(
      '   6 | 03/01/24 | 10:02:30 UTC | Temperature CPU2 Temp | Upper Critical going high | Asserted | Reading 96 > Threshold 95 degrees C\n',
    );
    expect(entryLine(selEntry(rec(0x59, 93, 95, 0x81), {}, sensor), true, o)).toBe(
      '6,03/01/24,10:02:30 UTC,Temperature CPU2 Temp,Upper Critical going high,Deasserted,Reading 93 < Threshold 95 degrees C\n',
    );
  });

  it('byte 2 not a trigger reading: "Reading 0", no threshold when byte 3 is not one', () => {
    expect(entryLine(selEntry(rec(0x09, 0xff, 0xff), {}, sensor), false, o)).toBe(
      '   6 | 03/01/24 | 10:02:30 UTC | Temperature CPU2 Temp | Upper Critical going high | Asserted | Reading 0\n',
    );
  });

  it('fractional values: 2 decimals of the float, as glibc rounds', () => {
    const volts: SelSensor = { name: '12V', recordType: 0x01, units: 'Volts', convert: (raw) => raw * 0.06 };
    expect(entryLine(selEntry(rec(0x52, 179, 180), {}, volts), false, o)).toContain('| Reading 10.74 < Threshold 10.80 Volts\n');
    expect(cFixed(2.5, 0)).toBe('2');
    expect(cFixed(0.125, 2)).toBe('0.12');
    expect(cFixed(-1.5, 0)).toBe('-2');
  });

  it('compact and event-only records: the name only (no conversion factors)', () => {
    const compact: SelSensor = { name: 'PS1 Status', recordType: 0x02, units: '' };
    expect(entryLine(selEntry(rec(0x59, 96, 95), {}, compact), false, o)).toBe(
      '   6 | 03/01/24 | 10:02:30 UTC | Temperature PS1 Status | Upper Critical going high | Asserted\n',
    );
  });

  it("sel get: Trigger Reading / Threshold lines with the units run together (ipmitool's format)", () => {
    const s = entryExtendedVerbose(selEntry(rec(0x59, 96, 95), {}, sensor), o);
    expect(s).toContain(
      ' Event Data (RAW)      : 59605f\n Trigger Reading       : 96.000degrees C\n Trigger Threshold     : 95.000degrees C\n Description           : Upper Critical going high\n\n',
    );
    const oemBytes = entryExtendedVerbose(selEntry(rec(0xa9, 0x12, 0x34), {}, sensor), o);
    expect(oemBytes).toContain(' OEM Data              : 12\n OEM Data              : 34\n');
  });
});

describe('JSON', () => {
  it('field names are part of the interface (docs/json.md "sel")', () => {
    const e = selEntry(parseSelRecord(Buffer.from('1900e00102030405060708090a0b0c0d', 'hex')), {});
    expect(Object.keys(entryJson(e))).toEqual([
      'id',
      'recordType',
      'kind',
      'timestamp',
      'timestampSec',
      'preInit',
      'generatorId',
      'evmRevision',
      'sensorType',
      'sensorTypeName',
      'sensorNumber',
      'sensorName',
      'eventType',
      'eventTypeName',
      'direction',
      'event',
      'eventData',
      'reading',
      'memory',
      'manufacturerId',
      'oemData',
      'raw',
    ]);
    const info = { version: 0x51, entries: 0, freeBytes: 65535, lastAddTime: 0xffffffff, lastEraseTime: 0, operationSupport: 0x0f, length: 14 };
    expect(Object.keys(renderers['sel.info'].json!({ info }) as object)).toEqual([
      'version',
      'entries',
      'freeBytes',
      'freeBytesOrMore',
      'percentUsed',
      'lastAddTime',
      'lastAddTimeSec',
      'lastDeleteTime',
      'lastDeleteTimeSec',
      'overflow',
      'supportedCommands',
      'allocation',
    ]);
    expect(renderers['sel.info'].json!({ info })).toMatchObject({ freeBytesOrMore: true, percentUsed: null, lastAddTime: null, lastDeleteTime: null });
  });

  it('a threshold event', () => {
    const e = selEntry(parseSelRecord(Buffer.from('060002b6a7e165200004010201596 05a'.replace(/ /g, ''), 'hex')), {});
    expect(entryJson(e)).toMatchObject({
      id: 6,
      recordType: 2,
      kind: 'system',
      timestamp: '2024-03-01T10:02:30Z',
      timestampSec: 0x65e1a7b6,
      generatorId: 0x20,
      sensorType: 1,
      sensorTypeName: 'Temperature',
      sensorNumber: 2,
      sensorName: null,
      eventType: 1,
      eventTypeName: 'Threshold',
      direction: 'asserted',
      event: 'Upper Critical going high',
      eventData: '59605a',
      raw: '060002b6a7e1652000040102015960 5a'.replace(' ', ''),
    });
  });

  it('sel info', () => {
    const info = { version: 0x51, entries: 26, freeBytes: 15584, lastAddTime: 0x65e1a7b6, lastEraseTime: 0xffffffff, operationSupport: 0x0a, length: 14 };
    expect(renderers['sel.info'].text({ info }, o)).toBe(
      'SEL Information\nVersion          : 1.5 (v1.5, v2 compliant)\nEntries          : 26\nFree Space       : 15584 bytes \nPercent Used     : 2%\n' +
        "Last Add Time    : 03/01/24 10:02:30 UTC\nLast Del Time    : Not Available\nOverflow         : false\nSupported Cmds   : 'Delete' 'Reserve' \n",
    );
    expect(renderers['sel.info'].json!({ info })).toMatchObject({
      entries: 26,
      percentUsed: 2,
      lastAddTime: '2024-03-01T10:02:30Z',
      lastDeleteTime: null,
      supportedCommands: ['Delete', 'Reserve'],
    });
  });
});

describe('--table', () => {
  it('one row per record: ID, time, sensor, event, direction, detail', () => {
    const sensor: SelSensor = { name: 'CPU2 Temp', recordType: 0x01, units: 'degrees C', convert: (raw) => raw };
    const sys = selEntry(parseSelRecord(Buffer.from('060002b6a7e1652000040102015960 5f'.replace(' ', ''), 'hex')), {}, sensor);
    const oem = selEntry(parseSelRecord(Buffer.from('1900e00102030405060708090a0b0c0d', 'hex')), {});
    expect(entriesTable([sys, oem], o)).toEqual([
      {
        head: ['ID', 'Time', 'Sensor', 'Event', 'Direction', 'Detail'],
        rows: [
          ['6', '03/01/24 10:02:30 UTC', 'Temperature CPU2 Temp', 'Upper Critical going high', 'Asserted', 'Reading 96 > Threshold 95 degrees C'],
          ['19', '', 'OEM record e0', '0102030405060708090a0b0c0d', '', ''],
        ],
      },
    ]);
  });
});
