/**
 * sel through ipmitool 1.8.19 and ipmits on the simulator (26 seeded entries: threshold,
 * generic and sensor-specific discrete, OEM C0h-DFh and E0h-FFh), over lanplus and lan:
 * stdout and stderr byte for byte. Commands that change the SEL run on simulators of their
 * own and are checked by reading back with ipmitool. Known differences are asserted as such
 * (docs/compatibility.md): the Timestamp line of -v and `sel get` (ipmitool prints the date
 * twice), the exit status where ipmitool exits 0 after an error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame, exitRuleFor, type Iface, type Pair } from '../support/diff.js';
import { runIpmitool, runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-sel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): string => path.join(dir, name);

const READS: string[][] = [
  ['sel'],
  ['sel', 'info'],
  ['sel', 'list'],
  ['sel', 'elist'],
  ['-c', 'sel', 'list'],
  ['-c', 'sel', 'elist'],
  ['sel', 'list', '3'],
  ['sel', 'list', '0'],
  ['sel', 'list', 'first', '5'],
  ['sel', 'list', 'last', '4'],
  ['sel', 'list', 'last', '100'],
  ['sel', 'elist', 'last', '2'],
  ['sel', 'elist', 'first', '0x3'],
  ['-c', 'sel', 'elist', 'last', '6'],
  ['sel', 'list', '1', '2', '3'],
  // Records whose sensor has no SDR (sel get prints no sensor block for them), OEM records.
  ['sel', 'get', '0x19'],
  ['sel', 'get', '0x19', '0x1a'],
  ['sel', 'get', '26', '25'],
];

const USAGE: string[][] = [
  ['sel', 'help'],
  ['sel', 'bogus'],
  ['sel', 'list', 'first'],
  ['sel', 'list', 'foo', '2'],
  ['sel', 'list', '1x'],
  ['sel', 'elist', 'last', 'many'],
  ['sel', 'get', 'help'],
  ['sel', 'get', 'zz'],
  ['sel', 'get', '999'],
  ['sel', 'get', '0x10000'],
  ['sel', 'delete', 'help'],
  ['sel', 'readraw', '/nonexistent/sel.bin'],
  ['sel', 'add', '/nonexistent/events.txt'],
];

/** A required argument missing: ipmitool prints its usage line and exits 0; ipmits the same line, exit 2. */
const MISSING: string[][] = [
  ['sel', 'get'],
  ['sel', 'delete'],
  ['sel', 'time'],
  ['sel', 'time', 'set'],
  ['sel', 'time', 'bogus'],
  ['sel', 'save'],
  ['sel', 'add'],
  ['sel', 'writeraw'],
  ['sel', 'readraw'],
  ['sel', 'ereadraw'],
];

/** ipmitool prints the date twice on the Timestamp line (issue #398); ipmits prints date and time. */
function dateTwice(ours: string): string {
  return ours.replace(/^( Timestamp {13}: )(.+) (\d\d:\d\d:\d\d \S+)$/gm, '$1$2 $2');
}

