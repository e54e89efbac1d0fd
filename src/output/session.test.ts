/**
 * Golden tests for `session info`: Get Session Info replies (IPMI v2.0 §22.20 Table 22-21) →
 * the text and -c ipmitool 1.8.19 prints (lib/ipmi_session.c). The 6-byte reply is ipmi_sim's;
 * the 802.3 LAN (18 bytes) and serial (12/14 bytes) layouts follow ipmitool's printf formats.
 */
import { describe, expect, it } from 'vitest';
import { parseSessionInfo } from '../ipmi/cmds/app/get-session-info.js';
import { renderers } from './session.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const r = renderers['session.info'];

describe('session info', () => {
  it('ipmi_sim (6 bytes): no console lines', () => {
    const d = { sessions: [parseSessionInfo(bytes('01 3f 01 02 04 11'))] };
    expect(r.text(d)).toBe(
      'session handle                : 1\nslot count                    : 63\nactive sessions               : 1\nuser id                       : 2\n' +
        'privilege level               : ADMINISTRATOR\nsession type                  : IPMIv2/RMCP+\nchannel number                : 0x01\n\n',
    );
    expect(r.csv!(d)).toBe('1,63,1,2,ADMINISTRATOR,IPMIv2/RMCP+,0x01\n');
  });

  it('a free slot (3 bytes): the counts and a blank line', () => {
    const d = { sessions: [parseSessionInfo(bytes('00 3f 01'))] };
    expect(r.text(d)).toBe('session handle                : 0\nslot count                    : 63\nactive sessions               : 1\n\n');
    expect(r.csv!(d)).toBe('0,63,1\n');
  });

  it('802.3 LAN (18 bytes): console ip, mac, port', () => {
    const d = { sessions: [parseSessionInfo(bytes('05 10 02 03 03 01 c0a80a14 001122aabbcc 6f02'))] };
    expect(r.text(d)).toBe(
      'session handle                : 5\nslot count                    : 16\nactive sessions               : 2\nuser id                       : 3\n' +
        'privilege level               : OPERATOR\nsession type                  : IPMIv1.5\nchannel number                : 0x01\n' +
        'console ip                    : 192.168.10.20\nconsole mac                   : 00:11:22:aa:bb:cc\nconsole port                  : 623\n\n',
    );
    expect(r.csv!(d)).toBe('5,16,2,3,OPERATOR,IPMIv1.5,0x01,192.168.10.20,00:11:22:aa:bb:cc,623\n');
    expect(r.json!(d)).toMatchObject({
      sessions: [{ handle: 5, consoleIp: '192.168.10.20', consoleMac: '00:11:22:aa:bb:cc', consolePort: 623, sessionType: 'IPMIv1.5' }],
    });
  });

  it('serial/modem PPP (14 bytes): activity type, destination selector, ip, port', () => {
    const d = { sessions: [parseSessionInfo(bytes('02 04 01 02 02 12 01 03 0a000001 e803'))] };
    expect(r.text(d).split('\n').slice(7)).toEqual([
      'Session/Channel Activity Type : Callback Messaging session active',
      'Destination selector          : 3',
      'console ip                    : 10.0.0.1',
      'console port                  : 1000',
      '',
      '',
    ]);
    expect(r.csv!(d)).toBe('2,4,1,2,USER,IPMIv2/RMCP+,0x02,Callback Messaging session active,3,10.0.0.1,1000\n');
  });
});
