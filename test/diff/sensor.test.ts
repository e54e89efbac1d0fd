/**
 * sensor through ipmitool 1.8.19 and ipmits on the same simulator (test/sim/content.mjs), over
 * lanplus and lan: stdout and stderr byte for byte in text, -c and -v (under -v only stdout:
 * ipmitool adds its own diagnostics on stderr). `sensor thresh` changes the simulator, so those
 * cases run last and put the original thresholds back.
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { useSim } from '../support/use-sim.js';
import { named } from './sdr-cases.js';

const simulator = useSim();

const READS: string[][] = [
  ['sensor'],
  ['sensor', 'list'],
  ['-c', 'sensor', 'list'],
  ['sensor', 'get', 'FAN1'],
  ['sensor', 'get', 'CPU2 Temp', 'Inlet Temp', 'FAN4', '12V', '5V', 'PSU1 Current'],
  ['sensor', 'get', 'PS1 Status', 'PS2 Status', 'Intrusion', 'Drive 0', 'PSU Redundancy', 'CPU1 Status'],
  ['sensor', 'get', 'Watchdog', 'BMC', 'PSU1 FRU'],
  ['-c', 'sensor', 'get', 'FAN1', 'PS2 Status'],
  ['sensor', 'reading', '12V'],
  ['sensor', 'reading', '12V', 'FAN4', 'Inlet Temp', 'VBAT', 'PSU1 Power'],
  ['-c', 'sensor', 'reading', '5V', '3.3V'],
  // Compact, unreadable and non-sensor records are skipped without a word.
  ['sensor', 'reading', 'PS1 Status', 'PCH Temp', 'Watchdog', 'BMC'],
  ['sensor', 'get', 'help'],
  ['sensor', 'help'],
  ['sensor', 'thresh', 'help'],
];

/** ipmitool and ipmits both fail (exit status compared as "both non-zero"). */
const FAILURES: string[][] = [
  ['sensor', 'get', 'PCH Temp'],
  ['sensor', 'get', 'nope', 'FAN2'],
  ['sensor', 'get'],
  ['sensor', 'reading'],
  ['sensor', 'reading', 'help'],
  ['sensor', 'reading', 'nope', '12V'],
  ['sensor', 'bogus'],
  ['sensor', 'thresh', 'FAN1', 'xyz', '5'],
  ['sensor', 'thresh', 'FAN1', 'lnc', 'abc'],
  ['sensor', 'thresh', 'FAN1', 'lnc', '1e999'],
  ['sensor', 'thresh', 'nope', 'ucr', '5'],
  ['sensor', 'thresh', 'Intrusion', 'ucr', '5'],
  ['sensor', 'thresh', 'Watchdog', 'ucr', '5'],
  ['sensor', 'thresh', '12V', 'upper', '1', '2'],
  ['sensor', 'thresh', '12V', 'lower', '1', 'x', '3'],
  // Plausibility: lnc below lcr (600 RPM) is refused before anything is sent.
  ['sensor', 'thresh', 'FAN1', 'lnc', '100'],
  ['sensor', 'thresh', '12V', 'unc', ''],
];

/** ipmitool prints an error line (or usage for missing arguments) and exits 0; ipmits exits non-zero (docs/compatibility.md). */
const FIXED_EXIT: string[][] = [
  ['sensor', 'thresh'],
  ['sensor', 'thresh', 'FAN1', 'lnc'],
];

const VERBOSE: string[][] = [
  ['-v', 'sensor', 'list'],
  ['-v', 'sensor'],
  ['-c', '-v', 'sensor', 'list'],
  ['-v', 'sensor', 'get', 'FAN4', 'PS2 Status'],
];

/** Each sets thresholds to the values content.mjs gives them, so the simulator ends as it began. */
const WRITES: string[][] = [
  ['sensor', 'thresh', 'FAN1', 'lnc', '1200'],
  ['sensor', 'thresh', '12V', 'upper', '12.6', '13.2', '13.8'],
  ['sensor', 'thresh', '12V', 'lower', '10.2', '10.8', '11.4'],
  ['sensor', 'thresh', '12V', 'ucr', '13.2'],
  ['sensor', 'thresh', 'CPU2 Temp', 'unr', '105'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  it.each(named(READS))('%s', async (_, args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]));
  });
  it.each(named(FAILURES))('fails like ipmitool: %s', async (_, args) => {
    const p = await both([...conn(simulator(), iface), ...args]);
    expectSame(p);
    expect(p.ours.code).not.toBe(0);
  });
  it.each(named(FIXED_EXIT))('exits non-zero where ipmitool exits 0: %s', async (_, args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]), { exit: 'fixed' });
  });
  it.each(named(VERBOSE))('%s', async (_, args) => {
    const p = await both([...conn(simulator(), iface), ...args]);
    expectSame(p, { stderr: false });
    expect(p.ours.stdout).toMatch(/^Sensor ID|^Locating|,/);
  });
  it.each(named(WRITES))('%s', async (_, args) => {
    const p = await both([...conn(simulator(), iface), ...args]);
    expectSame(p);
    expect(p.ours.stdout).toContain('Setting sensor');
  });
});
