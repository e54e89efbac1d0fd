/**
 * -I open in a real Linux kernel: Debian's kernel under QEMU with ipmi_msghandler, ipmi_si
 * and ipmi_devintf, a BMC behind an emulated KCS interface, and ipmitool 1.8.19 beside
 * ipmits in the same guest (guest.mjs, README.md). Two boots: QEMU's own ipmi-bmc-sim,
 * then ipmi-bmc-extern wired to the project's ipmi_sim (test/sim: sensors, SDRs, SEL,
 * users, LAN configuration) so the richer BMC is reached through the kernel driver too.
 * Each boot runs all its commands; each case then compares ipmits with ipmitool byte for
 * byte (stdout, stderr, success or failure), or asserts a documented difference
 * (docs/compatibility.md).
 *
 * /usr/bin/ipmits is the single executable (IPMITS_BIN, else built now), so the addon
 * embedded in it is what opens /dev/ipmi0; /usr/bin/ipmits-lib is node + lib/ with the
 * addon from native/build, as `npm install` leaves it.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { conn, expectSame } from '../support/diff.js';
import { SATELLITE_DEVICE_ID, SATELLITE_EMU } from '../support/satellite.js';
import { runIpmits, type RunResult } from '../support/run.js';
import { startSim, type Sim } from '../sim/sim.js';
import { runGuest, singleExecutable, type GuestCommand, type GuestResult, type GuestRun } from './guest.mjs';

const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** Compared with ipmitool in the same guest, on QEMU's ipmi-bmc-sim. */
const SAME: string[][] = [
  ['mc', 'info'],
  ['mc', 'guid'],
  ['mc', 'getenables'],
  ['mc', 'selftest'],
  ['mc', 'watchdog', 'get'],
  ['mc', 'watchdog', 'reset'],
  ['mc', 'watchdog', 'off'],
  ['chassis', 'status'],
  ['power', 'status'],
  ['chassis', 'bootparam', 'get', '5'],
  ['raw', '0x06', '0x01'],
  ['raw', '0x06', '0x99'],
  ['raw', '0x0a', '0x10'],
  ['lan', 'print', '1'],
  ['-I', 'open', '-d', '0', 'power', 'status'],
  // Bridging through the driver's IPMB address type: -t equal to our own address is local;
  // channel 6 does not exist on this BMC (the driver refuses the send: EINVAL).
  ['-t', '0x20', '-b', '0', 'mc', 'info'],
  ['-t', '0x2c', '-b', '6', 'mc', 'info'],
  ['-t', '0x2c', '-b', '6', 'raw', '0x06', '0x01'],
  ['-t', '0x30', '-b', '6', '-T', '0x40', '-B', '7', 'mc', 'info'],
  // No /dev/ipmi1: the same line as ipmitool (exit 3 instead of 1).
  ['-d', '1', 'mc', 'info'],
];

/** Compared with ipmitool in the same guest, on the project's ipmi_sim through ipmi-bmc-extern. */
const SAME_SIM: string[][] = [
  ['mc', 'info'],
  ['mc', 'guid'],
  ['mc', 'getenables'],
  ['chassis', 'status'],
  ['chassis', 'bootparam', 'get', '5'],
  ['chassis', 'restart_cause'],
  ['chassis', 'poh'],
  ['raw', '0x06', '0x01'],
  ['lan', 'print', '1'],
  ['lan', 'print'],
  // Bridged by the driver (IPMB address type: it sends Send Message) to ipmi_sim's second MC.
  ['-t', '0x30', '-b', '0', 'mc', 'info'],
  ['-t', '0x30', 'raw', '0x06', '0x01'],
  ['sdr', 'list'],
  ['sdr', 'elist'],
  ['sdr', 'elist', 'full'],
  ['-c', 'sdr', 'list'],
  ['sdr', 'type', 'Temperature'],
  ['sdr', 'info'],
  ['sensor', 'list'],
  ['sensor', 'get', 'CPU1 Temp'],
  ['user', 'list', '1'],
  ['user', 'summary', '1'],
  ['sel', 'info'],
  ['sel', 'list'],
  ['sel', 'elist'],
  ['fru', 'print'],
  ['fru', 'list'],
  ['channel', 'info'],
  ['channel', 'getciphers', 'ipmi'],
  ['session', 'info', 'all'],
];

const DEVICES = '/dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0';

const id = (tool: string, i: number): string => `${tool}-${i}`;

const pairs = (cases: string[][]): GuestCommand[] =>
  cases.flatMap((argv, i) => [
    { id: id('ipmitool', i), argv: ['ipmitool', ...argv] },
    { id: id('ipmits', i), argv: ['ipmits', ...argv] },
  ]);