/** -v: ipmitool's own diagnostics on stderr are not compared; stdout differs only in the Timestamp lines. */
function expectDateFixed(p: Pair): void {
  expect(p.ours.code === 0).toBe(p.theirs.code === 0);
  expect(p.ours.stdout).not.toBe(p.theirs.stdout);
  expect(dateTwice(p.ours.stdout)).toBe(p.theirs.stdout);
}

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  const c = (...args: string[]): string[] => [...conn(simulator(), iface), ...args];

  it.each(READS.map((a) => [a.join(' '), a] as const))('%s', async (_, args) => {
    expectSame(await both(c(...args)));
  });

  it.each(USAGE.map((a) => [a.join(' '), a] as const))('usage and bad arguments: %s', async (_, args) => {
    expectSame(await both(c(...args)), exitRuleFor(args));
  });

  it.each(MISSING.map((a) => [a.join(' '), a] as const))("a missing argument: ipmitool's usage line, exit 2: %s", async (_, args) => {
    const p = await both(c(...args));
    expectSame(p, { exit: 'fixed' });
    expect(p.ours.code).toBe(2);
    expect(p.ours.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('sel time get (the clock may tick between the two clients)', async () => {
    const p = await both(c('sel', 'time', 'get'));
    expect(p.ours.code).toBe(0);
    const secs = (s: string): number => Date.parse(s.replace(/^(\d\d)\/(\d\d)\/(\d\d) (\S+) UTC\n$/, '20$3-$1-$2T$4Z'));
    expect(p.ours.stdout).toMatch(/^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d UTC\n$/);
    expect(secs(p.ours.stdout) - secs(p.theirs.stdout)).toBeGreaterThanOrEqual(0);
    expect(secs(p.ours.stdout) - secs(p.theirs.stdout)).toBeLessThanOrEqual(1000);
  });

  it('-v sel list, -v sel elist, sel get: the Timestamp line shows the time', async () => {
    const p = await both(c('-v', 'sel', 'list'));
    expectDateFixed(p);
    expect(p.ours.stdout).toContain('SEL Record ID          : 0001\n Record Type           : 02\n Timestamp             : 03/01/24 08:00:00 UTC\n');
    expectDateFixed(await both(c('-v', 'sel', 'elist', 'last', '5')));
    expectDateFixed(await both(c('sel', 'get', '1', '2', '19', '20', '21', '23', '24')));
  });

  it('sel get of records whose sensor has an SDR: then the sensor (as sensor get) and the FRUs of its entity', async () => {
    // 5: CPU2 Temp (full, threshold); 0x11: Watchdog (event-only); 3: PS1 Status (compact, entity 10.1 with the PSU1 FRU locator).
    for (const args of [
      ['sel', 'get', '5'],
      ['sel', 'get', '0x11'],
      ['sel', 'get', '3'],
      ['sel', 'get', '5', '1', '0x11', '3'],
      ['-c', 'sel', 'get', '3', '7'],
      ['-v', 'sel', 'get', '9'],
    ]) {
      const p = await both(c(...args));
      expect(p.ours.code === 0).toBe(p.theirs.code === 0);
      expect(dateTwice(p.ours.stdout), args.join(' ')).toBe(p.theirs.stdout);
    }
    const p = await both(c('sel', 'get', '3', '5'));
    expect(p.ours.stdout).toContain('FRU Device Description : PSU1 FRU (ID 1)\n');
    expect(p.ours.stdout).toContain('----------------------\n\nSEL Record ID          : 0005\n');
  });

  it('sel save / writeraw write what ipmitool writes; readraw and ereadraw read it back', async () => {
    for (const [verb, ext] of [
      ['save', 'txt'],
      ['writeraw', 'bin'],
    ] as const) {
      const theirs = await runIpmitool(c('sel', verb, file(`theirs-${iface}.${ext}`)));
      const ours = await runIpmits(c('sel', verb, file(`ours-${iface}.${ext}`)));
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(0);
      expect(readFileSync(file(`ours-${iface}.${ext}`))).toEqual(readFileSync(file(`theirs-${iface}.${ext}`)));
    }
    const raw = file(`theirs-${iface}.bin`);
    expectSame(await both(c('sel', 'readraw', raw)));
    expectSame(await both(c('-c', 'sel', 'readraw', raw)));
    expectSame(await both(c('sel', 'ereadraw', raw)));
    expectDateFixed(await both(c('-v', 'sel', 'readraw', raw)));
    // A file that ends inside a record.
    writeFileSync(file('short.bin'), readFileSync(raw).subarray(0, 40));
    expectSame(await both(c('sel', 'readraw', file('short.bin'))));
  });

  it("sel save to a file that cannot be written: ipmitool's error, then nothing more (ipmitool lists the SEL, exits 0)", async () => {
    const p = await both(c('sel', 'save', '/nonexistent/dir/sel.txt'));
    expect(p.ours.stderr).toBe(p.theirs.stderr);
    expect(p.ours.stderr).toBe('Unable to open file /nonexistent/dir/sel.txt for write: No such file or directory\n');
    expect(p.theirs.code).toBe(0);
    expect(p.theirs.stdout).toContain('Timestamp Clock Sync');
    expect(p.ours.code).not.toBe(0);
    expect(p.ours.stdout).toBe('');
  });

  it('--json sel elist: id, timestamp, sensor, event text, direction, raw bytes', async () => {
    const r = await runIpmits(c('--json', 'sel', 'elist'));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { entries: Record<string, unknown>[] };
    expect(doc.entries).toHaveLength(26);
    expect(doc.entries[5]).toMatchObject({
      id: 6,
      timestamp: '2024-03-01T09:00:30Z',
      timestampSec: 1709283630,
      sensorType: 1,
      sensorTypeName: 'Temperature',
      sensorNumber: 2,
      sensorName: 'CPU2 Temp',
      event: 'Upper Critical going high',
      direction: 'asserted',
      reading: { trigger: 96, threshold: 95, units: 'degrees C' },
    });
    expect(doc.entries[22]).toMatchObject({ id: 23, kind: 'oem-timestamped', recordType: 0xc0, sensorName: null });
    expect(doc.entries[24]).toMatchObject({ id: 25, kind: 'oem', timestamp: null, oemData: '0102030405060708090a0b0c0d' });
  });
});

describe('sel commands that change the log (a simulator of their own)', () => {
  const own = useSim();
  const c = (...args: string[]): string[] => [...conn(own(), 'lanplus'), ...args];
  /** ipmitool's -c list without the record ID and time columns (the BMC assigns those). */
  const events = (csv: string): string[] =>
    csv
      .trim()
      .split('\n')
      .map((l) => l.split(',').slice(3).join(','));

  it('sel add: the same output, and ipmitool reads back the same records', async () => {
    const events7 = [
      '# two threshold events, a sensor-specific one, a generic one',
      '0x04 0x01 0x02 0x01 0x59 0x60 0x5f # Temperature #0x02 Upper Critical going high',
      '0x04 0x02 0x20 0x81 0x52 0xb3 0xb4',
      '  0x04 0x08 0x40 0x6f 0x01 0xff 0xff',
      '0x04 0x09 0x52 0x0b 0x01 0xff 0xff',
      '',
    ].join('\n');
    writeFileSync(file('add.txt'), events7);
    const p = await both(c('sel', 'add', file('add.txt')));
    expectSame(p);
    expect(p.ours.stdout.split('\n')[0]).toBe('   0 |  Pre-Init  |0000000000| Temperature #0x02 | Upper Critical going high | Asserted');
    const back = await runIpmitool(c('-c', 'sel', 'list', 'last', '8'));
    const rows = events(back.stdout);
    expect(rows).toHaveLength(8);
    expect(rows.slice(4)).toEqual(rows.slice(0, 4));
    expect(back.stdout.split('\n')[4]).toMatch(/^[0-9a-f]+,\d\d\/\d\d\/\d\d,\d\d:\d\d:\d\d UTC,Temperature #0x02,Upper Critical going high,Asserted$/);
  });

  it('sel add: a bad line is reported and skipped', async () => {
    writeFileSync(file('bad.txt'), '0x04 0x01\n0x04 0x01 0x02 0x01 0x59 0x60 0x5f\n');
    const p = await both(c('sel', 'add', file('bad.txt')));
    expect(p.ours.stdout).toBe(p.theirs.stdout);
    // ipmitool exits 0; ipmits sends the good lines and then fails (exit 1).
    expect(p.theirs.code).toBe(0);
    expect(p.ours.code).toBe(1);
    // ipmitool dumps its uninitialised buffer; ipmits the bytes it read.
    expect(p.ours.stderr).toBe('Invalid Event: 0401000000000000\n');
    expect(p.theirs.stderr).toMatch(/^Invalid Event: 0401[0-9a-f]{12}\n$/);
  });

  it('sel delete: reverse argument order, invalid IDs named, ipmitool no longer finds them', async () => {
    const before = await runIpmitool(c('-c', 'sel', 'list'));
    const ids = before.stdout
      .trim()
      .split('\n')
      .map((l) => parseInt(l.split(',')[0]!, 16));
    const r = await runIpmits(c('sel', 'delete', String(ids[0]), 'x', `0x${ids[1]!.toString(16)}`));
    expect(r.stdout).toBe(`Deleted entry ${ids[1]}\nDeleted entry ${ids[0]}\n`);
    expect(r.stderr).toBe("Given SEL ID 'x' is invalid.\n");
    expect(r.code).not.toBe(0);
    const t = await runIpmitool(c('sel', 'delete', String(ids[2]), 'x'));
    expect(t.stdout).toBe(`Deleted entry ${ids[2]}\n`);
    expect(t.stderr).toBe("Given SEL ID 'x' is invalid.\n");
    const after = await runIpmitool(c('-c', 'sel', 'list'));
    expect(after.stdout.trim().split('\n')).toHaveLength(ids.length - 3);
    // Deleting a record that is gone: the same refusal from both.
    expectSame(await both(c('sel', 'delete', String(ids[0]))));
    expectSame(await both(c('sel', 'get', String(ids[0]))));
  });

  it('sel time set: the same parse as ipmitool (C locale %x %X, two-digit year), read back with ipmitool', async () => {
    for (const bad of ['06/01/2023 10:00:00', '13/01/23 10:00:00', '06/01/23', 'yesterday', '06/01/23 24:00:00']) {
      expectSame(await both(c('sel', 'time', 'set', bad)));
    }
    const r = await runIpmits(c('sel', 'time', 'set', '06/01/23 10:00:00'));
    expect(r.stdout).toMatch(/^06\/01\/23 10:00:0[01] UTC\n$/);
    expect((await runIpmitool(c('sel', 'time', 'get'))).stdout).toMatch(/^06\/01\/23 10:00:0[0-2] UTC\n$/);
    const t = await runIpmitool(c('sel', 'time', 'set', '7/4/99 1:2:3'));
    const o = await runIpmits(c('sel', 'time', 'set', '7/4/99 1:2:3'));
    expect(t.stdout).toMatch(/^07\/04\/99 01:02:0[34] UTC\n$/);
    expect(o.stdout).toMatch(/^07\/04\/99 01:02:0[34] UTC\n$/);
    const now = await runIpmits(c('sel', 'time', 'set', 'NOW'));
    const [, mm, dd, yy] = /^(\d\d)\/(\d\d)\/(\d\d) /.exec(now.stdout) ?? [];
    const d = new Date();
    expect(`${mm}/${dd}/${yy}`).toBe(
      `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCFullYear() % 100).padStart(2, '0')}`,
    );
  });

  it('sel clear: under a reservation; ipmitool then finds the log empty', async () => {
    expectSame(await both(c('sel', 'clear')));
    const info = await runIpmitool(c('sel', 'info'));
    expect(info.stdout).toMatch(/^Entries {10}: 0$/m);
    expectSame(await both(c('sel', 'list')));
    expectSame(await both(c('sel', 'elist', 'last', '3')));
    expect((await runIpmits(c('sel', 'list'))).stderr).toBe('SEL has no entries\n');
    const j = await runIpmits(c('--json', 'sel', 'clear'));
    expect(JSON.parse(j.stdout)).toMatchObject({ cleared: true });
  });
});
