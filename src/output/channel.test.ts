/**
 * Golden tests for the channel renderers: reply bytes → our decoders → the text ipmitool 1.8.19
 * prints (lib/ipmi_channel.c). Info and cipher suites were captured from ipmi_sim with ipmitool;
 * authcap (ipmi_sim refuses it with D5h) and the SHA-256 / OEM suites are built from ipmitool's
 * printf formats.
 */
import { describe, expect, it } from 'vitest';
import { getChannelAccess } from '../ipmi/cmds/app/get-channel-access.js';
import { getChannelAuthCapabilities } from '../ipmi/cmds/app/get-channel-auth-capabilities.js';
import { getChannelInfo } from '../ipmi/cmds/app/get-channel-info.js';
import { parseCipherSuiteRecords } from '../ipmi/cmds/app/get-channel-cipher-suites.js';
import { getUserAccess } from '../ipmi/cmds/app/get-user-access.js';
import { parseKg } from '../commands/channel/setkg.js';
import { renderers } from './channel.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

describe('channel info (ipmi_sim replies, ipmitool text)', () => {
  it('LAN channel 1: Get Channel Info then Get Channel Access volatile and non-volatile', () => {
    const info = getChannelInfo.decode(bytes('01 04 01 81 f2 1b 00 00 00'));
    const a = getChannelAccess.decode(bytes('02 04'));
    expect(renderers['channel.info'].text({ info, volatile: a, nonVolatile: a })).toBe(
      'Channel 0x1 info:\n' +
        '  Channel Medium Type   : 802.3 LAN\n' +
        '  Channel Protocol Type : IPMB-1.0\n' +
        '  Session Support       : multi-session\n' +
        '  Active Session Count  : 1\n' +
        '  Protocol Vendor ID    : 7154\n' +
        '  Volatile(active) Settings\n' +
        '    Alerting            : enabled\n' +
        '    Per-message Auth    : enabled\n' +
        '    User Level Auth     : enabled\n' +
        '    Access Mode         : always available\n' +
        '  Non-Volatile Settings\n' +
        '    Alerting            : enabled\n' +
        '    Per-message Auth    : enabled\n' +
        '    User Level Auth     : enabled\n' +
        '    Access Mode         : always available\n',
    );
  });

  it('system interface 0xF: no access sections; hex channel number in lower case', () => {
    const info = getChannelInfo.decode(bytes('0f 0c 05 00 f2 1b 00 00 00'));
    expect(renderers['channel.info'].text({ info })).toBe(
      'Channel 0xf info:\n  Channel Medium Type   : System Interface\n  Channel Protocol Type : KCS\n  Session Support       : session-less\n  Active Session Count  : 0\n  Protocol Vendor ID    : 7154\n',
    );
  });
});

describe('channel authcap (Table 22-15; ipmitool printf formats)', () => {
  it('v2.0 data: KG status and the two "Channel supports" lines', () => {
    const caps = getChannelAuthCapabilities.decode(bytes('01 97 04 03 000000 00'));
    expect(renderers['channel.authcap'].text({ channel: 1, privilege: 4, caps })).toBe(
      'Channel number             : 1\n' +
        'IPMI v1.5  auth types      : NONE MD2 MD5 PASSWORD \n' +
        'KG status                  : default (all zeroes)\n' +
        'Per message authentication : enabled\n' +
        'User level authentication  : enabled\n' +
        'Non-null user names exist  : yes\n' +
        'Null user names exist      : no\n' +
        'Anonymous login enabled    : no\n' +
        'Channel supports IPMI v1.5 : yes\n' +
        'Channel supports IPMI v2.0 : yes\n',
    );
  });

  it('v1.5 only with OEM authentication: IANA and auxiliary data, no v2.0 lines', () => {
    const caps = getChannelAuthCapabilities.decode(bytes('02 24 3e 00 b11200 7f'));
    expect(renderers['channel.authcap'].text({ channel: 2, privilege: 4, caps })).toBe(
      'Channel number             : 2\n' +
        'IPMI v1.5  auth types      : MD5 OEM \n' +
        'Per message authentication : disabled\n' +
        'User level authentication  : disabled\n' +
        'Non-null user names exist  : yes\n' +
        'Null user names exist      : yes\n' +
        'Anonymous login enabled    : no\n' +
        'IANA Number for OEM        : 4785\n' +
        'OEM Auxiliary Data         : 0x7f\n',
    );
  });
});

describe('channel getaccess (ipmi_sim, user 2)', () => {
  it('header once, a blank line before each user', () => {
    const access = getUserAccess.decode(bytes('3f 07 01 14'));
    expect(renderers['channel.getaccess'].text({ channel: 1, users: [{ userId: 2, name: 'admin', access }] })).toBe(
      'Maximum User IDs     : 63\nEnabled User IDs     : 7\n\n' +
        'User ID              : 2\nUser Name            : admin\nFixed Name           : No\nAccess Available     : call-in / callback\n' +
        'Link Authentication  : disabled\nIPMI Messaging       : enabled\nPrivilege Level      : ADMINISTRATOR\nEnable Status        : unknown\n',
    );
  });
});

describe('channel getciphers (§22.15.1 records)', () => {
  it('ipmi_sim records (first reply) in text and -c', () => {
    const suites = parseCipherSuiteRecords(bytes('c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 c0 03 01 41 81'));
    const d = { payload: 'ipmi' as const, channel: 14, suites };
    expect(renderers['channel.getciphers'].text(d)).toBe(
      'ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg\n' +
        '0    N/A     none            none            none           \n' +
        '1    N/A     hmac_sha1       none            none           \n' +
        '2    N/A     hmac_sha1       hmac_sha1_96    none           \n' +
        '3    N/A     hmac_sha1       hmac_sha1_96    aes_cbc_128    \n',
    );
    expect(renderers['channel.getciphers'].csv!(d)).toBe(
      '0,N/A,none,none,none\n1,N/A,hmac_sha1,none,none\n2,N/A,hmac_sha1,hmac_sha1_96,none\n3,N/A,hmac_sha1,hmac_sha1_96,aes_cbc_128\n',
    );
  });

  it('SHA-256 suite 17 and an OEM record (C1h, IANA as %06x)', () => {
    const suites = parseCipherSuiteRecords(bytes('c0 11 03 44 81 c1 80 b11200 01 41 81'));
    expect(renderers['channel.getciphers'].text({ payload: 'ipmi', channel: 1, suites }).split('\n').slice(1, 3)).toEqual([
      '17   N/A     hmac_sha256     sha256_128      aes_cbc_128    ',
      '128  0012b1  hmac_sha1       hmac_sha1_96    aes_cbc_128    ',
    ]);
  });
});

describe('channel setkg key checks (never quoting the key)', () => {
  it('hex and plain keys', () => {
    expect(parseKg('hex', '0x0011ff')).toEqual(bytes('0011ff'));
    expect(parseKg('plain', 'kg-secret')).toEqual(Buffer.from('kg-secret'));
  });

  it.each([
    ['hex', 'zz-secret'],
    ['hex', '0'.repeat(42)],
    ['plain', 'twenty-one-bytes-long'],
    ['plain', ''],
  ])('%s %s is refused without the key in the message', (format, key) => {
    expect(() => parseKg(format, key)).toThrow();
    try {
      parseKg(format, key);
    } catch (e) {
      if (key) expect((e as Error).message).not.toContain(key);
    }
  });
});
