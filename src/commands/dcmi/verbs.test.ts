/**
 * dcmi verbs in process over the shared stub context: the request bytes (DCMI v1.5 §6.1.1, §6.6.1,
 * §6.6.2: group extension DCh first) and the text. The replies are those of the emulated DCMI BMC
 * of test/diff/dcmi-emulated.test.ts; the expected text is ipmitool 1.8.19's against them.
 */
import { describe, expect, it } from 'vitest';
import { stubContext } from '../../../test/fakes/stub-context.js';

const UTC = { env: { TZ: 'UTC' } };

// DCMI goes out as raw requests (a completion code may still carry data), so the stub names them by netFn and command.
const POWER_READING = 'netfn 0x2c cmd 0x02';
const POWER_LIMIT = 'netfn 0x2c cmd 0x03';
const CAPABILITIES = 'netfn 0x2c cmd 0x01';

describe('dcmi power', () => {
  it('reading: Get Power Reading, mode 01h (system power statistics)', async () => {
    // 320 W now, 100 min, 500 max, 300 average, timestamp 65F5E100h, 1000 ms period, state 40h (activated).
    const s = stubContext({ [POWER_READING]: [{ data: 'dc 4001 6400 f401 2c01 00e1f565 e8030000 40' }] }, UTC);
    expect(await s.line(['dcmi', 'power', 'reading'])).toBe(0);
    expect(s.sent).toEqual([{ name: POWER_READING, data: 'dc010000' }]);
    expect(s.out).toBe(
      '\n' +
        '    Instantaneous power reading:                   320 Watts\n' +
        '    Minimum during sampling period:                100 Watts\n' +
        '    Maximum during sampling period:                500 Watts\n' +
        '    Average power reading over sample period:      300 Watts\n' +
        '    IPMI timestamp:                           03/16/24 18:12:16 UTC' +
        '    Sampling period:                          00000001 Seconds.\n' +
        '    Power reading state is:                   activated\n\n\n',
    );
  });

  it('get_limit: Get Power Limit; exception action 01h, 300 W, 1000 ms correction, 1 s sampling', async () => {
    const s = stubContext({ [POWER_LIMIT]: [{ data: 'dc 0000 11 2c01 e8030000 0000 0100' }] }, UTC);
    expect(await s.line(['dcmi', 'power', 'get_limit'])).toBe(0);
    expect(s.sent).toEqual([{ name: POWER_LIMIT, data: 'dc0000' }]);
    expect(s.out).toBe(
      '\n' +
        '    Current Limit State: Power Limit Active\n' +
        '    Exception actions:   Log Event to SEL\n' +
        '    Power Limit:         300 Watts\n' +
        '    Correction time:     1000 milliseconds\n' +
        '    Sampling period:     1 seconds\n\n\n',
    );
  });

  it("a DCMI completion code (§6.6.1 Table 6-2, 80h-8Fh): ipmitool's chk_rsp line, exit 1", async () => {
    const s = stubContext({ [POWER_READING]: [{ cc: 0x80 }] }, UTC);
    expect(await s.line(['dcmi', 'power', 'reading'])).toBe(1);
    expect(s.out).toBe('\n'); // ipmitool's empty line after the failure
    expect(s.err).toMatch(/^\n {4}DCMI request failed because: .+ \(80\)\n/);
  });

  it("a BMC without DCMI (C1h): one clear line instead of ipmitool's (docs/compatibility.md), exit 1", async () => {
    const s = stubContext({ [POWER_READING]: [{ cc: 0xc1 }] }, UTC);
    expect(await s.line(['dcmi', 'power', 'reading'])).toBe(1);
    expect(s.err).toContain('This BMC does not support DCMI');
  });
});

describe('dcmi discover', () => {
  it('Get DCMI Capabilities Info, parameters 1-4 (§6.1.1 Table 6-3)', async () => {
    const s = stubContext(
      {
        [CAPABILITIES]: {
          dc01: { data: 'dc 01 05 02 0f 01 3d' },
          dc02: { data: 'dc 01 05 02 00 84 07 07' },
          dc03: { data: 'dc 01 05 02 40 00' },
          dc04: { data: 'dc 01 05 02 01 ff ff' },
        },
      },
      UTC,
    );
    expect(await s.line(['dcmi', 'discover'])).toBe(0);
    expect(s.sent.map((x) => x.data)).toEqual(['dc01', 'dc02', 'dc03', 'dc04']);
    expect(s.out).toBe(
      [
        '    Supported DCMI capabilities:',
        '',
        '         Mandatory platform capabilities',
        '        Identification support available',
        '        SEL logging available',
        '        Chassis power available',
        '        Temperature monitor available',
        '',
        '         Optional platform capabilities',
        '        Power management available',
        '',
        '         Managebility access capabilities',
        '        In-band KCS channel available',
        '        Out-of-band secondary LAN channel available',
        '        Out-of-band primary LAN channel available',
        '        SOL enabled',
        '        VLAN capable',
        '',
        '    Mandatory platform attributes:',
        '',
        '         SEL Attributes: ',
        '               SEL automatic rollover is enabled',
        '               1024 SEL entries',
        '',
        '         Identification Attributes: ',
        '        GUID',
        '        DHCP hostname',
        '        Asset tag',
        '',
        '         Temperature Monitoring Attributes: ',
        '        inlet',
        '        cpu',
        '        baseboard',
        '',
        '    Optional Platform Attributes: ',
        '',
        '         Power Management:',
        '                Slave address of device: 20h (BMC)',
        '                Channel number is 0h (Primary BMC)',
        '                    Device revision is 0 ',
        '',
        '    Manageability Access Attributes: ',
        '         Primary LAN channel number: 1 is available',
        '         Secondary LAN channel is not available for OOB',
        '         No serial channel is available',
        '',
        '',
      ].join('\n'),
    );
  });
});
