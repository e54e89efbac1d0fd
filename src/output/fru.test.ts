/**
 * fru renderers against text captured from the real ipmitool 1.8.19 (C locale, TZ=UTC) on
 * the simulator (test/unit/golden/fru/): the images are parsed, the data rendered, the
 * text compared byte for byte. variety.bin holds the rarer cases: unknown chassis type,
 * empty and one-character fields, unspecified date, BCD plus and binary extras, a power
 * supply with predictive fail, DC load, management access and OEM records.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FruDeviceView, FruPrint } from '../commands/fru/print.js';
import { parseFru } from '../fru/parse.js';
import { FRU0, FRU1, fruImage } from '../../test/sim/sim.js';
import { mfgDateText, renderers } from './fru.js';

const golden = (name: string): string => readFileSync(new URL(`../../test/unit/golden/fru/${name}`, import.meta.url), 'latin1');
const opts = (verbose = 0, utc = false) => ({ verbose, utc, color: false });

const device = (id: number, image: Buffer, description?: string): FruDeviceView => ({
  id,
  ...(description !== undefined ? { description } : {}),
  source: description === undefined ? 'id' : id === 0 ? 'builtin' : 'locator',
  status: 'ok',
  size: 512,
  byWords: false,
  inventory: parseFru(image),
});

const NAMES = { 0x001291: 'MontaVista Software, Inc.', 0x000157: 'Intel Corporation' };
const simAll: FruPrint = {
  all: true,
  devices: [device(0, fruImage(FRU0), 'Builtin FRU Device (ID 0)'), device(1, fruImage(FRU1), 'PSU1 FRU (ID 1)')],
  manufacturerNames: NAMES,
};
const text = renderers['fru.print'].text;

describe('fru print', () => {
  it('all devices (print-all.txt)', () => expect(text(simAll, opts())).toBe(golden('print-all.txt')));
  it('-v: FRU ID fields and multi-records (print-all-v.txt)', () => expect(text(simAll, opts(1))).toBe(golden('print-all-v.txt')));
  it('-Z: dates in UTC, zone GMT (print-1-utc-z.txt)', () => {
    expect(text({ all: false, devices: [device(1, fruImage(FRU1))], manufacturerNames: {} }, opts(0, true))).toBe(golden('print-1-utc-z.txt'));
  });

  const variety = readFileSync(new URL('../../test/unit/golden/fru/variety.bin', import.meta.url));
  const one: FruPrint = { all: false, devices: [device(0, variety)], manufacturerNames: NAMES };
  it('rare cases (variety.txt)', () => expect(text(one, opts())).toBe(golden('variety.txt')));
  it('rare cases with -v (variety-v.txt)', () => expect(text(one, opts(1))).toBe(golden('variety-v.txt')));
  it('all devices with a builtin FRU of rare cases (print-all-variety.txt)', () => {
    const all: FruPrint = {
      all: true,
      devices: [device(0, variety, 'Builtin FRU Device (ID 0)'), device(1, fruImage(FRU1), 'PSU1 FRU (ID 1)')],
      manufacturerNames: {},
    };
    expect(text(all, opts())).toBe(golden('print-all-variety.txt'));
  });

  it('an absent device (print-absent.txt)', () => {
    const d: FruDeviceView = { id: 5, source: 'id', status: 'absent', reason: 'Invalid data field in request' };
    expect(text({ all: false, devices: [d], manufacturerNames: {} }, opts())).toBe(golden('print-absent.txt'));
  });

  it('no FRU inventory bit: the header line only, no blank line', () => {
    const d: FruDeviceView = { id: 0, description: 'Builtin FRU Device (ID 0)', source: 'builtin', status: 'skipped' };
    expect(text({ all: true, devices: [d], manufacturerNames: {} }, opts())).toBe('FRU Device Description : Builtin FRU Device (ID 0)\n');
  });

  it('unsupported locator: one line and the blank line', () => {
    const d: FruDeviceView = { id: 3, description: 'DIMM (ID 3)', source: 'locator', status: 'unsupported', reason: 'Unsupported device' };
    expect(text({ all: true, devices: [d], manufacturerNames: {} }, opts())).toBe('FRU Device Description : DIMM (ID 3)\n Unsupported device\n\n');
  });
});

describe('Board Mfg Date: %c %Z of minutes since 1996-01-01 (FRU spec §11 Table 11-1)', () => {
  it.each([
    [0, 'Unspecified'],
    [1, 'Mon Jan  1 00:01:00 1996 UTC'],
    [14419320, 'Thu Jun  1 10:00:00 2023 UTC'],
    [0xffffff, 'Wed Nov 24 20:15:00 2027 UTC'],
  ])('%d → %s', (m, s) => expect(mfgDateText(m, { utc: false })).toBe(s));
});

describe('--json', () => {
  it('areas as nested objects', () => {
    const doc = renderers['fru.print'].json!(simAll) as Record<string, unknown>[];
    expect(doc).toHaveLength(2);
    expect(doc[0]).toMatchObject({
      id: 0,
      description: 'Builtin FRU Device (ID 0)',
      status: 'ok',
      size: 512,
      access: 'bytes',
      header: { version: 1, checksumOk: true },
      chassis: { typeName: 'Rack Mount Chassis', partNumber: { value: 'CH-4711-01', encoding: 'text' }, checksumOk: true },
      board: { mfgDate: '2023-06-01T10:00:00.000Z', mfgDateMinutes: 14419320 },
      product: { version: { value: '1.0' }, assetTag: { value: 'ASSET-0042' } },
      problems: [],
    });
    const mr = (doc[0] as { multiRecords: { typeName: string; decoded: { kind: string; manufacturerName?: string } }[] }).multiRecords;
    expect(mr.map((m) => m.typeName)).toEqual(['DC Output', 'OEM']);
    expect(mr[1]!.decoded).toMatchObject({ kind: 'oem', manufacturerName: 'MontaVista Software, Inc.' });
  });

  it('fru edit', () => {
    const e = { id: 0, section: 'p' as const, index: 5, value: 'B', old: 'A', resized: false, done: true };
    expect(renderers['fru.edit'].text(e, opts(1))).toBe("FRU ID           : 0\nUpdating Field 'A' with 'B' ...\n");
    expect(renderers['fru.edit'].text({ ...e, resized: true }, opts())).toBe('String size are not equal, resizing fru to fit new string\n');
    expect(renderers['fru.edit'].text({ ...e, old: undefined, refused: 'Field not found !' }, opts())).toBe('Field not found !\n');
    expect(renderers['fru.edit'].json!(e)).toEqual({ id: 0, section: 'p', index: 5, value: 'B', old: 'A', resized: false, refused: null, done: true });
  });

  it('fru read / write', () => {
    const t = { id: 1, file: '/tmp/f', size: 512, byWords: false, written: 100, done: true };
    expect(renderers['fru.write'].json!(t)).toEqual({ id: 1, file: '/tmp/f', size: 512, access: 'bytes', written: 100, done: true });
    expect(renderers['fru.read'].text(t, opts(1))).toBe(
      'FRU ID           : 1\nFRU File         : /tmp/f\nFru Size   = 512 bytes\nFru Access = 0h\nFru Size         : 512 bytes\nDone\n',
    );
    expect(renderers['fru.write'].text(t, opts())).toBe('Fru Size         : 512 bytes\nSize to Write    : 100 bytes\n');
  });
});
