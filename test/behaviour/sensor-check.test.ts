/**
 * ipmits additions on the simulator: `sensor check` (one line per sensor not nominal, exit status
 * 0 nominal / 1 warning / 2 critical / 3 unknown, the monitoring-plugin convention) and
 * `sensor list --format prometheus` (text exposition checked by `promtool check metrics`).
 * The simulator's sensors (test/sim/README.md): CPU2 Temp at upper non-critical, FAN4 below
 * lower critical, PS2 Status with "Failure detected", PCH Temp not scanned.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conn } from '../support/diff.js';
import { runIpmitool, runIpmits, type RunResult } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim({ seedSel: false });
const home = mkdtempSync(path.join(tmpdir(), 'ipmits-check-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const ipmits = (args: string[]): Promise<RunResult> => runIpmits([...conn(simulator(), 'lanplus'), ...args], { env: { XDG_CACHE_HOME: home } });

const PROBLEMS =
  'WARNING: CPU2 Temp: 88 degrees C (Upper Non-Critical)\n' +
  'CRITICAL: FAN4: 480 RPM (Lower Critical)\n' +
  'CRITICAL: PS2 Status: Presence detected, Failure detected\n';

describe('sensor check', () => {
  it('every sensor: one line per sensor not nominal, exit 2 (critical); ipmitool has no such command', async () => {
    const r = await ipmits(['sensor', 'check']);
    expect(r.stdout).toBe(PROBLEMS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const theirs = await runIpmitool([...conn(simulator(), 'lanplus'), 'sensor', 'check']);
    expect([theirs.stderr, theirs.code]).toEqual(['Invalid sensor command: check\n', 1]);
  });

  it('named sensors: exit 0 and no output when nominal, 1 for a warning, 2 for a critical one', async () => {
    const ok = await ipmits(['sensor', 'check', 'CPU1 Temp', 'FAN1', 'PS1 Status', 'PCH Temp']);
    expect([ok.stdout, ok.stderr, ok.code]).toEqual(['', '', 0]);
    const warn = await ipmits(['sensor', 'check', 'CPU1 Temp', 'CPU2 Temp']);
    expect([warn.stdout, warn.code]).toEqual(['WARNING: CPU2 Temp: 88 degrees C (Upper Non-Critical)\n', 1]);
    const crit = await ipmits(['sensor', 'check', 'CPU2 Temp', 'PS2 Status']);
    expect(crit.code).toBe(2);
  });

  it('a sensor that does not exist is unknown (3); critical still wins over unknown', async () => {
    const r = await ipmits(['sensor', 'check', 'CPU1 Temp', 'No Such']);
    expect([r.stdout, r.code]).toEqual(['UNKNOWN: No Such: not found\n', 3]);
    expect((await ipmits(['sensor', 'check', 'No Such', 'FAN4'])).code).toBe(2);
  });

  it('a change made at run time through the simulator console shows at once', async () => {
    const sim = simulator();
    await sim.console('sensor_set_value 0x20 0 0x13 0x5a 0'); // FAN4 back to 5400 RPM
    try {
      const r = await ipmits(['sensor', 'check', 'FAN4']);
      expect([r.stdout, r.code]).toEqual(['', 0]);
      await sim.console('sensor_set_value 0x20 0 0x01 0x69 0'); // CPU1 Temp 105 C: upper non-recoverable
      const hot = await ipmits(['sensor', 'check', 'CPU1 Temp']);
      expect([hot.stdout, hot.code]).toEqual(['CRITICAL: CPU1 Temp: 105 degrees C (Upper Non-Recoverable)\n', 2]);
    } finally {
      await sim.console('sensor_set_value 0x20 0 0x13 0x08 0');
      await sim.console('sensor_set_value 0x20 0 0x01 0x2d 0');
    }
  });

  it('no answer from the BMC is UNKNOWN (3), with the reason on stdout and the error on stderr', async () => {
    const r = await runIpmits(['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-C', '3', '-N', '1', '-R', '1', 'sensor', 'check'], {
      env: { XDG_CACHE_HOME: home },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^UNKNOWN: .+\n$/);
    expect(r.stderr).not.toBe('');
  });

  it('--json: the verdict, counts and each problem with its state as a word and as 0-3', async () => {
    const r = await ipmits(['--json', 'sensor', 'check']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { verdict: string; counts: Record<string, number>; problems: Record<string, unknown>[] };
    expect(doc.verdict).toBe('critical');
    expect(doc.counts).toEqual({ nominal: 17, warning: 1, critical: 2, unknown: 0, disabled: 1 });
    expect(doc.problems.map((p) => [p.name, p.state, p.stateCode, p.reading, p.unit])).toEqual([
      ['CPU2 Temp', 'warning', 1, 88, 'degrees C'],
      ['FAN4', 'critical', 2, 480, 'RPM'],
      ['PS2 Status', 'critical', 2, null, null],
    ]);
  });
});

describe('sensor list --format prometheus', () => {
  it('is valid text exposition (promtool check metrics) with readings, states and thresholds', async () => {
    const r = await ipmits(['sensor', 'list', '--format', 'prometheus']);
    expect(r.code, r.stderr).toBe(0);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^# TYPE ipmi_sensor_value gauge$/m);
    expect(r.stdout).toMatch(/^ipmi_sensor_value\{id="\d+",name="12V",type="Voltage",unit="Volts"\} 12\.12$/m);
    expect(r.stdout).toMatch(/^ipmi_sensor_value\{id="\d+",name="FAN4",type="Fan",unit="RPM"\} 480$/m);
    expect(r.stdout).toMatch(/^ipmi_sensor_state\{id="\d+",name="FAN4",type="Fan"\} 2$/m);
    expect(r.stdout).toMatch(/^ipmi_sensor_state\{id="\d+",name="CPU2 Temp",type="Temperature"\} 1$/m);
    expect(r.stdout).toMatch(/^ipmi_sensor_state\{id="\d+",name="PS2 Status",type="Power Supply"\} 2$/m);
    expect(r.stdout).toMatch(/^ipmi_sensor_threshold\{id="\d+",name="FAN4",type="Fan",unit="RPM",threshold="lcr"\} 600$/m);
    expect(r.stdout).not.toContain('PCH Temp'); // scanning disabled: no reading, no state
  });

  it('any other command refuses the format with a usage error', async () => {
    const r = await ipmits(['sdr', 'elist', '--format', 'prometheus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--format prometheus is only available for `sensor list`\n');
  });
});
