/**
 * lan verbs in process over the shared stub context: the request bytes (IPMI v2.0 §23.1-§23.2,
 * Table 23-4) and the text. Replies and expected text are captured from ipmitool 1.8.19 against the
 * project's ipmi_sim (test/sim): its -vvvv request data, the replies read back with `ipmitool raw`.
 */
import { describe, expect, it } from 'vitest';
import { stubContext } from '../../../test/fakes/stub-context.js';

/** Get Channel Info (§22.24) for channel 1: 802.3 LAN, IPMB-1.0, multi-session. */
const LAN_CHANNEL = { 'Get Channel Info': { '01': { data: '01 04 01 81 f2 1b 00 00 00' } } };

/** Get LAN Configuration Parameters of ipmi_sim's channel 1: channel, parameter, set 0, block 0 -> revision 11h and data. */
const SIM_LAN = {
  '01000000': { data: '11 00' }, // set complete
  '01010000': { data: '11 1f' }, // auth type support: NONE MD2 MD5 PASSWORD (+ OEM bit 5 clear)
  '01020000': { data: '11 17 17 17 17 00' }, // auth type enables per privilege
  '01040000': { data: '11 01' }, // IP address source: static
  '01030000': { data: '11 7f 00 00 01' },
  '01060000': { data: '11 ff 00 00 00' },
  '01050000': { data: '11 52 54 00 12 34 56' },
  '01100000': { data: `11 ${Buffer.from('public').toString('hex')} ${'00'.repeat(12)}` },
  '01070000': { data: '11 00 00 00' },
  '010a0000': { cc: 0x80 },
  '010b0000': { cc: 0x80 },
  '010c0000': { data: '11 7f 00 00 fe' },
  '010d0000': { data: '11 52 54 00 00 00 fe' },
  '010e0000': { data: '11 00 00 00 00' },
  '010f0000': { data: '11 00 00 00 00 00 00' },
  '01140000': { data: '11 00 00' }, // VLAN ID: disabled
  '01150000': { data: '11 00' },
  '01160000': { data: '11 0f' }, // 15 cipher suites
  '01170000': { data: '11 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10' },
  '01180000': { data: '11 44 44 44 44 44 44 44 44 44' }, // cipher suite privileges: all ADMIN
  '011a0000': { cc: 0x80 }, // bad password threshold
} as const;

describe('lan print', () => {
  it('every parameter ipmitool prints, in its wording', async () => {
    const s = stubContext({ ...LAN_CHANNEL, 'Get LAN Configuration Parameters': SIM_LAN });
    expect(await s.line(['lan', 'print', '1'])).toBe(0);
    const params = s.sent.filter((x) => x.name === 'Get LAN Configuration Parameters').map((x) => x.data);
    expect(params).toEqual(Object.keys(SIM_LAN)); // ipmitool's order
    expect(s.out).toBe(
      [
        'Set in Progress         : Set Complete',
        'Auth Type Support       : NONE MD2 MD5 PASSWORD ',
        'Auth Type Enable        : Callback : NONE MD2 MD5 PASSWORD ',
        '                        : User     : NONE MD2 MD5 PASSWORD ',
        '                        : Operator : NONE MD2 MD5 PASSWORD ',
        '                        : Admin    : NONE MD2 MD5 PASSWORD ',
        '                        : OEM      : ',
        'IP Address Source       : Static Address',
        'IP Address              : 127.0.0.1',
        'Subnet Mask             : 255.0.0.0',
        'MAC Address             : 52:54:00:12:34:56',
        'SNMP Community String   : public',
        'IP Header               : TTL=0x00 Flags=0x00 Precedence=0x00 TOS=0x00',
        'Default Gateway IP      : 127.0.0.254',
        'Default Gateway MAC     : 52:54:00:00:00:fe',
        'Backup Gateway IP       : 0.0.0.0',
        'Backup Gateway MAC      : 00:00:00:00:00:00',
        '802.1q VLAN ID          : Disabled',
        '802.1q VLAN Priority    : 0',
        'RMCP+ Cipher Suites     : 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15',
        'Cipher Suite Priv Max   : aaaaaaaaaaaaaaa',
        '                        :     X=Cipher Suite Unused',
        '                        :     c=CALLBACK',
        '                        :     u=USER',
        '                        :     o=OPERATOR',
        '                        :     a=ADMIN',
        '                        :     O=OEM',
        'Bad Password Threshold  : Not Available',
        '',
      ].join('\n'),
    );
  });

  it("a channel that is not LAN: ipmitool's line, exit 1, no parameter read", async () => {
    // Channel 6, medium IPMB (01h).
    const s = stubContext({ 'Get Channel Info': [{ data: '06 01 01 00 f2 1b 00 00 00' }] });
    expect(await s.line(['lan', 'print', '6'])).toBe(1);
    expect(s.sent).toEqual([{ name: 'Get Channel Info', data: '06' }]);
    expect(s.err).toBe('Invalid channel: 6\n');
  });
});

describe('lan set', () => {
  it('ipaddr: set in progress (checked), parameter 3 (read back), commit write, set complete, as ipmitool', async () => {
    const s = stubContext({
      ...LAN_CHANNEL,
      // Set in Progress reads complete, then in progress once set; the address is read back after it is written.
      'Get LAN Configuration Parameters': [{ data: '11 00' }, { data: '11 01' }, { data: '11 7f 00 00 01' }],
      'Set LAN Configuration Parameters': [{}, {}, {}, {}],
    });
    expect(await s.line(['lan', 'set', '1', 'ipaddr', '127.0.0.1'])).toBe(0);
    expect(s.sent.filter((x) => x.name === 'Get LAN Configuration Parameters').map((x) => x.data)).toEqual(['01000000', '01000000', '01030000']);
    expect(s.sent.filter((x) => x.name === 'Set LAN Configuration Parameters').map((x) => x.data)).toEqual(['010001', '01037f000001', '010002', '010000']);
    expect(s.out).toBe('Setting LAN IP Address to 127.0.0.1\n');
  });

  it('a bad address is refused before anything is sent', async () => {
    const s = stubContext();
    expect(await s.line(['lan', 'set', '1', 'ipaddr', '300.1.2.3'])).not.toBe(0);
    expect(s.sent).toEqual([]);
  });
});
