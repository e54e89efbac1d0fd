/** --json, --table, -c and exit codes of the foundation commands, against the simulator. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../sim/sim.js';
import { conn } from '../support/diff.js';
import { runIpmits, utf8 } from '../support/run.js';

let sim: Sim;
let c: string[];
beforeAll(async () => {
  sim = await startSim();
  c = conn(sim, 'lanplus');
});
afterAll(async () => {
  await sim?.stop();
});

const json = async (args: string[]): Promise<unknown> => {
  const r = await runIpmits([...c, '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('--json (field names are part of the interface: docs/json.md)', () => {
  it('power status', async () => {
    expect(await json(['power', 'status'])).toEqual({ power: 'on' });
  });

  it('chassis status', async () => {
    expect(await json(['chassis', 'status'])).toEqual({
      systemPower: 'on',
      powerOverload: false,
      powerInterlockActive: false,
      mainPowerFault: false,
      powerControlFault: false,
      powerRestorePolicy: 'always-off',
      lastPowerEvent: [],
      chassisIntrusionActive: false,
      frontPanelLockoutActive: false,
      driveFault: false,
      coolingFanFault: false,
    });
  });

  it('raw', async () => {
    expect(await json(['raw', '0x06', '0x01'])).toMatchObject({ netfn: 6, cmd: 1, lun: 0, request: '', response: expect.stringMatching(/^[0-9a-f]{30}$/) });
  });

  it('chassis bootparam get 5', async () => {
    const doc = (await json(['chassis', 'bootparam', 'get', '5'])) as { detail: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['version', 'param', 'invalid', 'data', 'detail']);
    expect(Object.keys(doc.detail)).toEqual(expect.arrayContaining(['param', 'valid', 'persistent', 'efiBoot', 'device', 'biosVerbosity']));
  });

  it('errors are one JSON object on stderr with a stable code and the exit code', async () => {
    const r = await runIpmits([...c, '--json', 'raw', '0x06', '0xff']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        code: 'completion-code',
        layer: 'command',
        message: 'Unable to send RAW command (channel=0x0 netfn=0x6 lun=0x0 cmd=0xff rsp=0xc1): Invalid command',
        exitCode: 1,
      },
    });
    const auth = await runIpmits(['--json', ...conn(sim, 'lanplus', 'admin', ['-P', 'bad']), 'power', 'status']);
    expect(JSON.parse(auth.stderr).error).toMatchObject({ layer: 'auth', exitCode: 4 });
  });
});

describe('--table', () => {
  it('a key/value table, without colour when not on a terminal', async () => {
    const r = await runIpmits([...c, '--table', 'chassis', 'status']);
    expect(r.code).toBe(0);
    const text = utf8(r.stdout);
    expect(text).toContain('│ systemPower ');
    expect(text).toMatch(/│ on\s+│/);
    expect(text).not.toContain('\u001b[');
  });

  it('--color forces colour, NO_COLOR wins over it', async () => {
    expect((await runIpmits([...c, '--table', '--color', 'power', 'status'])).stdout).toContain('\u001b[');
    expect((await runIpmits([...c, '--table', '--color', 'power', 'status'], { env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});

describe('exit codes (docs/exit-codes.md)', () => {
  it.each([
    [['power', 'status'], 0],
    [['raw', '0x06', '0xff'], 1],
    [['chassis', 'bogus'], 2],
    [['power'], 2], // usage (ipmitool exits 0: docs/compatibility.md)
    [['chassis'], 2],
  ])('%j -> %i', async (args, code) => {
    expect((await runIpmits([...c, ...args])).code).toBe(code);
  });

  it('usage error before any session: 2', async () => {
    expect((await runIpmits(['-p', '99999', 'power', 'status'])).code).toBe(2);
    expect((await runIpmits(['bogus'])).code).toBe(2);
  });

  it('help and version: 0', async () => {
    const v = await runIpmits(['-V']);
    expect(v).toMatchObject({ code: 0, stderr: '' });
    expect(v.stdout).toMatch(/^ipmits version \d+\.\d+\.\d+\n$/);
    const h = await runIpmits(['-h']);
    expect(h.code).toBe(0);
    expect(h.stderr).toContain('usage: ipmits [options...] <command>');
    expect((await runIpmits(['help'])).stderr).toMatch(/^Commands:\n\traw {11}Send a RAW IPMI request/);
  });

  it('a password file that does not exist: 6, one line', async () => {
    const r = await runIpmits(['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-f', '/nonexistent/pw', 'power', 'status']);
    expect(r).toMatchObject({ code: 6, stdout: '', stderr: 'Unable to read password from file /nonexistent/pw: No such file or directory\n' });
  });

  it('-E without the variables: 2, one line', async () => {
    const r = await runIpmits(['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-E', 'power', 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('-E reads IPMITOOL_PASSWORD before IPMI_PASSWORD; -f reads the first line', async () => {
    const args = ['-I', 'lanplus', '-C', '3', '-H', sim.host, '-p', String(sim.port), '-U', 'admin'];
    expect((await runIpmits([...args, '-E', 'power', 'status'], { env: { IPMITOOL_PASSWORD: 'adminpass', IPMI_PASSWORD: 'wrong' } })).code).toBe(0);
    expect((await runIpmits([...args, '-E', 'power', 'status'], { env: { IPMI_PASSWORD: 'adminpass' } })).code).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-pw-'));
    try {
      writeFileSync(path.join(dir, 'first'), 'adminpass\nwrong\n');
      writeFileSync(path.join(dir, 'second'), 'wrong\nadminpass\n');
      expect(await runIpmits([...args, '-f', path.join(dir, 'first'), 'power', 'status'])).toMatchObject({ code: 0, stdout: 'Chassis Power is on\n' });
      expect((await runIpmits([...args, '-f', path.join(dir, 'second'), 'power', 'status'])).code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