const commands: GuestCommand[] = [
  ...pairs(SAME),
  // node + lib/ + native/build/Release/ipmi_dev.node, as npm install leaves them.
  { id: 'lib-json', argv: ['ipmits-lib', '--json', 'chassis', 'status'] },
  // No permission: /dev/ipmi0 is 0600 root.
  { id: 'user-ipmitool', user: 'tester', argv: ['ipmitool', 'mc', 'info'] },
  { id: 'user-ipmits', user: 'tester', argv: ['ipmits', 'mc', 'info'] },
  // Driver not loaded (last: it changes the guest).
  { id: 'rmmod', argv: ['rmmod', 'ipmi_devintf'] },
  { id: 'nodrv-ipmitool', argv: ['ipmitool', 'mc', 'info'] },
  { id: 'nodrv-ipmits', argv: ['ipmits', 'mc', 'info'] },
];

let bin: string;
let guest: GuestRun;

beforeAll(async () => {
  bin = singleExecutable(log);
  guest = await runGuest({ bin, lib: true, commands, log, timeoutMs: 540_000 });
}, 600_000);

function result(run: GuestRun, key: string): GuestResult {
  const r = run.results[key];
  if (!r) throw new Error(`no result for ${key}`);
  return r;
}

const asRun = (r: GuestResult): RunResult => ({ stdout: r.stdout, stderr: r.stderr, code: r.code, signal: null, ms: r.ms });

const indexOf = (cases: string[][], line: string): number => {
  const i = cases.findIndex((a) => a.join(' ') === line);
  if (i < 0) throw new Error(`no case ${line}`);
  return i;
};

describe('-I open in a QEMU guest (ipmi-bmc-sim): ipmits and ipmitool on the same /dev/ipmi0', () => {
  it.each(SAME.map((argv, i) => [argv.join(' '), i] as const))('%s', (_title, i) => {
    expectSame({ theirs: asRun(result(guest, id('ipmitool', i))), ours: asRun(result(guest, id('ipmits', i))) });
  });

  it('really talks to the emulated BMC (QEMU ipmi-bmc-sim: device id 0x20, IPMI 2.0)', () => {
    const r = result(guest, id('ipmits', 0));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Device ID {17}: 32\n/);
    expect(r.stdout).toContain('IPMI Version              : 2.0\n');
    expect(result(guest, id('ipmits', indexOf(SAME, 'raw 0x06 0x01'))).stdout).toBe(' 20 00 00 00 02 07 00 00 00 00 00\n');
  });

  it('reports a send the driver refuses before the command line, as ipmitool does', () => {
    const r = result(guest, id('ipmits', indexOf(SAME, '-t 0x2c -b 6 mc info')));
    expect(r.stderr).toBe('Unable to send command: Invalid argument\nGet Device ID command failed\n');
    expect(r.code).toBe(ExitCode.Connection);
  });

  it('node + lib/ with the addon npm install builds: --json chassis status', () => {
    const r = result(guest, 'lib-json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ systemPower: 'on', powerOverload: false });
  });
});

describe('-I open failures: one line, non-zero exit (deliberate differences, docs/compatibility.md)', () => {
  it('no permission on /dev/ipmi0: ipmits names the cause; ipmitool reports the last path tried', () => {
    expect(result(guest, 'user-ipmitool')).toMatchObject({ stdout: '', stderr: `Could not open device at ${DEVICES}: No such file or directory\n`, code: 1 });
    expect(result(guest, 'user-ipmits')).toMatchObject({
      stdout: '',
      stderr: `Could not open device at ${DEVICES}: Permission denied (/dev/ipmi0 needs read and write access, usually root)\n`,
      code: ExitCode.Connection,
    });
  });

  it('driver not loaded (rmmod ipmi_devintf): ipmits says which modules to load', () => {
    expect(result(guest, 'rmmod').code).toBe(0);
    expect(result(guest, 'nodrv-ipmitool')).toMatchObject({ stdout: '', stderr: `Could not open device at ${DEVICES}: No such file or directory\n`, code: 1 });
    expect(result(guest, 'nodrv-ipmits')).toMatchObject({
      stdout: '',
      stderr: `Could not open device at ${DEVICES}: No such file or directory (the IPMI driver is not loaded: modprobe ipmi_devintf ipmi_si)\n`,
      code: ExitCode.Connection,
    });
  });
});

/** A TCP port nothing listens on now (ipmi_sim listens there for QEMU). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Provisioning before the box goes into the rack: ipmits sets, ipmitool reads back (after
 * SAME_SIM, which they change). ipmitool sets the same value first where the outputs are compared.
 */
