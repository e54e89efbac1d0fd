/**
 * -I open in a real Linux kernel: Debian's kernel under QEMU with ipmi_msghandler, ipmi_si
 * and ipmi_devintf, QEMU's ipmi-bmc-sim behind an emulated KCS interface, and ipmitool
 * 1.8.19 beside ipmits in the same guest (guest.mjs, README.md). One boot runs every
 * command; each case then compares ipmits with ipmitool byte for byte (stdout, stderr,
 * success or failure), or asserts a documented difference (docs/compatibility.md).
 *
 * /usr/bin/ipmits is the single executable (IPMITS_BIN, else built now), so the addon
 * embedded in it is what opens /dev/ipmi0; /usr/bin/ipmits-lib is node + lib/ with the
 * addon from native/build, as `npm install` leaves it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { families } from '../../src/cli/registry.js';
import { expectSame } from '../support/diff.js';
import type { RunResult } from '../support/run.js';
import { runGuest, singleExecutable, type GuestCommand, type GuestResult, type GuestRun } from './guest.mjs';

const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** Compared with ipmitool in the same guest. */
const SAME: string[][] = [
  ['mc', 'info'],
  ['bmc', 'info'],
  ['mc', 'guid'],
  ['mc', 'getenables'],
  ['mc', 'selftest'],
  ['mc', 'watchdog', 'get'],
  ['mc', 'watchdog', 'reset'],
  ['chassis', 'status'],
  ['power', 'status'],
  ['chassis', 'power', 'status'],
  ['chassis', 'bootparam', 'get', '5'],
  ['raw', '0x06', '0x01'],
  ['raw', '0x06', '0x99'],
  ['raw', '0x0a', '0x10'],
  ['lan', 'print', '1'],
  ['-I', 'open', 'power', 'status'],
  ['-I', 'open', '-d', '0', 'mc', 'info'],
  // Bridging through the driver's IPMB address type: -t equal to our own address is local;
  // channel 6 does not exist on this BMC (the driver refuses the send: EINVAL).
  ['-t', '0x20', '-b', '0', 'mc', 'info'],
  ['-t', '0x2c', '-b', '6', 'mc', 'info'],
  ['-t', '0x2c', '-b', '6', 'raw', '0x06', '0x01'],
  ['-t', '0x30', '-b', '6', '-T', '0x40', '-B', '7', 'mc', 'info'],
  // No /dev/ipmi1: the same line as ipmitool (exit 3 instead of 1).
  ['-d', '1', 'mc', 'info'],
  // Families other engineers add: compared as soon as the tree has them.
  ...(has('sdr') ? [['sdr', 'list'], ['sdr', 'info'], ['sdr', 'elist']] : []),
  ...(has('sensor') ? [['sensor', 'list']] : []),
  ...(has('user') ? [['user', 'list', '1']] : []),
  ...(has('sel') ? [['sel', 'info'], ['sel', 'list']] : []),
  ...(has('channel') ? [['channel', 'info']] : []),
];

function has(family: string): boolean {
  return families.some((f) => f.name === family);
}

const DEVICES = '/dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0';

const id = (tool: string, i: number): string => `${tool}-${i}`;

const commands: GuestCommand[] = [
  ...SAME.flatMap((argv, i) => [
    { id: id('ipmitool', i), argv: ['ipmitool', ...argv] },
    { id: id('ipmits', i), argv: ['ipmits', ...argv] },
  ]),
  // node + lib/ + native/build/Release/ipmi_dev.node, as npm install leaves them.
  { id: 'lib-mc-info', argv: ['ipmits-lib', 'mc', 'info'] },
  { id: 'lib-json', argv: ['ipmits-lib', '--json', 'chassis', 'status'] },
  // No permission: /dev/ipmi0 is 0600 root.
  { id: 'user-ipmitool', user: 'tester', argv: ['ipmitool', 'mc', 'info'] },
  { id: 'user-ipmits', user: 'tester', argv: ['ipmits', 'mc', 'info'] },
  // Driver not loaded (last: it changes the guest).
  { id: 'rmmod', argv: ['rmmod', 'ipmi_devintf'] },
  { id: 'nodrv-ipmitool', argv: ['ipmitool', 'mc', 'info'] },
  { id: 'nodrv-ipmits', argv: ['ipmits', 'mc', 'info'] },
];

let guest: GuestRun;

beforeAll(async () => {
  const bin = singleExecutable(log);
  guest = await runGuest({ bin, lib: true, commands, log, timeoutMs: 540_000 });
}, 600_000);

function result(key: string): GuestResult {
  const r = guest.results[key];
  if (!r) throw new Error(`no result for ${key}`);
  return r;
}

const asRun = (r: GuestResult): RunResult => ({ stdout: r.stdout, stderr: r.stderr, code: r.code, signal: null, ms: r.ms });

describe('-I open in a QEMU guest: ipmits and ipmitool on the same /dev/ipmi0', () => {
  it.each(SAME.map((argv, i) => [argv.join(' '), i] as const))('%s', (_title, i) => {
    expectSame({ theirs: asRun(result(id('ipmitool', i))), ours: asRun(result(id('ipmits', i))) });
  });

  it('really talks to the emulated BMC (QEMU ipmi-bmc-sim: device id 0x20, IPMI 2.0)', () => {
    const r = result(id('ipmits', 0));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Device ID {17}: 32\n/);
    expect(r.stdout).toContain('IPMI Version              : 2.0\n');
    expect(result(id('ipmits', SAME.findIndex((a) => a.join(' ') === 'raw 0x06 0x01'))).stdout).toBe(' 20 00 00 00 02 07 00 00 00 00 00\n');
  });

  it('reports a send the driver refuses before the command line, as ipmitool does', () => {
    const r = result(id('ipmits', SAME.findIndex((a) => a.join(' ') === '-t 0x2c -b 6 mc info')));
    expect(r.stderr).toBe('Unable to send command: Invalid argument\nGet Device ID command failed\n');
    expect(r.code).toBe(ExitCode.Connection);
  });
});

describe('-I open from node + lib/ (the addon built by npm install)', () => {
  it('prints what the single executable prints', () => {
    const r = result('lib-mc-info');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(result(id('ipmitool', 0)).stdout);
  });

  it('--json chassis status', () => {
    const r = result('lib-json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ systemPower: 'on', powerOverload: false });
  });
});

describe('-I open failures: one line, non-zero exit (deliberate differences, docs/compatibility.md)', () => {
  it('no permission on /dev/ipmi0: ipmits names the cause; ipmitool reports the last path tried', () => {
    expect(result('user-ipmitool')).toMatchObject({ stdout: '', stderr: `Could not open device at ${DEVICES}: No such file or directory\n`, code: 1 });
    expect(result('user-ipmits')).toMatchObject({
      stdout: '',
      stderr: `Could not open device at ${DEVICES}: Permission denied (/dev/ipmi0 needs read and write access, usually root)\n`,
      code: ExitCode.Connection,
    });
  });

  it('driver not loaded (rmmod ipmi_devintf): ipmits says which modules to load', () => {
    expect(result('rmmod').code).toBe(0);
    expect(result('nodrv-ipmitool')).toMatchObject({ stdout: '', stderr: `Could not open device at ${DEVICES}: No such file or directory\n`, code: 1 });
    expect(result('nodrv-ipmits')).toMatchObject({
      stdout: '',
      stderr: `Could not open device at ${DEVICES}: No such file or directory (the IPMI driver is not loaded: modprobe ipmi_devintf ipmi_si)\n`,
      code: ExitCode.Connection,
    });
  });
});
