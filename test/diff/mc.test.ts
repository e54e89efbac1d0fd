/**
 * mc (bmc) through ipmitool and ipmits on the same simulator, over lan and lanplus:
 * stdout and stderr byte for byte. Known differences are asserted as such
 * (docs/compatibility.md): ipmi_sim's short Get Watchdog Timer reply, the exit
 * status where ipmitool exits 0 after an error.
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, exitRuleFor, type Iface } from '../support/diff.js';
import { runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const READS: string[][] = [
  ['mc', 'info'],
  ['bmc', 'info'],
  ['mc', 'guid'],
  ['mc', 'guid', 'auto'],
  ['mc', 'guid', 'ipmi'],
  ['mc', 'guid', 'rfc'],
  ['mc', 'guid', 'smbios'],
  ['mc', 'guid', 'dump'],
  ['-Z', 'mc', 'guid'],
  ['mc', 'getenables'],
  ['mc', 'selftest'],
  ['mc', 'reset', 'warm'],
];

const HELP: string[][] = [
  ['mc'],
  ['mc', 'help'],
  ['mc', 'bogus'],
  ['mc', 'reset'],
  ['mc', 'reset', 'help'],
  ['mc', 'reset', 'bogus'],
  ['mc', 'watchdog'],
  ['mc', 'watchdog', 'help'],
  ['mc', 'watchdog', 'bogus'],
  ['mc', 'watchdog', 'set'],
  ['mc', 'getsysinfo'],
  ['mc', 'getsysinfo', 'help'],
  ['mc', 'getsysinfo', 'bogus'],
  ['mc', 'setsysinfo'],
  ['mc', 'setsysinfo', 'help'],
  ['mc', 'setsysinfo', 'system_name'],
  ['mc', 'setenables'],
  ['mc', 'setenables', 'help'],
];

/** ipmitool prints the error and exits 0; ipmits exits non-zero. */
const FIXED_EXIT: string[][] = [
  ['mc', 'getsysinfo', 'system_name'],
  ['mc', 'getsysinfo', 'delloem_url'],
  ['mc', 'setsysinfo', 'system_name', 'host1'],
  ['mc', 'watchdog', 'set', 'timeout=30', 'int=nmi'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  it.each(READS)('%s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]));
  });

  it.each(HELP)('help and usage: %s %s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]), exitRuleFor(args));
  });

  it.each(FIXED_EXIT)('ipmitool exits 0 after an error: %s %s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]), { exit: 'fixed' });
  });

  it('watchdog: set, get, reset, off (ipmi_sim omits the present countdown)', async () => {
    expectSame(await both([...conn(simulator(), iface), 'mc', 'watchdog', 'set', 'timeout=30', 'use=sms', 'action=none', 'pretimeout=5', 'clear=sms']));
    const get = await both([...conn(simulator(), iface), 'mc', 'watchdog', 'get']);
    const drop = (s: string): string => s.replace(/^Present Countdown:.*\n/m, '');
    expect(drop(get.ours.stdout)).toBe(drop(get.theirs.stdout));
    expect(get.ours.stdout).toContain('Present Countdown:      N/A\n');
    expect(get.ours.stdout).toContain('Initial Countdown:      30.0 sec\n');
    expectSame(await both([...conn(simulator(), iface), 'mc', 'watchdog', 'reset']));
    expectSame(await both([...conn(simulator(), iface), 'mc', 'watchdog', 'off']));
  });

  it('bad arguments fail before a session is opened (exit 2, not a connection failure)', async () => {
    const unreachable = ['-I', iface, '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1'];
    for (const args of [
      ['mc', 'guid', 'bogus'],
      ['mc', 'info', 'x'],
      ['mc', 'setenables', 'oem7=on'],
      ['mc', 'watchdog', 'set', 'use=x'],
    ]) {
      const r = await runIpmits([...unreachable, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).not.toBe('');
    }
  });

  it('--json mc info', async () => {
    const r = await runIpmits([...conn(simulator(), iface), '--json', 'mc', 'info']);
    expect(JSON.parse(r.stdout)).toMatchObject({ manufacturerId: 4753, manufacturerName: 'MontaVista Software, Inc.', productName: null });
  });
});
