/**
 * Proves the simulated BMC harness (sim.ts) with the real ipmitool 1.8.19:
 * every check runs a real client against a real ipmi_sim on loopback.
 * Times and dates are printed in UTC (TZ=UTC, C locale).
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FRU0, fruImage, ipmitoolArgs, SEL_SEED, startSim, type IpmitoolArgsOptions, type Sim } from './sim.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ENV = { ...process.env, TZ: 'UTC', LANG: 'C', LC_ALL: 'C' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function ipmitool(args: string[], timeoutMs = 20000): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile('ipmitool', args, { encoding: 'utf8', timeout: timeoutMs, env: ENV }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** ipmitool as `user` (default admin over lanplus -C 3). */
function as(sim: Sim, user: string, cmd: string[], o: IpmitoolArgsOptions = {}): Promise<Run> {
  return ipmitool([...ipmitoolArgs(sim, user, o), ...cmd]);
}

/** Output lines with trailing blanks removed (ipmitool pads several columns). */
const lines = (s: string): string[] => s.split('\n').map((l) => l.trimEnd());

async function ok(sim: Sim, cmd: string[], user = 'admin', o: IpmitoolArgsOptions = {}): Promise<string> {
  const r = await as(sim, user, cmd, o);
  expect(r.code, `ipmitool ${cmd.join(' ')}: ${r.stderr}\n${sim.diagnostics()}`).toBe(0);
  return r.stdout;
}

// ---------------------------------------------------------------------------

