/**
 * sdr through ipmitool 1.8.19 and ipmits on the same simulator (test/sim/content.mjs: 25 sensors
 * with temperatures, fans, voltages, power and current, PSU status, intrusion, readings past
 * thresholds, one sensor with scanning disabled, an event-only record, FRU and MC locators),
 * over lanplus and lan: stdout and stderr byte for byte in text, -c and -v. Under -v ipmitool
 * writes its own diagnostics to stderr (IANA registry, VSO probe), so only stdout is compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { runIpmitool, runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { named } from './sdr-cases.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-sdr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILTERS = ['all', 'full', 'compact', 'event', 'mcloc', 'fru', 'generic'];

const READS: string[][] = [
  ['sdr'],
  ['sdr', 'list'],
  ['sdr', 'elist'],
  ...FILTERS.flatMap((f) => [
    ['sdr', 'list', f],
    ['sdr', 'elist', f],
    ['-c', 'sdr', 'list', f],
    ['-c', 'sdr', 'elist', f],
  ]),
  ['-c', 'sdr', 'list'],
  ['sdr', 'type'],
  ['sdr', 'type', 'list'],
  ['sdr', 'type', 'Temperature'],
  ['sdr', 'type', 'fan'],
  ['sdr', 'type', 'Power Supply'],
  ['sdr', 'type', '0x08'],
  ['sdr', 'type', '0x001'],
  ['sdr', 'type', 'Watchdog2'],
  ['-c', 'sdr', 'type', 'Voltage'],
  ['sdr', 'entity'],
  ['sdr', 'entity', 'list'],
  ['sdr', 'entity', '7'],
  ['sdr', 'entity', '7.1'],
  ['sdr', 'entity', '29.3'],
  ['sdr', 'entity', '10'],
  ['sdr', 'entity', 'processor'],
  ['-c', 'sdr', 'entity', '10'],
  ['sdr', 'info'],
  ['-c', 'sdr', 'info'],
  ['sdr', 'get', 'FAN1'],
  ['sdr', 'get', 'CPU2 Temp', 'Inlet Temp', 'PCH Temp', 'PS2 Status', 'Watchdog', 'BMC', 'PSU1 FRU'],
  ['-c', 'sdr', 'get', 'FAN1'],
];

/** ipmitool prints an error line and exits 0; ipmits prints the same and exits non-zero (docs/compatibility.md). */
const FIXED_EXIT: string[][] = [
  ['sdr', 'type', 'nope'],
  ['sdr', 'type', '0X01'],
  ['sdr', 'type', '01'],
  ['sdr', 'get', 'nope'],
  ['sdr', 'get', 'FAN', 'FAN4'],
];

const VERBOSE: string[][] = [
  ['-v', 'sdr', 'list'],
  ['-v', 'sdr', 'list', 'all'],
  ['-v', 'sdr', 'elist', 'all'],
  ['-c', '-v', 'sdr', 'list', 'all'],
  ['-c', '-v', 'sdr', 'elist'],
  ['-v', 'sdr', 'type', 'Voltage'],
  ['-v', 'sdr', 'entity', '10.1'],
  ['-v', 'sdr', 'get', '12V'],
];

const ERRORS: string[][] = [
  ['sdr', 'help'],
  ['sdr', 'bogus'],
  ['sdr', 'list', 'help'],
  ['sdr', 'elist', 'help'],
  ['sdr', 'list', 'bogus'],
  ['sdr', 'elist', 'bogus'],
  ['sdr', 'type', '0x'],
  ['sdr', 'type', '0xzz'],
  ['sdr', 'entity', 'bogus'],
  ['sdr', 'get'],
  ['sdr', 'dump'],
  ['sdr', 'dump', '/nonexistent/dir/file'],
  ['sdr', 'dump', '/tmp'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  it.each(named(READS))('%s', async (_, args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]));
  });
  it.each(named(FIXED_EXIT))('exits non-zero where ipmitool exits 0: %s', async (_, args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]), { exit: 'fixed' });
  });
  it.each(named(VERBOSE))('%s', async (_, args) => {
    const p = await both([...conn(simulator(), iface), ...args]);
    expectSame(p, { stderr: false });
    expect(p.ours.stdout.length).toBeGreaterThan(0);
  });
  it.each(named(ERRORS))('errors and help: %s', async (_, args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]));
  });
});

describe('sdr dump and -S', () => {
  it('sdr dump writes the same bytes as ipmitool', async () => {
    const c = conn(simulator(), 'lanplus');
    const a = path.join(dir, 'ipmitool.sdr');
    const b = path.join(dir, 'ipmits.sdr');
    const theirs = await runIpmitool([...c, 'sdr', 'dump', a]);
    const ours = await runIpmits([...c, 'sdr', 'dump', b]);
    expect(theirs.code).toBe(0);
    expect(ours.code).toBe(0);
    expect(ours.stdout).toBe(theirs.stdout.replace(a, b));
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
    expect(readFileSync(b).length).toBeGreaterThan(25 * 20);
  });

  it.each(
    named([
      ['sdr', 'list', 'all'],
      ['sdr', 'elist', 'all'],
      ['-c', 'sdr', 'elist', 'all'],
      ['sdr', 'get', 'FAN2', 'PS1 Status'],
      ['sdr', 'type', 'Fan'],
      ['sdr', 'entity', '3'],
    ]),
  )('-S <dump> %s', async (_, args) => {
    const c = conn(simulator(), 'lanplus');
    const file = path.join(dir, 'dump-for-S.sdr');
    expect((await runIpmitool([...c, 'sdr', 'dump', file])).code).toBe(0);
    expectSame(await both([...c, '-S', file, ...args]));
  });

  it('-S with a directory: no records, no message (fopen succeeds, fread finds nothing)', async () => {
    const p = await both([...conn(simulator(), 'lanplus'), '-S', dir, 'sdr', 'elist', 'all']);
    expectSame(p);
    expect(p.ours.stdout).toBe('');
  });

  it("-S with a missing file falls back to the BMC with ipmitool's messages", async () => {
    expectSame(await both([...conn(simulator(), 'lanplus'), '-S', path.join(dir, 'missing.sdr'), 'sdr', 'list']));
  });

  it.each([
    ['garbage', Buffer.from('garbage\n'), 'invalid sdr header version 72\n'],
    ['a truncated record', Buffer.from([0x01, 0x00, 0x51, 0x01, 0x40]), 'record 0001 read 0 bytes, expected 64\n'],
  ])("-S with %s: ipmitool's line, exit 6 (ipmitool exits 0)", async (name, bytes, line) => {
    const file = path.join(dir, `damaged-${name.length}.sdr`);
    writeFileSync(file, bytes);
    for (const args of [
      ['sdr', 'list'],
      ['sdr', 'elist', 'all'],
      ['sdr', 'type', 'Fan'],
      ['sdr', 'entity', '29'],
    ]) {
      const p = await both([...conn(simulator(), 'lanplus'), '-S', file, ...args]);
      expectSame(p, { exit: 'fixed' });
      expect(p.ours).toMatchObject({ code: 6, stderr: line });
    }
  });
});
