// Interoperability tests: real ipmitool 1.8.19 and FreeIPMI 1.6.x against the
// RMCP+ test responder. Run: npx vitest run test/responder
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Responder, startResponder } from './responder.js';
import { type RunResult, cks, exchange, freeipmi, ipmiMsg, ipmitool, rmcpPlus, startProxy } from './harness.js';
import { haveProgram, missing } from '../support/peers.js';

// Locally a missing peer skips its tests; with CI set it fails the run (test/support/peers.ts).
const NO_IPMITOOL = missing(haveProgram('ipmitool'), 'ipmitool');
const NO_FREEIPMI = missing(['ipmipower', 'bmc-info', 'ipmi-chassis'].every(haveProgram), 'FreeIPMI (ipmipower, bmc-info, ipmi-chassis)');
const T = { timeout: 120_000 };

const ADMIN = ['-U', 'admin', '-P', 'password'];
const FI_ADMIN = ['-u', 'admin', '-p', 'password', '-l', 'ADMIN'];
const IPMITOOL_SUITES = [0, 1, 2, 3, 6, 7, 8, 15, 16, 17];
const ALL_SUITES = [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17];

function expectOk(r: RunResult, stdout: string): void {
  expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 0, stderr: '', stdout });
}

function expectFail(r: RunResult, stderr: string, stdout = ''): void {
  expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 1, stderr, stdout });
}

const chassisStatus = (power: 'on' | 'off', lastEvent: string): string =>
  [
    `System Power         : ${power}`,
    'Power Overload       : false',
    'Power Interlock      : inactive',
    'Main Power Fault     : false',
    'Power Control Fault  : false',
    'Power Restore Policy : previous',
    `Last Power Event     : ${lastEvent}`,
    'Chassis Intrusion    : inactive',
    'Front-Panel Lockout  : inactive',
    'Drive Fault          : false',
    'Cooling/Fan Fault    : false',
    '',
  ].join('\n');

const MC_INFO = `Device ID                 : 1
Device Revision           : 1
Firmware Revision         : 2.10
IPMI Version              : 2.0
Manufacturer ID           : 32473
Manufacturer Name         : Example Enterprise Number for Documentation Use
Product ID                : 4660 (0x1234)
Product Name              : Unknown (0x1234)
Device Available          : yes
Provides Device SDRs      : no
Additional Device Support :
    Chassis Device
Aux Firmware Rev Info     : 
    0x01
    0x02
    0x03
    0x04
`;

const BMC_INFO_DEVICE_ID = `Device ID             : 1
Device Revision       : 1
Device SDRs           : unsupported
Firmware Revision     : 2.10
Device Available      : yes (normal operation)
IPMI Version          : 2.0
Sensor Device         : unsupported
SDR Repository Device : unsupported
SEL Device            : unsupported
FRU Inventory Device  : unsupported
IPMB Event Receiver   : unsupported
IPMB Event Generator  : unsupported
Bridge                : unsupported
Chassis Device        : supported
Manufacturer ID       : Example Enterprise Number for Documentation Use (32473)
Product ID            : 4660
Auxiliary Firmware Revision Information : 04030201h
`;

const SESSION_FAILED = 'Error: Unable to establish IPMI v2 / RMCP+ session\n';