describe('sim: start-up, chassis, mc, lan, users (lanplus, admin)', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('starts on a free loopback port and answers', async () => {
    expect(sim.host).toBe('127.0.0.1');
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.consolePort).toBeGreaterThan(0);
    expect(sim.alive()).toBe(true);
    expect(fs.existsSync(path.join(sim.stateDir, 'power'))).toBe(true);
    expect(sim.users.map((u) => u.name)).toEqual(['', 'admin', 'operator', 'user', 'callback', 'disabled', 'longpw']);
    expect(sim.kg).toBeUndefined();
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is on\n');
  });

  it('ipmi_sim reads nothing outside the temp dir', () => {
    const cmdline = fs.readFileSync(`/proc/${sim.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toEqual(
      expect.arrayContaining(['-c', path.join(sim.stateDir, 'lan.conf'), '-f', path.join(sim.stateDir, 'bmc.emu'), '-s', path.join(sim.stateDir, 'persist')]),
    );
  });

  it('mc info and mc guid', async () => {
    const info = lines(await ok(sim, ['mc', 'info']));
    expect(info).toContain('Device ID                 : 32');
    expect(info).toContain('Firmware Revision         : 2.45');
    expect(info).toContain('IPMI Version              : 2.0');
    expect(info).toContain('Manufacturer ID           : 4753');
    expect(info).toContain('Product ID                : 21075 (0x5253)');
    expect(info).toContain('    Chassis Device');
    const guid = lines(await ok(sim, ['mc', 'guid']));
    expect(guid).toContain(`System GUID   : ${sim.guid}`);
    expect(guid).toContain('GUID Encoding : IPMI');
  });

  it('power off / on / cycle / soft change and read back the power state', async () => {
    expect(await ok(sim, ['power', 'off'])).toBe('Chassis Power Control: Down/Off\n');
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is off\n');
    expect(fs.readFileSync(path.join(sim.stateDir, 'power'), 'utf8').trim()).toBe('0');
    expect(lines(await ok(sim, ['chassis', 'status']))).toContain('System Power         : off');
    expect(await ok(sim, ['power', 'on'])).toBe('Chassis Power Control: Up/On\n');
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is on\n');
    expect(lines(await ok(sim, ['chassis', 'status']))).toContain('System Power         : on');
    // cycle: off at once, back on about 1 s later (ipmi_sim's power-on timer)
    expect(await ok(sim, ['power', 'cycle'])).toBe('Chassis Power Control: Cycle\n');
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is off\n');
    const deadline = Date.now() + 3000;
    let st = '';
    while (Date.now() < deadline && st !== 'Chassis Power is on\n') {
      await new Promise((r) => setTimeout(r, 200));
      st = await ok(sim, ['power', 'status']);
    }
    expect(st).toBe('Chassis Power is on\n');
    expect(await ok(sim, ['power', 'reset'])).toBe('Chassis Power Control: Reset\n');
    expect(await ok(sim, ['power', 'soft'])).toBe('Chassis Power Control: Soft\n');
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is off\n');
    await ok(sim, ['power', 'on']);
    const log = fs.readFileSync(path.join(sim.stateDir, 'chassis.log'), 'utf8');
    expect(log).toMatch(/ power 0\n/);
    expect(log).toMatch(/ reset 1\n/);
    expect(log).toMatch(/ shutdown 1\n/);
  });

  it('chassis bootdev and identify are stored and read back', async () => {
    expect(await ok(sim, ['chassis', 'bootdev', 'pxe'])).toBe('Set Boot Device to pxe\n');
    expect(fs.readFileSync(path.join(sim.stateDir, 'bootdev'), 'utf8').trim()).toBe('pxe');
    const bp = lines(await ok(sim, ['chassis', 'bootparam', 'get', '5']));
    expect(bp).toContain('Boot parameter data: 0004000000');
    expect(bp).toContain('   - Boot Device Selector : Force PXE');
    await ok(sim, ['chassis', 'bootdev', 'cdrom']);
    expect(lines(await ok(sim, ['chassis', 'bootparam', 'get', '5']))).toContain('   - Boot Device Selector : Force Boot from CD/DVD');
    await ok(sim, ['chassis', 'bootdev', 'none']);
    expect(fs.readFileSync(path.join(sim.stateDir, 'bootdev'), 'utf8').trim()).toBe('none');
    expect(await ok(sim, ['chassis', 'identify', '10'])).toBe('Chassis identify interval: 10 seconds\n');
    expect(fs.readFileSync(path.join(sim.stateDir, 'identify'), 'utf8').trim()).toBe('10 0');
    expect(await ok(sim, ['chassis', 'identify', 'force'])).toBe('Chassis identify interval: indefinite\n');
    expect(fs.readFileSync(path.join(sim.stateDir, 'identify'), 'utf8').trim()).toBe('0 1');
    expect(await ok(sim, ['chassis', 'identify', '0'])).toBe('Chassis identify interval: off\n');
  });

  it('user list 1 shows every privilege, the disabled and the null user', async () => {
    const out = lines(await ok(sim, ['user', 'list', '1']));
    expect(out[0]).toBe('ID  Name\t     Callin  Link Auth\tIPMI Msg   Channel Priv Limit');
    expect(out).toEqual(
      expect.arrayContaining([
        '1                    true    false      true       USER',
        '2   admin            true    false      true       ADMINISTRATOR',
        '3   operator         true    false      true       OPERATOR',
        '4   user             true    false      true       USER',
        '5   callback         true    false      true       CALLBACK',
        '6   disabled         true    false      false      USER',
        '7   longpw           true    false      true       ADMINISTRATOR',
      ]),
    );
    expect(lines(await ok(sim, ['user', 'summary', '1']))).toContain('Enabled User Count  : 6');
  });

  it('lan print 1 answers from lan_config_program; lan set reads back', async () => {
    const before = lines(await ok(sim, ['lan', 'print', '1']));
    expect(before).toEqual(
      expect.arrayContaining([
        'Auth Type Support       : NONE MD2 MD5 PASSWORD',
        'Auth Type Enable        : Callback : NONE MD2 MD5 PASSWORD',
        '                        : Admin    : NONE MD2 MD5 PASSWORD',
        'IP Address Source       : Static Address',
        'IP Address              : 127.0.0.1',
        'Subnet Mask             : 255.0.0.0',
        'MAC Address             : 52:54:00:12:34:56',
        'Default Gateway IP      : 127.0.0.254',
        'Default Gateway MAC     : 52:54:00:00:00:fe',
        'Backup Gateway IP       : 0.0.0.0',
      ]),
    );
    expect(await ok(sim, ['lan', 'set', '1', 'ipaddr', '127.0.0.5'])).toBe('Setting LAN IP Address to 127.0.0.5\n');
    await ok(sim, ['lan', 'set', '1', 'netmask', '255.255.0.0']);
    await ok(sim, ['lan', 'set', '1', 'macaddr', '52:54:00:aa:bb:cc']);
    await ok(sim, ['lan', 'set', '1', 'defgw', 'ipaddr', '127.0.0.1']);
    await ok(sim, ['lan', 'set', '1', 'ipsrc', 'dhcp']);
    const after = lines(await ok(sim, ['lan', 'print', '1']));
    expect(after).toEqual(
      expect.arrayContaining([
        'IP Address Source       : DHCP Address',
        'IP Address              : 127.0.0.5',
        'Subnet Mask             : 255.255.0.0',
        'MAC Address             : 52:54:00:aa:bb:cc',
        'Default Gateway IP      : 127.0.0.1',
      ]),
    );
    expect(fs.readFileSync(path.join(sim.stateDir, 'lan', 'ip_addr'), 'utf8').trim()).toBe('127.0.0.5');
  });

  it('channel info and session info', async () => {
    expect(lines(await ok(sim, ['channel', 'info', '1']))).toContain('  Channel Medium Type   : 802.3 LAN');
    const s = lines(await ok(sim, ['session', 'info', 'active']));
    expect(s).toContain('user id                       : 2');
    expect(s).toContain('session type                  : IPMIv2/RMCP+');
  });
});

// ---------------------------------------------------------------------------

describe('sim: sensors and SDR repository', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ seedSel: false });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('sdr elist all: 22 sensors, MC and FRU locators, states past thresholds', async () => {
    const out = lines(await ok(sim, ['sdr', 'elist', 'all']));
    expect(out.filter((l) => l !== '')).toEqual([
      'BMC              | 00h | ok  |  6.1 | Dynamic MC @ 20h',
      'Watchdog         | 00h | ns  | 46.1 | Event-Only',
      'CPU1 Temp        | 01h | ok  |  3.1 | 45 degrees C',
      'CPU2 Temp        | 02h | unc |  3.2 | 88 degrees C',
      'Inlet Temp       | 03h | ok  | 55.1 | 23 degrees C',
      'Exhaust Temp     | 04h | ok  |  7.1 | 35 degrees C',
      'PCH Temp         | 05h | ns  |  7.1 | Disabled',
      'FAN1             | 10h | ok  | 29.1 | 5400 RPM',
      'FAN2             | 11h | ok  | 29.2 | 5280 RPM',
      'FAN3             | 12h | ok  | 29.3 | 5340 RPM',
      'FAN4             | 13h | lcr | 29.4 | 480 RPM',
      '12V              | 20h | ok  |  7.1 | 12.12 Volts',
      '5V               | 21h | ok  |  7.1 | 5.04 Volts',
      '3.3V             | 22h | ok  |  7.1 | 3.30 Volts',
      'VBAT             | 23h | ok  |  7.1 | 3.02 Volts',
      'PSU1 Power       | 30h | ok  | 10.1 | 320 Watts',
      'PSU1 Current     | 31h | ok  | 10.1 | 2.60 Amps',
      'PS1 Status       | 40h | ok  | 10.1 | Presence detected',
      'PS2 Status       | 41h | ok  | 10.2 | Presence detected, Failure detected',
      'Intrusion        | 50h | ok  | 23.1 |',
      'Drive 0          | 51h | ok  |  4.1 | Drive Present',
      'PSU Redundancy   | 52h | ok  | 21.1 | Fully Redundant',
      'CPU1 Status      | 53h | ok  |  3.1 | Presence detected',
      'PSU1 FRU         | 00h | ns  | 10.1 | Logical FRU @01h',
    ]);
  });

  it('sdr list (full + compact) and record types', async () => {
    const list = lines(await ok(sim, ['sdr', 'list']));
    expect(list).toContain('CPU2 Temp        | 88 degrees C      | nc');
    expect(list).toContain('FAN4             | 480 RPM           | cr');
    expect(list).toContain('PCH Temp         | disabled          | ns');
    expect(list).toContain('PS2 Status       | 0x03              | ok');
    expect(list.filter(Boolean)).toHaveLength(21); // 15 full + 6 compact records
    expect(lines(await ok(sim, ['sdr', 'elist', 'compact'])).filter(Boolean)).toHaveLength(6);
    expect(lines(await ok(sim, ['sdr', 'elist', 'event']))).toContain('Watchdog         | 00h | ns  | 46.1 | Event-Only');
    expect(lines(await ok(sim, ['sdr', 'elist', 'mcloc']))).toContain('BMC              | 00h | ok  |  6.1 | Dynamic MC @ 20h');
    expect(lines(await ok(sim, ['sdr', 'elist', 'fru']))).toContain('PSU1 FRU         | 00h | ns  | 10.1 | Logical FRU @01h');
    expect(lines(await ok(sim, ['sdr', 'info']))).toContain('Record Count                        : 24');
  });

  it('sensor list: thresholds, units, discrete states', async () => {
    const out = lines(await ok(sim, ['sensor', 'list']));
    expect(out).toEqual(
      expect.arrayContaining([
        'CPU1 Temp        | 45.000     | degrees C  | ok    | na        | na        | na        | 85.000    | 95.000    | 105.000',
        'CPU2 Temp        | 88.000     | degrees C  | nc    | na        | na        | na        | 85.000    | 95.000    | 105.000',
        'Inlet Temp       | 23.000     | degrees C  | ok    | na        | 2.000     | 5.000     | 40.000    | 45.000    | 50.000',
        'PCH Temp         | na         |            | na    | na        | na        | na        | 90.000    | 100.000   | na',
        'FAN4             | 480.000    | RPM        | cr    | 300.000   | 600.000   | 1200.000  | na        | na        | na',
        '12V              | 12.120     | Volts      | ok    | 10.200    | 10.800    | 11.400    | 12.600    | 13.200    | 13.800',
        '5V               | 5.040      | Volts      | ok    | na        | 4.500     | 4.740     | 5.260     | 5.500     | na',
        'PSU1 Power       | 320.000    | Watts      | ok    | na        | na        | na        | 800.000   | 900.000   | na',
        'PSU1 Current     | 2.600      | Amps       | ok    | na        | na        | na        | 10.000    | 12.000    | na',
        'PS2 Status       | 0x3        | discrete   | 0x0300| na        | na        | na        | na        | na        | na',
      ]),
    );
    expect(out.filter(Boolean).length).toBeGreaterThanOrEqual(15);
  });

  it('sdr get: hysteresis and threshold masks', async () => {
    const out = lines(await ok(sim, ['sdr', 'get', 'FAN4']));
    expect(out).toEqual(
      expect.arrayContaining([
        ' Sensor Reading        : 480 (+/- 0) RPM',
        ' Status                : Lower Critical',
        ' Positive Hysteresis   : 60.000',
        ' Readable Thresholds   : lnr lcr lnc',
      ]),
    );
  });

  it('console sensor_set_value moves a sensor and logs timestamped SEL events', async () => {
    const empty = lines(await ok(sim, ['sel', 'info']));
    expect(empty).toContain('Entries          : 0');
    // CPU1 Temp (0x01) to 96: crosses UNC 85 and UCR 95, events enabled
    expect(await sim.console('sensor_set_value 0x20 0 0x01 0x60 1')).toBe('');
    expect(lines(await ok(sim, ['sdr', 'elist', 'full']))).toContain('CPU1 Temp        | 01h | ucr |  3.1 | 96 degrees C');
    const sel = lines(await ok(sim, ['sel', 'elist']));
    const year = String(new Date().getUTCFullYear()).slice(2);
    expect(sel.filter(Boolean)).toHaveLength(2);
    expect(sel[0]).toMatch(
      new RegExp(
        `^   1 \\| \\d\\d/\\d\\d/${year} \\| .* UTC \\| Temperature CPU1 Temp \\| Upper Non-critical going high \\| Asserted \\| Reading 96 > Threshold 85 degrees C$`,
      ),
    );
    expect(sel[1]).toContain('| Temperature CPU1 Temp | Upper Critical going high | Asserted | Reading 96 > Threshold 95 degrees C');
    await sim.console('sensor_set_value 0x20 0 0x01 0x2d 0');
    expect(lines(await ok(sim, ['sdr', 'elist', 'full']))).toContain('CPU1 Temp        | 01h | ok  |  3.1 | 45 degrees C');
  });

  it('console rejects unknown commands', async () => {
    await expect(sim.console('no_such_command')).rejects.toThrow(/Unknown command/);
    expect(await sim.console('sensor_set_bit 0x20 0 0x50 0 1 0')).toBe('');
    expect(lines(await ok(sim, ['sdr', 'elist', 'compact']))).toContain('Intrusion        | 50h | ok  | 23.1 | General Chassis intrusion');
  });
});

// ---------------------------------------------------------------------------

describe('sim: SEL and FRU', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('sel info / elist: seeded entries with real timestamps', async () => {
    const info = lines(await ok(sim, ['sel', 'info']));
    expect(SEL_SEED.length).toBeGreaterThanOrEqual(20);
    expect(info).toContain(`Entries          : ${SEL_SEED.length}`);
    const out = lines(await ok(sim, ['sel', 'elist']));
    expect(out.filter(Boolean)).toHaveLength(SEL_SEED.length);
    expect(out).toEqual(
      expect.arrayContaining([
        '   1 | 03/01/24 | 08:00:00 UTC | System Event #0x72 | Timestamp Clock Sync | Asserted',
        '   2 | 03/01/24 | 08:05:00 UTC | System Firmwares | System boot initiated | Asserted',
        '   4 | 03/01/24 | 08:06:01 UTC | Power Supply PS2 Status | Presence detected | Asserted',
        '   5 | 03/01/24 | 09:00:00 UTC | Temperature CPU2 Temp | Upper Non-critical going high | Asserted | Reading 86 > Threshold 85 degrees C',
        '   7 | 03/01/24 | 09:01:30 UTC | Temperature CPU2 Temp | Upper Critical going high | Deasserted | Reading 93 < Threshold 95 degrees C',
        '   9 | 03/01/24 | 10:00:10 UTC | Fan FAN4 | Lower Critical going low  | Asserted | Reading 480 < Threshold 600 RPM',
        '   a | 03/01/24 | 11:00:00 UTC | Voltage 12V | Lower Critical going low  | Asserted | Reading 10.74 < Threshold 10.80 Volts',
        '   d | 03/01/24 | 12:00:02 UTC | Power Unit PSU Redundancy | Redundancy Lost | Asserted',
        '   f | 03/01/24 | 13:02:00 UTC | Physical Security Intrusion | General Chassis intrusion | Deasserted',
        '  11 | 03/01/24 | 15:00:00 UTC | Watchdog2 Watchdog | Hard reset | Asserted',
        '  13 | 03/01/24 | 16:00:00 UTC | Memory #0x60 | Correctable ECC | Asserted',
        '  17 | 03/01/24 | 18:00:00 UTC | OEM record c0 | 001291 | deadbeef0102',
        '  18 | 03/01/24 | 18:00:01 UTC | OEM record df | 000157 | 112233445566',
        '  19 | OEM record e0 | 0102030405060708090a0b0c0d',
        '  1a | OEM record ff | f0e1d2c3b4a5968778695a4b3c',
      ]),
    );
  });

  it('the SEL clock is set to now', async () => {
    const t = (await ok(sim, ['sel', 'time', 'get'])).trim(); // MM/DD/YY HH:MM:SS UTC
    const m = /^(\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) UTC$/.exec(t);
    expect(m, t).not.toBeNull();
    const [, mo, d, y, h, mi, s] = (m ?? []).map(Number) as number[];
    const when = Date.UTC(2000 + (y ?? 0), (mo ?? 1) - 1, d, h, mi, s);
    expect(Math.abs(when - Date.now())).toBeLessThan(120_000);
  });

  it('fru print: FRU 0 and the FRU behind the locator', async () => {
    const out = lines(await ok(sim, ['fru', 'print']));
    expect(out).toEqual(
      expect.arrayContaining([
        'FRU Device Description : Builtin FRU Device (ID 0)',
        ' Chassis Type          : Rack Mount Chassis',
        ' Chassis Part Number   : CH-4711-01',
        ' Chassis Extra         : Rack 12 U7',
        ' Board Mfg Date        : Thu Jun  1 10:00:00 2023 UTC',
        ' Board Mfg             : ipmits Labs',
        ' Board Product         : SIM-MB-1000',
        ' Product Name          : Simulated Server',
        ' Product Asset Tag     : ASSET-0042',
        'FRU Device Description : PSU1 FRU (ID 1)',
        ' Board Mfg Date        : Tue Nov 15 08:30:00 2022 UTC',
        ' Product Name          : PSU 800W Platinum',
      ]),
    );
  });

  it('multi-record areas (ipmitool -v) and the raw image incl. internal use area', async () => {
    const v1 = lines(await ok(sim, ['-v', 'fru', 'print', '1']));
    expect(v1).toEqual(
      expect.arrayContaining([' Power Supply Record', '  Capacity                   : 800 W', ' DC Output Record', '  Nominal voltage            : 12.00 V']),
    );
    expect(lines(await ok(sim, ['-v', 'fru', 'print', '0']))).toContain('  OEM (MontaVista Software, Inc.) Record');
    const file = path.join(sim.stateDir, 'fru0.read');
    await ok(sim, ['fru', 'read', '0', file]);
    const img = fs.readFileSync(file);
    expect(img.equals(fruImage(FRU0))).toBe(true);
    // common header: all five area offsets present (internal, chassis, board, product, multi)
    expect([...img.subarray(1, 6)].every((o) => o > 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('sim: IPMI v1.5 (-I lan) and privileges', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ seedSel: false });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it.each(['NONE', 'MD5', 'PASSWORD'] as const)('-I lan -A %s', async (a) => {
    expect(await ok(sim, ['power', 'status'], 'admin', { iface: 'lan', authtype: a })).toBe('Chassis Power is on\n');
  });

  it('-I lan without -A, and MD2 enabled on the BMC', async () => {
    expect(await ok(sim, ['power', 'status'], 'admin', { iface: 'lan' })).toBe('Chassis Power is on\n');
    // (Debian's ipmitool is built without MD2, so only the BMC side is checked here)
    expect(lines(await ok(sim, ['lan', 'print', '1']))).toContain('                        : User     : NONE MD2 MD5 PASSWORD');
  });

  it('-I lan: wrong password fails, unknown user fails at once', async () => {
    const bad = await as(sim, 'admin', ['-R', '1', '-N', '1', 'power', 'status'], { iface: 'lan', authtype: 'MD5', password: 'wrong' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Activate Session command failed');
    const r = await ipmitool(['-I', 'lan', '-H', sim.host, '-p', String(sim.port), '-U', 'nosuch', '-P', 'x', '-A', 'MD5', 'power', 'status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid user name');
  });

  it('USER: reads, but chassis control is refused', async () => {
    expect(await ok(sim, ['power', 'status'], 'user', { priv: 'USER' })).toBe('Chassis Power is on\n');
    const off = await as(sim, 'user', ['power', 'off'], { priv: 'USER' });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('Set Chassis Power Control to Down/Off failed: Insufficient privilege level');
    const lan = await as(sim, 'user', ['power', 'off'], { iface: 'lan', authtype: 'MD5', priv: 'USER' });
    expect(lan.stderr).toContain('Insufficient privilege level');
    // IPMI v1.5 enforces the per-user limit at activation
    const admin = await as(sim, 'user', ['power', 'status'], { iface: 'lan', authtype: 'MD5' });
    expect(admin.code).toBe(1);
    expect(admin.stderr).toContain('Requested privilege level exceeds limit');
  });

  it('RMCP+ quirk: a USER account gets the requested ADMINISTRATOR role (ipmi_sim.md note 4)', async () => {
    const s = lines(await ok(sim, ['session', 'info', 'active'], 'user'));
    expect(s).toContain('privilege level               : ADMINISTRATOR');
  });

  it('OPERATOR: chassis control yes, user management no', async () => {
    expect(await ok(sim, ['chassis', 'identify', '1'], 'operator', { priv: 'OPERATOR' })).toBe('Chassis identify interval: 1 seconds\n');
    const r = await as(sim, 'operator', ['user', 'set', 'name', '9', 'foo'], { priv: 'OPERATOR' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Insufficient privilege level');
  });

  it('CALLBACK: Get Device ID only', async () => {
    expect(await ok(sim, ['raw', '0x06', '0x01'], 'callback', { priv: 'CALLBACK' })).toBe(' 20 03 02 45 02 9f 91 12 00 53 52 00 00 00 00\n');
    expect(await ok(sim, ['raw', '0x06', '0x01'], 'callback', { iface: 'lan', authtype: 'MD5', priv: 'CALLBACK' })).toBe(
      ' 20 03 02 45 02 9f 91 12 00 53 52 00 00 00 00\n',
    );
    const r = await as(sim, 'callback', ['power', 'off'], { priv: 'CALLBACK' });
    expect(r.stderr).toContain('Insufficient privilege level');
  });

  it('ADMINISTRATOR via -L and the 19-character password, null user, disabled user, wrong password', async () => {
    expect(await ok(sim, ['power', 'status'], 'admin', { priv: 'ADMINISTRATOR' })).toBe('Chassis Power is on\n');
    expect(await ok(sim, ['power', 'status'], 'longpw')).toBe('Chassis Power is on\n');
    expect(await ok(sim, ['power', 'status'], '', { priv: 'USER' })).toBe('Chassis Power is on\n');
    const dis = await as(sim, 'disabled', ['power', 'status']);
    expect(dis.code).toBe(1);
    expect(dis.stderr).toContain('Unable to establish IPMI v2 / RMCP+ session');
    const bad = await as(sim, 'admin', ['power', 'status'], { password: 'wrong' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Unable to establish IPMI v2 / RMCP+ session');
    expect(bad.ms).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------

describe('sim: Kg (BMC key)', () => {
  const KG = 'kgsecret-0123456';
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ kg: KG, seedSel: false });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('right Kg (-k and -y) works', async () => {
    expect(sim.kg).toBe(KG);
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is on\n'); // ipmitoolArgs adds -k sim.kg
    const hex = Buffer.concat([Buffer.from(KG), Buffer.alloc(20 - KG.length)]).toString('hex');
    expect(await ok(sim, ['-y', hex, 'power', 'status'], 'admin', { kg: null })).toBe('Chassis Power is on\n');
  });

  it('no Kg or a wrong Kg fails like a wrong password', async () => {
    for (const kg of [null, 'wrongkey']) {
      const r = await as(sim, 'admin', ['power', 'status'], { kg });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Unable to establish IPMI v2 / RMCP+ session');
    }
  });

  it('IPMI v1.5 does not use Kg', async () => {
    expect(await ok(sim, ['power', 'status'], 'admin', { iface: 'lan', authtype: 'MD5' })).toBe('Chassis Power is on\n');
  });
});

// ---------------------------------------------------------------------------

/**
 * `ipmitool sol activate` with a pipe as stdin (ipmitool only warns about
 * tcgetattr).  Its stdout is block-buffered on a pipe: the
 * "[SOL Session operational...]" banner shows up together with the first
 * console output, so tests type first and then wait for output.
 */
class SolClient {
  readonly proc: ChildProcessWithoutNullStreams;
  out = '';
  err = '';
  readonly exited: Promise<number | null>;
  constructor(sim: Sim) {
    this.proc = spawn('ipmitool', [...ipmitoolArgs(sim, 'admin'), 'sol', 'activate'], { env: ENV });
    this.proc.stdout.on('data', (d: Buffer) => {
      this.out += d.toString('latin1');
    });
    this.proc.stderr.on('data', (d: Buffer) => {
      this.err += d.toString('latin1');
    });
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
  }
  type(s: string): void {
    this.proc.stdin.write(s);
  }
  async waitOut(pattern: string | RegExp, timeoutMs = 5000): Promise<void> {
    const t0 = Date.now();
    const has = () => (typeof pattern === 'string' ? this.out.includes(pattern) : pattern.test(this.out));
    while (!has()) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`SOL client: no ${String(pattern)} in ${JSON.stringify(this.out)} / ${this.err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  /** Kill it if a test failed half-way (the payload would stay active). */
  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

describe('sim: SOL through the socat pty console', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ sol: true, seedSel: false });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('has a connected pty and sol info', async () => {
    expect(sim.solPty && fs.lstatSync(sim.solPty).isSymbolicLink()).toBe(true);
    expect(sim.sol?.connected()).toBe(true);
    const out = lines(await ok(sim, ['sol', 'info']));
    expect(out).toContain('Enabled                         : true');
    expect(out).toContain(`Payload Port                    : ${sim.port}`);
  });

  it('sol activate: typed bytes reach the console, console output reaches the client, ~. ends', async () => {
    const sol = sim.sol!;
    sol.mode = 'shell';
    sol.clear();
    const c = new SolClient(sim);
    try {
      c.type('echo hello-sol\r');
      expect(await sol.waitFor('echo hello-sol\r')).toBe('echo hello-sol\r');
      await c.waitOut('[SOL Session operational.  Use ~? for help]\necho hello-sol\r\nhello-sol\r\nsim$ ');
      sol.write('INJECTED \x01\xff bytes\r\n');
      await c.waitOut('INJECTED \x01\xff bytes\r\n');
      c.type('big 200\r');
      await c.waitOut('line 000200 ');
      expect(c.out.match(/line \d{6} /g)).toHaveLength(200);
      c.type('~.');
      expect(await c.exited).toBe(0);
      expect(c.out).toContain('[terminated ipmitool]');
      expect(sol.text()).toBe('echo hello-sol\rbig 200\r');
    } finally {
      c.kill();
    }
  });

  it('raw mode: nothing is echoed, tests drive the output', async () => {
    const sol = sim.sol!;
    sol.mode = 'raw';
    sol.clear();
    const c = new SolClient(sim);
    try {
      c.type('abc\r');
      await sol.waitFor('abc\r');
      sol.write('login: ');
      await c.waitOut('[SOL Session operational.  Use ~? for help]\nlogin: ');
      await new Promise((r) => setTimeout(r, 200));
      expect(c.out).not.toContain('abc');
      c.proc.stdin.end(); // stdin EOF ends the session cleanly
      expect(await c.exited).toBe(0);
    } finally {
      c.kill();
      sol.mode = 'shell';
    }
  });

  it('a crash is noticed by alive(); restart() brings it back on the same port with state kept', async () => {
    await ok(sim, ['power', 'off']);
    const port = sim.port;
    // Get Channel Payload Support for a channel that does not exist: SIGSEGV in ipmi_sim 2.0.33 with SOL configured
    await as(sim, 'admin', ['-R', '1', '-N', '1', 'raw', '0x06', '0x4e', '0x05']);
    const t0 = Date.now();
    while (sim.alive() && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 50));
    expect(sim.alive()).toBe(false);
    await sim.restart();
    expect(sim.alive()).toBe(true);
    expect(sim.port).toBe(port);
    expect(await ok(sim, ['power', 'status'])).toBe('Chassis Power is off\n');
    expect(sim.sol?.connected()).toBe(true);
    const c = new SolClient(sim);
    try {
      c.type('echo back\r');
      await c.waitOut('back\r\nsim$ ');
      c.type('~.');
      expect(await c.exited).toBe(0);
    } finally {
      c.kill();
    }
  }, 15000);
});

