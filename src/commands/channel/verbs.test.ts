/**
 * channel verbs in process over the shared stub context: the request bytes (IPMI v2.0 §22.22-§22.24,
 * §22.15) and the text. Replies and expected text are captured from ipmitool 1.8.19 against the
 * project's ipmi_sim (test/sim): its -vvvv request data, the replies read back with `ipmitool raw`.
 */
import { describe, expect, it } from 'vitest';
import { stubContext } from '../../../test/fakes/stub-context.js';

describe('channel info', () => {
  it('Get Channel Info, then Get Channel Access volatile (80h) and non-volatile (40h)', async () => {
    const s = stubContext({
      // §22.24: channel 1, 802.3 LAN (04h), IPMB-1.0 (01h), multi-session with 1 active (81h), IANA 7154 (1BF2h).
      'Get Channel Info': [{ data: '01 04 01 81 f2 1b 00 00 00' }],
      // §22.23: alerting, per-message and user-level auth enabled (bits 5-3 clear), always available (2); privilege limit 4.
      'Get Channel Access': { '0180': { data: '02 04' }, '0140': { data: '02 04' } },
    });
    expect(await s.line(['channel', 'info', '1'])).toBe(0);
    expect(s.sent).toEqual([
      { name: 'Get Channel Info', data: '01' },
      { name: 'Get Channel Access', data: '0180' },
      { name: 'Get Channel Access', data: '0140' },
    ]);
    expect(s.out).toBe(
      [
        'Channel 0x1 info:',
        '  Channel Medium Type   : 802.3 LAN',
        '  Channel Protocol Type : IPMB-1.0',
        '  Session Support       : multi-session',
        '  Active Session Count  : 1',
        '  Protocol Vendor ID    : 7154',
        '  Volatile(active) Settings',
        '    Alerting            : enabled',
        '    Per-message Auth    : enabled',
        '    User Level Auth     : enabled',
        '    Access Mode         : always available',
        '  Non-Volatile Settings',
        '    Alerting            : enabled',
        '    Per-message Auth    : enabled',
        '    User Level Auth     : enabled',
        '    Access Mode         : always available',
        '',
      ].join('\n'),
    );
    expect(s.err).toBe('');
  });

  it("a refused Get Channel Info: ipmitool's line, exit 1", async () => {
    const s = stubContext({ 'Get Channel Info': [{ cc: 0xcc }] });
    expect(await s.line(['channel', 'info', '1'])).toBe(1);
    expect(s.out).toBe('');
    expect(s.err).toContain('Invalid data field in request');
  });
});

describe('channel getaccess', () => {
  it('Get User Access (§22.27) and Get User Name (§22.29) for one user', async () => {
    const s = stubContext({
      // 63 IDs, 6 enabled, 1 fixed name; user 2: IPMI messaging (bit 4), ADMINISTRATOR (4), no callback restriction.
      'Get User Access': [{ data: '3f 06 01 14' }],
      'Get User Name': [{ data: '61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00' }],
    });
    expect(await s.line(['channel', 'getaccess', '1', '2'])).toBe(0);
    expect(s.sent).toEqual([
      { name: 'Get User Access', data: '0102' },
      { name: 'Get User Name', data: '02' },
    ]);
    expect(s.out).toBe(
      [
        'Maximum User IDs     : 63',
        'Enabled User IDs     : 6',
        '',
        'User ID              : 2',
        'User Name            : admin',
        'Fixed Name           : No',
        'Access Available     : call-in / callback',
        'Link Authentication  : disabled',
        'IPMI Messaging       : enabled',
        'Privilege Level      : ADMINISTRATOR',
        'Enable Status        : unknown',
        '',
      ].join('\n'),
    );
  });
});

describe('channel getciphers', () => {
  it('Get Channel Cipher Suites (§22.15): list by suite, index 00h-04h until a short answer', async () => {
    const s = stubContext({
      'Get Channel Cipher Suites': [
        { data: '01 c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 c0' },
        { data: '01 03 01 41 81 c0 04 01 41 82 c0 05 01 41 83 c0 06' },
        { data: '01 02 40 80 c0 07 02 42 80 c0 08 02 42 81 c0 09 02' },
        { data: '01 42 82 c0 0a 02 42 83 c0 0b 02 43 80 c0 0c 02 43' },
        { data: '01 81 c0 0d 02 43 82 c0 0e 02 43 83' },
      ],
    });
    expect(await s.line(['channel', 'getciphers', 'ipmi', '1'])).toBe(0);
    // Channel 1, payload type IPMI (00h), list by cipher suite (80h) with the list index.
    expect(s.sent.map((x) => x.data)).toEqual(['010080', '010081', '010082', '010083', '010084']);
    const lines = s.out.split('\n');
    expect(lines[0]).toBe('ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg');
    expect(lines[1]).toBe('0    N/A     none            none            none           ');
    expect(lines[4]).toBe('3    N/A     hmac_sha1       hmac_sha1_96    aes_cbc_128    ');
    expect(lines[12]).toBe('11   N/A     hmac_md5        md5_128         none           ');
    expect(lines[15]).toBe('14   N/A     hmac_md5        md5_128         xrc4_40        ');
    expect(lines).toHaveLength(17);
  });
});