describe.skipIf(NO_IPMITOOL)('ipmitool -I lanplus', T, () => {
  let r: Responder;
  beforeAll(async () => {
    r = await startResponder();
  });
  afterAll(async () => {
    await r.stop();
  });

  it.each(IPMITOOL_SUITES)('-C %i: power off/status/on/status, chassis status, mc info', async (c) => {
    const t = (...args: string[]): Promise<RunResult> => ipmitool(r.port, [...ADMIN, '-C', String(c), ...args]);
    expectOk(await t('power', 'off'), 'Chassis Power Control: Down/Off\n');
    expect(r.powerOn()).toBe(false);
    expectOk(await t('power', 'status'), 'Chassis Power is off\n');
    expectOk(await t('power', 'on'), 'Chassis Power Control: Up/On\n');
    expect(r.powerOn()).toBe(true);
    expectOk(await t('power', 'status'), 'Chassis Power is on\n');
    expectOk(await t('chassis', 'status'), chassisStatus('on', 'command'));
    expectOk(await t('mc', 'info'), MC_INFO);
  });

  it.each([11, 12])('-C %i: ipmitool 1.8.19 aborts on MD5-128 integrity (upstream issue #196)', async (c) => {
    const res = await ipmitool(r.port, [...ADMIN, '-C', String(c), 'power', 'status']);
    // the session is established; the assert fires when the first authenticated packet is built
    expect(res.signal).toBe('SIGABRT');
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain("ipmi_lanplus_build_v2x_msg: Assertion `0' failed.");
  });

  it('without -C: picks 17 from the pre-session cipher suite list, without the 10 s stall', async () => {
    const res = await ipmitool(r.port, [...ADMIN, '-v', 'power', 'status']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Chassis Power is (on|off)\n$/);
    expect(res.stderr).toContain('Using best available cipher suite 17\n');
    expect(res.stderr).not.toContain('Unable to Get Channel Cipher Suites');
    expect(res.ms).toBeLessThan(3000);
    expectOk(await ipmitool(r.port, [...ADMIN, 'power', 'off']), 'Chassis Power Control: Down/Off\n');
    expect(r.powerOn()).toBe(false);
  });

  it('power cycle, reset, soft change the power state; diag is refused', async () => {
    const t = (...args: string[]): Promise<RunResult> => ipmitool(r.port, [...ADMIN, '-C', '3', ...args]);
    expectOk(await t('power', 'off'), 'Chassis Power Control: Down/Off\n');
    expectOk(await t('power', 'cycle'), 'Chassis Power Control: Cycle\n');
    expect(r.powerOn()).toBe(true);
    expectOk(await t('power', 'reset'), 'Chassis Power Control: Reset\n');
    expect(r.powerOn()).toBe(true);
    expectOk(await t('power', 'soft'), 'Chassis Power Control: Soft\n');
    expect(r.powerOn()).toBe(false);
    expectOk(await t('chassis', 'status'), chassisStatus('off', 'command'));
    expectFail(await t('power', 'diag'), 'Set Chassis Power Control to Diag failed: Invalid data field in request\n');
  });

  it('mc guid, mc selftest, chassis identify, channel authcap, channel getciphers', async () => {
    const t = (...args: string[]): Promise<RunResult> => ipmitool(r.port, [...ADMIN, '-C', '17', ...args]);
    expectOk(await t('mc', 'guid'), 'System GUID   : 89674523-01ef-4acd-9988-665544332211\nGUID Encoding : IPMI\nGUID Version  : Random or pseudo-random\n');
    expectOk(await t('mc', 'selftest'), 'Selftest: passed\n');
    expectOk(await t('chassis', 'identify', 'force'), 'Chassis identify interval: indefinite\n');
    expectOk(await t('chassis', 'identify', '0'), 'Chassis identify interval: off\n');
    expectOk(
      await t('channel', 'authcap', '1', '4'),
      [
        'Channel number             : 1',
        'IPMI v1.5  auth types      : ',
        'KG status                  : default (all zeroes)',
        'Per message authentication : enabled',
        'User level authentication  : enabled',
        'Non-null user names exist  : yes',
        'Null user names exist      : no',
        'Anonymous login enabled    : no',
        'Channel supports IPMI v1.5 : no',
        'Channel supports IPMI v2.0 : yes',
        '',
      ].join('\n'),
    );
    const ciphers = await t('channel', 'getciphers', 'ipmi');
    expect(ciphers.code).toBe(0);
    const lines = ciphers.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg');
    expect(lines.slice(1).map((l) => l.trimEnd())).toEqual([
      '0    N/A     none            none            none',
      '1    N/A     hmac_sha1       none            none',
      '2    N/A     hmac_sha1       hmac_sha1_96    none',
      '3    N/A     hmac_sha1       hmac_sha1_96    aes_cbc_128',
      '6    N/A     hmac_md5        none            none',
      '7    N/A     hmac_md5        hmac_md5_128    none',
      '8    N/A     hmac_md5        hmac_md5_128    aes_cbc_128',
      '11   N/A     hmac_md5        md5_128         none',
      '12   N/A     hmac_md5        md5_128         aes_cbc_128',
      '15   N/A     hmac_sha256     none            none',
      '16   N/A     hmac_sha256     sha256_128      none',
      '17   N/A     hmac_sha256     sha256_128      aes_cbc_128',
    ]);
  });

  it('closes its session at exit (Close Session counted, none left open)', async () => {
    const before = r.stats();
    expectOk(await ipmitool(r.port, [...ADMIN, '-C', '17', 'power', 'status']), 'Chassis Power is off\n');
    const after = r.stats();
    expect(after.closed).toBe(before.closed + 1);
    expect(after.sessionsOpen).toBe(before.sessionsOpen);
    expect(after.requests).toBeGreaterThan(before.requests + 5);
  });

  it('wrong password: RAKP 2 HMAC rejected by ipmitool, exit 1, fast', async () => {
    for (const c of ['3', '17']) {
      const res = await ipmitool(r.port, ['-U', 'admin', '-P', 'wrong', '-C', c, '-v', 'power', 'status']);
      expectFail(res, `Loading IANA PEN Registry...\n> RAKP 2 HMAC is invalid\n${SESSION_FAILED}`);
      expect(res.ms).toBeLessThan(3000); // the error RAKP 3 is answered, no retry wait
    }
  });

  it('-C 0 (RAKP-none) proves nothing: any password is accepted, unknown users are not', async () => {
    expectOk(await ipmitool(r.port, ['-U', 'admin', '-P', 'wrong', '-C', '0', 'power', 'status']), 'Chassis Power is off\n');
    expectFail(await ipmitool(r.port, ['-U', 'nobody', '-P', 'wrong', '-C', '0', 'power', 'status']), SESSION_FAILED);
  });

  it('unknown user: RAKP 2 status "unauthorized name"', async () => {
    const res = await ipmitool(r.port, ['-U', 'nobody', '-P', 'password', '-C', '17', '-v', 'power', 'status']);
    expectFail(res, `Loading IANA PEN Registry...\nRAKP 2 message indicates an error : unauthorized name\n${SESSION_FAILED}`);
  });

  it('a Kg given to a BMC without one: RAKP 4 ICV mismatch', async () => {
    const res = await ipmitool(r.port, [...ADMIN, '-C', '17', '-k', 'somekey', '-v', 'power', 'status']);
    expectFail(res, `Loading IANA PEN Registry...\n> RAKP 4 message has invalid integrity check value\n${SESSION_FAILED}`);
  });

  it('USER account: no ADMINISTRATOR session, power off refused with 0xD4, status allowed', async () => {
    const user = ['-U', 'user', '-P', 'userpass', '-C', '17'];
    expectOk(await ipmitool(r.port, [...ADMIN, '-C', '17', 'power', 'on']), 'Chassis Power Control: Up/On\n');
    expectFail(await ipmitool(r.port, [...user, 'power', 'off']), `Set Session Privilege Level to ADMINISTRATOR failed: Unknown (0x81)\n${SESSION_FAILED}`);
    expectFail(
      await ipmitool(r.port, [...user, '-L', 'OPERATOR', 'power', 'off']),
      `Set Session Privilege Level to OPERATOR failed: Unknown (0x81)\n${SESSION_FAILED}`,
    );
    expectFail(await ipmitool(r.port, [...user, '-L', 'USER', 'power', 'off']), 'Set Chassis Power Control to Down/Off failed: Insufficient privilege level\n');
    expect(r.powerOn()).toBe(true);
    expectOk(await ipmitool(r.port, [...user, '-L', 'USER', 'power', 'status']), 'Chassis Power is on\n');
    // username/privilege lookup (role without bit 0x10): matches only at or below the user's limit
    expectOk(await ipmitool(r.port, [...user, '-L', 'USER+', 'power', 'status']), 'Chassis Power is on\n');
    expectFail(
      await ipmitool(r.port, [...user, '-L', 'OPERATOR+', '-v', 'power', 'status']),
      `Loading IANA PEN Registry...\nRAKP 2 message indicates an error : unauthorized name\n${SESSION_FAILED}`,
    );
  });

  it('-I lan (IPMI v1.5): presence pong understood, v1.5 session refused', async () => {
    const res = await ipmitool(r.port, ['-I', 'lan', ...ADMIN, '-vvv', 'power', 'status']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Received IPMI/RMCP response packet: \n  IPMI Supported\n  ASF Version 1.0\n');
    expect(res.stderr).toContain('Authentication type NONE not supported');
  });
});

describe.skipIf(NO_IPMITOOL)('ipmitool against restricted cipher suite lists', T, () => {
  it('suite 3 only: -C 17 → invalid authentication algorithm; no -C → 3', async () => {
    const r = await startResponder({ suites: [3] });
    try {
      expectFail(
        await ipmitool(r.port, [...ADMIN, '-C', '17', 'power', 'status']),
        `Error in open session response message : invalid authentication algorithm\n\n${SESSION_FAILED}`,
      );
      expectFail(
        await ipmitool(r.port, [...ADMIN, '-C', '2', 'power', 'status']),
        `Error in open session response message : invalid confidentiality algorithm\n\n${SESSION_FAILED}`,
      );
      const auto = await ipmitool(r.port, [...ADMIN, '-v', 'power', 'status']);
      expect(auto.code).toBe(0);
      expect(auto.stderr).toContain('Using best available cipher suite 3\n');
    } finally {
      await r.stop();
    }
  });

  it('suites 2 and 8: -C 3 (each algorithm known, combination not) → no matching cipher suite', async () => {
    const r = await startResponder({ suites: [2, 8] });
    try {
      expectFail(
        await ipmitool(r.port, [...ADMIN, '-C', '3', 'power', 'status']),
        `Error in open session response message : no matching cipher suite\n\n${SESSION_FAILED}`,
      );
      expectOk(await ipmitool(r.port, [...ADMIN, '-C', '8', 'power', 'status']), 'Chassis Power is off\n');
    } finally {
      await r.stop();
    }
  });
});

describe.skipIf(NO_IPMITOOL || NO_FREEIPMI)('Kg (BMC key)', T, () => {
  let r: Responder;
  beforeAll(async () => {
    r = await startResponder({ kg: Buffer.from('bmckey123') });
  });
  afterAll(async () => {
    await r.stop();
  });

  it('ipmitool: right Kg (-k and -y) works, wrong or missing Kg fails at RAKP 4', async () => {
    for (const suite of ['3', '17']) {
      const t = (...args: string[]): Promise<RunResult> => ipmitool(r.port, [...ADMIN, '-C', suite, ...args]);
      expectOk(await t('-k', 'bmckey123', 'power', 'status'), 'Chassis Power is off\n');
      expectOk(await t('-y', '626d636b6579313233', 'power', 'status'), 'Chassis Power is off\n');
      const bad = `Loading IANA PEN Registry...\n> RAKP 4 message has invalid integrity check value\n${SESSION_FAILED}`;
      expectFail(await t('-k', 'wrongkey', '-v', 'power', 'status'), bad);
      expectFail(await t('-v', 'power', 'status'), bad);
    }
  });

  it('FreeIPMI: right Kg works, wrong or missing Kg is "k_g invalid"', async () => {
    for (const suite of ['3', '17']) {
      const fi = (...args: string[]): Promise<RunResult> => freeipmi('ipmipower', r.port, [...FI_ADMIN, '-I', suite, ...args]);
      expectOk(await fi('-k', 'bmckey123', '--stat'), '127.0.0.1: off\n');
      expectFail(await fi('-k', 'wrongkey', '--stat'), '', '127.0.0.1: k_g invalid\n');
      expectFail(await fi('--stat'), '', '127.0.0.1: k_g invalid\n');
    }
  });
});

describe.skipIf(NO_FREEIPMI)('FreeIPMI (ipmipower, bmc-info, ipmi-chassis)', T, () => {
  let r: Responder;
  beforeAll(async () => {
    r = await startResponder();
  });
  afterAll(async () => {
    await r.stop();
  });

  it.each(ALL_SUITES)('ipmipower -I %i: --on/--stat/--off/--stat', async (c) => {
    const p = (...args: string[]): Promise<RunResult> => freeipmi('ipmipower', r.port, [...FI_ADMIN, '-I', String(c), ...args]);
    expectOk(await p('--on'), '127.0.0.1: ok\n');
    expect(r.powerOn()).toBe(true);
    expectOk(await p('--stat'), '127.0.0.1: on\n');
    expectOk(await p('--off'), '127.0.0.1: ok\n');
    expect(r.powerOn()).toBe(false);
    expectOk(await p('--stat'), '127.0.0.1: off\n');
  });

  it.each(ALL_SUITES)('bmc-info -I %i --get-device-id', async (c) => {
    expectOk(await freeipmi('bmc-info', r.port, [...FI_ADMIN, '-I', String(c), '--get-device-id']), BMC_INFO_DEVICE_ID);
  });

  it('bmc-info GUIDs and ipmi-chassis status/identify (suite 17)', async () => {
    const args = [...FI_ADMIN, '-I', '17'];
    const guid = '89674523-01ef-4acd-9988-665544332211\n';
    expectOk(await freeipmi('bmc-info', r.port, [...args, '--get-device-guid']), guid);
    expectOk(await freeipmi('bmc-info', r.port, [...args, '--get-system-guid']), guid);
    expectOk(await freeipmi('ipmi-chassis', r.port, [...args, '--chassis-identify=FORCE']), '');
    const st = await freeipmi('ipmi-chassis', r.port, [...args, '--get-chassis-status']);
    expect(st.code).toBe(0);
    expect(st.stdout).toContain('System Power                        : off\n');
    expect(st.stdout).toContain('Power restore policy                : Restore\n');
    expect(st.stdout).toContain('Chassis Identify state              : Indefinite on\n');
  });

  it('ipmipower --cycle/--reset/--soft', async () => {
    const p = (...args: string[]): Promise<RunResult> => freeipmi('ipmipower', r.port, [...FI_ADMIN, '-I', '3', ...args]);
    expectOk(await p('--cycle'), '127.0.0.1: ok\n');
    expect(r.powerOn()).toBe(true);
    expectOk(await p('--reset'), '127.0.0.1: ok\n');
    expectOk(await p('--soft'), '127.0.0.1: ok\n');
    expect(r.powerOn()).toBe(false);
  });

  it('wrong password and unknown user', async () => {
    for (const c of ['3', '17']) {
      expectFail(await freeipmi('ipmipower', r.port, ['-u', 'admin', '-p', 'wrong', '-I', c, '--stat']), '', '127.0.0.1: password invalid\n');
      expectFail(await freeipmi('ipmipower', r.port, ['-u', 'nobody', '-p', 'password', '-I', c, '--stat']), '', '127.0.0.1: username invalid\n');
      expectFail(await freeipmi('bmc-info', r.port, ['-u', 'admin', '-p', 'wrong', '-I', c, '--get-device-id']), 'bmc-info: password invalid\n');
    }
  });

  it('USER account cannot power off (0xD4 / 0x81 from the responder)', async () => {
    const user = ['-u', 'user', '-p', 'userpass', '-I', '17'];
    expectOk(await freeipmi('ipmipower', r.port, [...FI_ADMIN, '-I', '17', '--on']), '127.0.0.1: ok\n');
    expectFail(
      await freeipmi('ipmi-chassis', r.port, [...user, '-l', 'USER', '--chassis-control=power-down']),
      'ipmi_cmd_chassis_control: privilege level insufficient\n',
    );
    expectFail(
      await freeipmi('ipmi-chassis', r.port, [...user, '-l', 'OPERATOR', '--chassis-control=power-down']),
      'ipmi-chassis: privilege level cannot be obtained for this user\n',
    );
    // ipmipower 1.6.10 swallows in-session completion codes on LAN_2_0 (no message, exit 0)
    const quiet = await freeipmi('ipmipower', r.port, [...user, '--off']);
    expect({ code: quiet.code, stdout: quiet.stdout }).toEqual({ code: 0, stdout: '' });
    expect(r.powerOn()).toBe(true);
    expectOk(await freeipmi('ipmipower', r.port, [...user, '-l', 'USER', '--stat']), '127.0.0.1: on\n');
  });
});

describe('raw datagrams and robustness', T, () => {
  let r: Responder;
  beforeAll(async () => {
    r = await startResponder();
  });
  afterAll(async () => {
    await r.stop();
  });

  const v15 = (msg: number[]): Buffer => Buffer.from([0x06, 0x00, 0xff, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, msg.length, ...msg]);
  const v2 = (msg: number[]): Buffer => Buffer.from([0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, msg.length, 0, ...msg]);

  it('ASF presence ping → pong (IPMI supported)', async () => {
    const ping = Buffer.from([0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x2a, 0x00, 0x00]);
    const [pong, ...rest] = await exchange(r.port, [ping]);
    expect(rest).toEqual([]);
    expect(pong?.toString('hex')).toBe('0600ff06000011be402a0010000011be000000008100000000000000');
  });

  it('v1.5 pre-session Get Channel Authentication Capabilities (bytes from ipmitool)', async () => {
    const req = Buffer.from('0600ff07 00 00000000 00000000 09 2018c8 810038 8e04 b5'.replace(/ /g, ''), 'hex');
    const [rsp, ...rest] = await exchange(r.port, [req]);
    expect(rest).toEqual([]);
    // rqAddr 81, netFn 07 | chk | 20, rqSeq 0, cmd 38 | cc 00 | channel 1, v2.0 data, status 04, v2.0 only, OEM 0
    const body = [0x20, 0x00, 0x38, 0x00, 0x01, 0x80, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00];
    const msg = [0x81, 0x1c, cks([0x81, 0x1c]), ...body, cks(body)];
    expect(rsp?.toString('hex')).toBe(Buffer.from([0x06, 0x00, 0xff, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, msg.length, ...msg]).toString('hex'));
  });

  it('Get Channel Cipher Suites in v1.5 and in RMCP+ pre-session format', async () => {
    const records = (idx: number): number[] => ipmiMsg(0x06, 0x54, [0x0e, 0x00, 0x80 | idx], idx + 1);
    const pages: string[] = [];
    for (const wrap of [v15, v2]) {
      const got = await exchange(
        r.port,
        [0, 1, 2, 3].map((i) => wrap(records(i))),
      );
      expect(got).toHaveLength(4);
      const bodies = got.map((g) => {
        const msgAt = wrap === v15 ? 14 : 16;
        const msg = g.subarray(msgAt, g.length);
        expect(msg.readUInt8(6)).toBe(0); // completion code
        return msg.subarray(8, msg.length - 1).toString('hex'); // after cc and channel byte
      });
      pages.push(bodies.join(''));
    }
    const expected = [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17]
      .map((id) => {
        const alg: Record<number, number[]> = {
          0: [0, 0, 0],
          1: [1, 0, 0],
          2: [1, 1, 0],
          3: [1, 1, 1],
          6: [2, 0, 0],
          7: [2, 2, 0],
          8: [2, 2, 1],
          11: [2, 3, 0],
          12: [2, 3, 1],
          15: [3, 0, 0],
          16: [3, 4, 0],
          17: [3, 4, 1],
        };
        const [a, i, c] = alg[id] ?? [];
        return Buffer.from([0xc0, id, a ?? 0, 0x40 | (i ?? 0), 0x80 | (c ?? 0)]).toString('hex');
      })
      .join('');
    expect(pages).toEqual([expected, expected]);
  });

  it('drops bad checksums, garbage, unknown sessions and in-session-only commands pre-session', async () => {
    const before = r.stats().requests;
    const good = ipmiMsg(0x06, 0x38, [0x8e, 0x04]);
    const badChk = [...good];
    badChk[badChk.length - 1] = ((badChk[badChk.length - 1] ?? 0) + 1) & 0xff;
    const junk = [
      v15(badChk),
      Buffer.from([0x06, 0x00, 0xff, 0x07]),
      Buffer.from([0x06, 0x00, 0xff, 0x07, 0x06, 0x40, 1, 2, 3, 4, 1, 0, 0, 0, 0x20, 0x00]),
      Buffer.from([0x06, 0x00, 0xff, 0x07, 0x06, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1]),
      Buffer.alloc(0),
      Buffer.alloc(2000, 0x06),
    ];
    for (let i = 0; i < 300; i++) {
      const b = Buffer.alloc(1 + ((i * 7919) % 120));
      for (let j = 0; j < b.length; j++) b.writeUInt8((i * 31 + j * 17 + (j >> 2)) & 0xff, j);
      if (i % 2) b.set([0x06, 0x00, 0xff, 0x07, i % 4 ? 0x06 : 0x00].slice(0, b.length));
      junk.push(b);
    }
    expect(await exchange(r.port, junk)).toEqual([]);
    expect(r.stats().requests).toBe(before);
    // Get Chassis Status outside a session: 0xD5, not executed
    const [rsp] = await exchange(r.port, [v15(ipmiMsg(0x00, 0x01, []))]);
    expect(rsp?.readUInt8(14 + 6)).toBe(0xd5);
    // still serving
    const [ok] = await exchange(r.port, [v15(good)]);
    expect(ok?.readUInt8(14 + 6)).toBe(0x00);
  });

  it.skipIf(NO_IPMITOOL)('in-session duplicates are ignored: one response per request', async () => {
    const proxy = await startProxy(r.port, (pkt, dir) => {
      const h = rmcpPlus(pkt);
      return dir === 'toBmc' && h && h.sessionId !== 0 ? [pkt, pkt] : [pkt];
    });
    try {
      const before = r.stats().requests;
      for (const c of ['3', '17', '0']) {
        expectOk(await ipmitool(proxy.port, [...ADMIN, '-C', c, 'power', 'status']), 'Chassis Power is off\n');
      }
      const inSession = (dir: string): number => proxy.log.filter((e) => e.dir === dir && (rmcpPlus(e.pkt)?.sessionId ?? 0) !== 0).length;
      expect(inSession('toBmc')).toBeGreaterThan(15);
      expect(inSession('toClient')).toBe(inSession('toBmc'));
      const preSession = proxy.log.filter((e) => e.dir === 'toBmc' && (rmcpPlus(e.pkt)?.sessionId ?? 0) === 0);
      const answered = preSession.filter((e) => e.pkt.readUInt8(4) !== 0x06 || rmcpPlus(e.pkt)?.payloadType === 0);
      expect(r.stats().requests - before).toBe(inSession('toBmc') + answered.length);
    } finally {
      await proxy.close();
    }
  });

  it.skipIf(NO_IPMITOOL)('a corrupted AuthCode is dropped silently; ipmitool retries and succeeds', async () => {
    let corrupted = 0;
    const proxy = await startProxy(r.port, (pkt, dir) => {
      const h = rmcpPlus(pkt);
      if (dir === 'toBmc' && h?.authenticated && corrupted === 0) {
        corrupted++;
        const bad = Buffer.from(pkt);
        bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0x01, bad.length - 1);
        return [bad];
      }
      return [pkt];
    });
    try {
      const res = await ipmitool(proxy.port, [...ADMIN, '-C', '17', 'power', 'status']);
      expectOk(res, 'Chassis Power is off\n');
      expect(corrupted).toBe(1);
      expect(res.ms).toBeGreaterThan(900); // one 1 s receive timeout
    } finally {
      await proxy.close();
    }
  });

  it.skipIf(NO_IPMITOOL)('a corrupted RAKP 3 AuthCode is answered with RAKP 4 status 0x0F', async () => {
    const proxy = await startProxy(r.port, (pkt, dir) => {
      if (dir !== 'toBmc' || rmcpPlus(pkt)?.payloadType !== 0x14) return [pkt];
      const bad = Buffer.from(pkt);
      bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0x80, bad.length - 1);
      return [bad];
    });
    try {
      const res = await ipmitool(proxy.port, [...ADMIN, '-C', '17', '-v', 'power', 'status']);
      expectFail(res, `Loading IANA PEN Registry...\nRAKP 4 message indicates an error : invalid integrity check value\n${SESSION_FAILED}`);
      const rakp4 = proxy.log.find((e) => e.dir === 'toClient' && rmcpPlus(e.pkt)?.payloadType === 0x15);
      expect(rakp4?.pkt.readUInt8(17)).toBe(0x0f);
    } finally {
      await proxy.close();
    }
  });

  it.skipIf(NO_IPMITOOL)('dropFirst: the first datagram is lost, ipmitool retries after its timeout', async () => {
    const lossy = await startResponder({ dropFirst: 1 });
    try {
      const res = await ipmitool(lossy.port, [...ADMIN, '-C', '17', 'power', 'status']);
      expectOk(res, 'Chassis Power is off\n');
      expect(res.ms).toBeGreaterThan(900);
    } finally {
      await lossy.stop();
    }
  });

  it('rejects bad options and non-loopback hosts', async () => {
    await expect(startResponder({ host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.0\/8/);
    await expect(startResponder({ suites: [4] })).rejects.toThrow(/cipher suite 4/);
    await expect(startResponder({ guid: Buffer.alloc(3) })).rejects.toThrow(/guid/);
  });
});