// ---------------------------------------------------------------------------

function udpHolder(host: string): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    s.bind({ address: host, port: 0 }, () => resolve({ port: s.address().port, close: () => s.close() }));
  });
}

function gone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return / [ZX] /.test(stat.slice(stat.lastIndexOf(')') + 1, stat.lastIndexOf(')') + 4));
  } catch {
    return true;
  }
}

describe('sim: harness behaviour', () => {
  it('two simulators side by side, restart keeps users and SEL, stop cleans up', async () => {
    const [a, b] = await Promise.all([startSim({ seedSel: false }), startSim({ host: '127.0.0.2' })]);
    try {
      expect(`${a.host}:${a.port}`).not.toBe(`${b.host}:${b.port}`);
      expect(b.host).toBe('127.0.0.2');
      expect(lines(await ok(a, ['mc', 'guid']))).toContain(`System GUID   : ${a.guid}`);
      expect(lines(await ok(b, ['mc', 'guid']))).toContain(`System GUID   : ${b.guid}`);
      // state kept across restart(): users (persisted by ipmi_sim) and SEL
      await ok(b, ['user', 'set', 'name', '9', 'newbie']);
      await b.restart();
      expect(lines(await ok(b, ['user', 'list', '1']))).toContain('9   newbie           true    false      false      Unknown (0x00)');
      expect(lines(await ok(b, ['sel', 'info']))).toContain(`Entries          : ${SEL_SEED.length}`);
      expect(b.warnings).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    for (const s of [a, b]) {
      expect(s.alive()).toBe(false);
      expect(fs.existsSync(s.stateDir)).toBe(false);
    }
    await a.stop(); // idempotent
  });

  it('refuses a port that is already bound (even with SO_REUSEADDR)', async () => {
    const holder = await udpHolder('127.0.0.1');
    try {
      await expect(startSim({ port: holder.port })).rejects.toThrow(/already in use/);
    } finally {
      holder.close();
    }
    await expect(startSim({ host: '10.0.0.1' })).rejects.toThrow(/loopback/);
  });

  it('reports emulation command errors with the simulator output', async () => {
    await expect(startSim({ extraEmu: 'bogus_command 1 2' })).rejects.toThrow(/Unknown command: bogus_command/);
  });

  it('a test process that exits (or is killed) does not leave ipmi_sim running', async () => {
    const lib = path.join(HERE, 'simlib.mjs');
    const script = `import { startSim } from ${JSON.stringify(lib)};
      const s = await startSim({ sol: true, seedSel: false });
      console.log(JSON.stringify({ pid: s.child.pid, socat: s.socat.pid, dir: s.stateDir }));
      if (process.argv[1] === 'exit') process.exit(0); else setInterval(() => {}, 1000);`;
    for (const mode of ['exit', 'kill']) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
      const info = await new Promise<{ pid: number; socat: number; dir: string }>((resolve) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0] ?? '{}') as { pid: number; socat: number; dir: string });
        });
      });
      if (mode === 'kill') child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const t0 = Date.now();
      while ((!gone(info.pid) || !gone(info.socat)) && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 50));
      expect(gone(info.pid), `${mode}: ipmi_sim ${info.pid}`).toBe(true);
      expect(gone(info.socat), `${mode}: socat ${info.socat}`).toBe(true);
      if (mode === 'exit') expect(fs.existsSync(info.dir)).toBe(false);
      else fs.rmSync(info.dir, { recursive: true, force: true }); // SIGKILL: no exit hook, only the temp dir is left
    }
  }, 15000);
});