const PROVISION: GuestCommand[] = [
  { id: 'lan-set-ipmitool', argv: ['ipmitool', 'lan', 'set', '1', 'ipaddr', '10.1.2.3'] },
  { id: 'lan-set-ipmits', argv: ['ipmits', 'lan', 'set', '1', 'ipaddr', '10.1.2.3'] },
  { id: 'lan-set-ipmits-2', argv: ['ipmits', 'lan', 'set', '1', 'ipaddr', '10.9.8.7'] },
  { id: 'lan-read-back', sh: 'ipmitool lan print 1 | grep "^IP Address  "' },
  { id: 'user-name', argv: ['ipmits', 'user', 'set', 'name', '8', 'prov8'] },
  { id: 'user-password', argv: ['ipmits', 'user', 'set', 'password', '8', 'secret8'] },
  { id: 'user-test', argv: ['ipmitool', 'user', 'test', '8', '16', 'secret8'] },
  { id: 'user-read-back', sh: 'ipmitool user list 1 | grep "^8 "' },
  { id: 'bootdev-ipmitool', argv: ['ipmitool', 'chassis', 'bootdev', 'disk'] },
  { id: 'bootdev-ipmits', argv: ['ipmits', 'chassis', 'bootdev', 'pxe'] },
  { id: 'bootdev-read-back', sh: 'ipmitool chassis bootparam get 5 | grep "Boot Device Selector"' },
];

/** The same BMC through lanplus (on the host) and through the driver (in the guest): the same document. */
const SAME_AS_LANPLUS: string[][] = [
  ['--json', 'mc', 'info'],
  ['--json', 'chassis', 'status'],
  ['--json', 'sdr', 'elist'],
  ['--json', 'sensor', 'list'],
  ['--json', 'sel', 'list'],
  ['--json', 'fru', 'print'],
  ['--json', '-t', '0x30', 'mc', 'info'],
  ['-c', 'sel', 'elist'],
];

describe("-I open in a QEMU guest (ipmi-bmc-extern + the project's ipmi_sim)", () => {
  let sim: Sim | undefined;
  let extern: GuestRun;
  let lanplus: RunResult[];

  beforeAll(async () => {
    const vmPort = await freePort();
    sim = await startSim({ vmPort, extraEmu: SATELLITE_EMU });
    const s = sim;
    // Before the guest's provisioning changes the BMC.
    lanplus = [];
    for (const argv of SAME_AS_LANPLUS) lanplus.push(await runIpmits([...conn(s, 'lanplus'), ...argv]));
    const viaDriver = SAME_AS_LANPLUS.map((argv, i): GuestCommand => ({ id: `lanplus-${i}`, argv: ['ipmits', ...argv] }));
    extern = await runGuest({
      bin,
      bmc: { extern: { host: s.host, port: vmPort } },
      commands: [...pairs(SAME_SIM), ...viaDriver, ...PROVISION],
      log,
      timeoutMs: 540_000,
    });
  }, 600_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it.each(SAME_SIM.map((argv, i) => [argv.join(' '), i] as const))('%s', (_title, i) => {
    expectSame({ theirs: asRun(result(extern, id('ipmitool', i))), ours: asRun(result(extern, id('ipmits', i))) });
  });

  it.each(SAME_AS_LANPLUS.map((argv, i) => [argv.join(' '), i] as const))('%s: through the driver as over lanplus', (_title, i) => {
    const host = lanplus[i]!;
    const guestRun = result(extern, `lanplus-${i}`);
    expect(host.code, host.stderr).toBe(0);
    expect(guestRun.stderr).toBe('');
    expect(guestRun.code).toBe(0);
    expect(guestRun.stdout).toBe(host.stdout);
  });

  it('bridged requests reach the satellite controller, not the BMC', () => {
    expect(result(extern, id('ipmits', indexOf(SAME_SIM, '-t 0x30 raw 0x06 0x01'))).stdout).toBe(SATELLITE_DEVICE_ID);
  });

  it('provisioning through the driver: LAN address, a user, the boot device, read back by ipmitool', () => {
    expect(result(extern, 'lan-set-ipmits')).toMatchObject({ code: 0, stderr: '', stdout: result(extern, 'lan-set-ipmitool').stdout });
    expect(result(extern, 'lan-set-ipmits').stdout).toBe('Setting LAN IP Address to 10.1.2.3\n');
    expect(result(extern, 'lan-set-ipmits-2').code).toBe(0);
    expect(result(extern, 'lan-read-back').stdout).toBe('IP Address              : 10.9.8.7\n');
    expect(result(extern, 'user-name')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(result(extern, 'user-password')).toMatchObject({ code: 0, stdout: 'Set User Password command successful (user 8)\n' });
    expect(result(extern, 'user-test').stdout).toBe('Success\n');
    expect(result(extern, 'user-read-back').stdout).toMatch(/^8 {3}prov8 /);
    expect(result(extern, 'bootdev-ipmits')).toMatchObject({ code: 0, stdout: 'Set Boot Device to pxe\n' });
    expect(result(extern, 'bootdev-ipmitool').stdout).toBe('Set Boot Device to disk\n');
    expect(result(extern, 'bootdev-read-back').stdout).toBe('   - Boot Device Selector : Force PXE\n');
  });

  it('reaches ipmi_sim through the kernel driver (IANA 4753, its product id 0x5253)', () => {
    const r = result(extern, id('ipmits', 0));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Manufacturer ID           : 4753\n');
    expect(r.stdout).toContain('(0x5253)');
  });
});
