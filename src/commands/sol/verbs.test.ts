/**
 * sol info, set and payload in process over the shared stub context (activate has its own tests):
 * the request bytes (IPMI v2.0 §26.2-§26.3, §22.31-§22.32) and the text. Replies and expected text
 * are captured from ipmitool 1.8.19 against the project's ipmi_sim (test/sim): its -vvvv request
 * data, the replies read back with `ipmitool raw`.
 */
import { describe, expect, it } from 'vitest';
import { stubContext } from '../../../test/fakes/stub-context.js';

/** Get SOL Configuration Parameters for channel 1: parameter, set 0, block 0 -> reply. ipmi_sim lacks 2-4, 7 and 8 (80h). */
const SIM_SOL = {
  '01000000': { data: '11 00' },
  '01010000': { data: '11 01' },
  '01020000': { cc: 0x80 },
  '01030000': { cc: 0x80 },
  '01040000': { cc: 0x80 },
  '01050000': { data: '11 00' },
  '01060000': { data: '11 00' },
  '01070000': { cc: 0x80 },
  '01080000': { cc: 0x80 },
} as const;

describe('sol info', () => {
  it("parameters 0-8 (§26.3 Table 26-5); ipmitool's Info lines for those the BMC lacks, its defaults for channel and port", async () => {
    const s = stubContext({ 'Get SOL Configuration Parameters': SIM_SOL }, { argv: ['-I', 'lanplus', '-H', 'bmc', '-p', '40738', '-U', 'admin', '-P', 'x'] });
    expect(await s.line(['sol', 'info', '1'])).toBe(0);
    expect(s.sent.map((x) => x.data)).toEqual(Object.keys(SIM_SOL));
    expect(s.err).toBe(
      [
        "Info: SOL parameter 'Authentication (2)' not supported",
        "Info: SOL parameter 'Character Interval (3)' not supported",
        "Info: SOL parameter 'Retry (4)' not supported",
        "Info: SOL parameter 'Payload Channel (7)' not supported - defaulting to 0x01",
        "Info: SOL parameter 'Payload Port (8)' not supported - defaulting to 40738",
        '',
      ].join('\n'),
    );
    expect(s.out).toBe(
      [
        'Set in progress                 : set-complete',
        'Enabled                         : true',
        'Force Encryption                : false',
        'Force Authentication            : false',
        'Privilege Level                 : Unknown (0x00)',
        'Character Accumulate Level (ms) : 0',
        'Character Send Threshold        : 0',
        'Retry Count                     : 0',
        'Retry Interval (ms)             : 0',
        'Volatile Bit Rate (kbps)        : IPMI-Over-Serial-Setting',
        'Non-Volatile Bit Rate (kbps)    : IPMI-Over-Serial-Setting',
        'Payload Channel                 : 1 (0x01)',
        'Payload Port                    : 40738',
        '',
      ].join('\n'),
    );
  });
});

describe('sol set', () => {
  it('enabled false: set in progress, the value, commit write, set complete (§26.2, parameter 0 and 1)', async () => {
    const s = stubContext({ 'Set SOL Configuration Parameters': [{}, {}, {}, {}] });
    expect(await s.line(['sol', 'set', 'enabled', 'false', '1'])).toBe(0);
    expect(s.sent.map((x) => x.data)).toEqual(['010001', '010100', '010002', '010000']);
    expect(s.out).toBe('');
  });

  it("a parameter the BMC lacks (80h): set in progress, the value (OPERATOR = 3), set complete; ipmitool's error, exit 1", async () => {
    const s = stubContext(
      { 'Get SOL Configuration Parameters': SIM_SOL, 'Set SOL Configuration Parameters': [{}, { cc: 0x80 }, {}] },
      { argv: ['-I', 'lanplus', '-H', 'bmc', '-p', '40738', '-U', 'admin', '-P', 'x'] },
    );
    expect(await s.line(['sol', 'set', 'privilege-level', 'operator', '1'])).toBe(1);
    expect(s.sent.filter((x) => x.name === 'Set SOL Configuration Parameters').map((x) => x.data)).toEqual(['010001', '010203', '010000']);
    expect(s.err.split('\n').slice(-2)).toEqual(["Error setting SOL parameter 'privilege-level': Parameter not supported", '']);
  });
});

describe('sol payload', () => {
  it('enable: Set User Payload Access (§22.31), user 3, SOL (payload 1 = bit 1 of byte 3)', async () => {
    const s = stubContext({ 'Set User Payload Access': [{}] });
    expect(await s.line(['sol', 'payload', 'enable', '1', '3'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Set User Payload Access', data: '010302000000' }]);
  });

  it('disable: operation 01b in bits 7:6 of byte 2 (43h)', async () => {
    const s = stubContext({ 'Set User Payload Access': [{}] });
    expect(await s.line(['sol', 'payload', 'disable', '1', '3'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Set User Payload Access', data: '014302000000' }]);
  });

  it("refused: ipmitool's line, exit 1", async () => {
    const s = stubContext({ 'Set User Payload Access': [{ cc: 0xc1 }] });
    expect(await s.line(['sol', 'payload', 'enable', '1', '3'])).toBe(1);
    expect(s.err).toBe('Error enabling SOL payload for user 3 on channel 1: Invalid command\n');
  });
});
