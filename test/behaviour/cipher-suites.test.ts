/**
 * ipmits against the project's independent RMCP+ responder (test/responder), which real
 * ipmitool and FreeIPMI accept: every supported suite including SHA-256 (15-17) and
 * MD5-128 integrity (11, 12), Kg, auto-selection, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponder, type Responder } from '../responder/responder.js';
import { runIpmits } from '../support/run.js';

let bmc: Responder;
let kgBmc: Responder;
let only3: Responder;
const KG = Buffer.from('0123456789abcdefghij');
beforeAll(async () => {
  [bmc, kgBmc, only3] = await Promise.all([startResponder(), startResponder({ kg: KG }), startResponder({ suites: [3] })]);
});
afterAll(async () => {
  await Promise.all([bmc?.stop(), kgBmc?.stop(), only3?.stop()]);
});

const at = (r: Responder, user = 'admin', password = 'password'): string[] => ['-I', 'lanplus', '-H', r.host, '-p', String(r.port), '-U', user, '-P', password];

describe('every supported cipher suite', () => {
  it.each([0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17])('-C %i: power on, status, off, status', async (suite) => {
    const c = [...at(bmc), '-C', String(suite)];
    expect((await runIpmits([...c, 'power', 'on'])).stdout).toBe('Chassis Power Control: Up/On\n');
    expect((await runIpmits([...c, 'power', 'status'])).stdout).toBe('Chassis Power is on\n');
    expect(bmc.powerOn()).toBe(true);
    expect((await runIpmits([...c, 'power', 'off'])).stdout).toBe('Chassis Power Control: Down/Off\n');
    const s = await runIpmits([...c, 'power', 'status']);
    expect(s).toMatchObject({ stdout: 'Chassis Power is off\n', stderr: '', code: 0 });
  });

  it('every session is closed afterwards', async () => {
    const before = bmc.stats().sessionsOpen;
    await runIpmits([...at(bmc), '-C', '17', 'chassis', 'status']);
    expect(bmc.stats().sessionsOpen).toBe(before);
  });
});

describe('choosing a suite without -C', () => {
  it('picks 17 from the list the BMC gives', async () => {
    const r = await runIpmits(['-v', ...at(bmc), 'power', 'status']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Using best available cipher suite 17');
  });
  it('picks 3 when that is all the BMC has', async () => {
    const r = await runIpmits(['-v', ...at(only3), 'power', 'status']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Using best available cipher suite 3');
  });
  it('-C with a suite the BMC refuses', async () => {
    const r = await runIpmits([...at(only3), '-C', '17', 'power', 'status']);
    expect(r).toMatchObject({
      code: 4,
      stderr: 'Error in open session response message : invalid authentication algorithm\n\nError: Unable to establish IPMI v2 / RMCP+ session\n',
    });
  });
});

describe('keys and refusals with SHA-256', () => {
  it('Kg: right key (text and hex) works, wrong or missing fails', async () => {
    expect((await runIpmits([...at(kgBmc), '-C', '17', '-k', KG.toString(), 'power', 'status'])).code).toBe(0);
    expect((await runIpmits([...at(kgBmc), '-C', '17', '-y', KG.toString('hex'), 'power', 'status'])).code).toBe(0);
    for (const extra of [['-k', 'wrong'], []]) {
      const r = await runIpmits(['-v', ...at(kgBmc), '-C', '17', ...extra, 'power', 'status']);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('RAKP 4 message has invalid integrity check value');
    }
  });

  it('wrong password and unknown user', async () => {
    const wrong = await runIpmits(['-v', ...at(bmc, 'admin', 'nope'), '-C', '17', 'power', 'status']);
    expect(wrong).toMatchObject({ code: 4 });
    expect(wrong.stderr).toContain('RAKP 2 HMAC is invalid');
    const nobody = await runIpmits(['-v', ...at(bmc, 'nobody', 'x'), '-C', '17', 'power', 'status']);
    expect(nobody.code).toBe(4);
    expect(nobody.stderr).toContain('RAKP 2 message indicates an error : unauthorized name');
  });

  it('a USER account: status works, power off asks for more privilege and is refused', async () => {
    expect((await runIpmits([...at(bmc, 'user', 'userpass'), '-C', '17', 'power', 'status'])).code).toBe(0);
    const off = await runIpmits([...at(bmc, 'user', 'userpass'), '-C', '17', 'power', 'off']);
    expect(off.code).toBe(4);
    expect(off.stderr).toBe('Set Session Privilege Level to ADMINISTRATOR failed: Unknown (0x81)\nError: Unable to establish IPMI v2 / RMCP+ session\n');
    const asUser = await runIpmits([...at(bmc, 'user', 'userpass'), '-C', '17', '-L', 'USER', 'power', 'off']);
    expect(asUser).toMatchObject({ code: 1, stderr: 'Set Chassis Power Control to Down/Off failed: Insufficient privilege level\n' });
  });
});
