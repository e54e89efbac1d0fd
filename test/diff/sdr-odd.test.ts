/**
 * Odd SDR records (test/diff/sdr-odd-records.ts) read with -S by ipmitool 1.8.19 and ipmits,
 * readings from the simulator: negative two's complement and one's complement readings, sqr
 * linearization, a non-linear sensor, discrete units, modifier units, tolerance/accuracy/B
 * exponent, a full discrete record, a 16-byte name, a compact threshold sensor, a zero-length
 * name, event-only/generic/physical FRU/static MC locators, entity association, OEM and unknown
 * records. Output compared byte for byte (under -v only stdout; `sensor reading` of a sensor
 * without analog value exits non-zero in ipmits, docs/compatibility.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame } from '../support/diff.js';
import { useSim } from '../support/use-sim.js';
import { named } from './sdr-cases.js';
import { ODD_NAMES, oddDump, SHORT_RECORD } from './sdr-odd-records.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-sdr-odd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'odd.sdr');
writeFileSync(file, oddDump());
const OTHERS = ['Watchdog Event X', 'EEPROM', 'PSU2 FRU', 'Sat MC'];

const args = (...a: string[]): string[] => [...conn(simulator(), 'lanplus'), '-S', file, ...a];

describe('odd SDR records through -S', () => {
  it.each(
    named([
      ['sdr', 'list', 'all'],
      ['sdr', 'elist', 'all'],
      ['-c', 'sdr', 'list', 'all'],
      ['-c', 'sdr', 'elist', 'all'],
      ['sdr', 'get', ...ODD_NAMES, ...OTHERS],
      ['-c', 'sdr', 'get', ...ODD_NAMES],
      ['sensor', 'get', ...ODD_NAMES, ...OTHERS],
      ['-c', 'sensor', 'get', ...ODD_NAMES],
      ['sensor', 'reading', 'Neg Temp', 'Ones Temp', 'Sqr Fan', 'NonLinear', 'Compact Thr', 'Pct Rate', 'Tol Volts', 'ABCDEFGHIJKLMNOP'],
      ['sdr', 'type', 'Temperature'],
      ['sdr', 'entity', '7'],
      // `sensor list` ignores -S and walks the BMC's repository, as ipmitool.
      ['sensor', 'list'],
      ['-c', 'sensor'],
    ]),
  )('%s', async (_, a) => {
    const p = await both(args(...a));
    expectSame(p);
    expect(p.ours.stdout.length).toBeGreaterThan(0);
  });

  it.each(
    named([
      ['-v', 'sdr', 'list', 'all'],
      ['-v', 'sdr', 'elist', 'all'],
      ['-c', '-v', 'sdr', 'list', 'all'],
    ]),
  )('%s (stdout)', async (_, a) => {
    expectSame(await both(args(...a)), { stderr: false });
  });

  it('the converted values are the ones the records ask for', async () => {
    const p = await both(args('sdr', 'elist', 'all'));
    expect(p.ours.stdout).toContain('Neg Temp         | 03h | ok  |  7.1 | -23 degrees C');
    expect(p.ours.stdout).toContain('Ones Temp        | 01h | ok  |  7.1 | -55 degrees C');
    expect(p.ours.stdout).toContain('Sqr Fan          | 10h | ok  |  7.1 | 324 RPM');
    expect(p.ours.stdout).toContain('ABCDEFGHIJKLMNOP | 04h |');
    expect(p.ours.stdout).toContain('                 | 21h | ok  |  7.1 | 5.04 Volts');
  });

  it("sensor reading of full records without an analog value: ipmitool's line, ipmits exits non-zero", async () => {
    const p = await both(args('sensor', 'reading', 'Raw Units', 'Full Discrete', 'Neg Temp'));
    expectSame(p, { exit: 'fixed' });
    expect(p.ours.stderr).toBe('Sensor "Raw Units" is a discrete sensor!\nSensor "Full Discrete" is a discrete sensor!\n');
  });

  it('a short record: the other lines as ipmitool, its own fields read as zero (ipmitool reads past the record)', async () => {
    const short = path.join(dir, 'short.sdr');
    writeFileSync(short, Buffer.concat([oddDump(), SHORT_RECORD]));
    const p = await both([...conn(simulator(), 'lanplus'), '-S', short, 'sdr', 'elist', 'all']);
    const ours = p.ours.stdout.split('\n');
    const theirs = p.theirs.stdout.split('\n');
    const at = ours.findIndex((l) => l.includes('| 23h |'));
    expect(ours[at]).toBe('                 | 23h | ok  |  7.1 | 0 Volts');
    expect(theirs[at]).toMatch(/\| 23h \| ok {2}\| {2}7\.1 \| 0 Volts$/);
    expect(ours.filter((_, i) => i !== at)).toEqual(theirs.filter((_, i) => i !== at));
  });
});
