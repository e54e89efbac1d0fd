/**
 * Known-answer vectors for the App commands behind session setup (IPMI v1.5 LAN, RMCP+
 * cipher suite discovery), bridging and `mc selftest`, laid out as in the IPMI v2.0
 * tables cited per test.
 */
import { describe, expect, it } from 'vitest';
import { fromHex as bytes, hex } from '../../codec.js';
import { DecodeError } from '../../../errors.js';
import { NetFn } from '../../netfn.js';
import { activateSession } from './activate-session.js';
import { closeSession } from './close-session.js';
import { getChannelCipherSuites, parseCipherSuiteRecords } from './get-channel-cipher-suites.js';
import { getSelfTestResults } from './get-self-test-results.js';
import { getSessionChallenge } from './get-session-challenge.js';
import { sendMessage, Tracking } from './send-message.js';
import { setSessionPrivilegeLevel } from './set-session-privilege-level.js';

describe('command numbers (IPMI v2.0 Appendix G, App netFn 06h)', () => {
  it.each([
    { cmd: getSelfTestResults, code: 0x04, section: '20.4' },
    { cmd: sendMessage, code: 0x34, section: '22.7' },
    { cmd: getSessionChallenge, code: 0x39, section: '22.16' },
    { cmd: activateSession, code: 0x3a, section: '22.17' },
    { cmd: setSessionPrivilegeLevel, code: 0x3b, section: '22.18' },
    { cmd: closeSession, code: 0x3c, section: '22.19' },
    { cmd: getChannelCipherSuites, code: 0x54, section: '22.15' },
  ])('$cmd.name', ({ cmd, code, section }) => {
    expect(cmd.netFn).toBe(NetFn.App);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toBe(`IPMI v2.0 §${section}`);
  });
});

describe('Get Self Test Results (§20.4 Table 20-4)', () => {
  it('55h: no error; 57h with the failure bits of byte 3; a missing byte 3 reads as 0', () => {
    expect(hex(getSelfTestResults.encode())).toBe('');
    expect(getSelfTestResults.decode(bytes('55 00'))).toEqual({ result: 0x55, detail: 0 });
    expect(getSelfTestResults.decode(bytes('57 84'))).toEqual({ result: 0x57, detail: 0x84 });
    expect(getSelfTestResults.decode(bytes('56'))).toEqual({ result: 0x56, detail: 0 });
    expect(() => getSelfTestResults.decode(bytes(''))).toThrow(DecodeError);
  });
});

describe('Send Message (§22.7 Table 22-10)', () => {
  it('byte 1: tracking in bits 7:6, channel in bits 3:0; then the message as given', () => {
    const message = bytes('82 18 5e 20 08 01 d7');
    expect(hex(sendMessage.encode({ channel: 0, tracking: Tracking.Track, message }))).toBe('40' + '82185e200801d7');
    expect(hex(sendMessage.encode({ channel: 7, tracking: Tracking.None, message: bytes('') }))).toBe('07');
    expect(hex(sendMessage.encode({ channel: 0x1f, tracking: 7, message: bytes('') }))).toBe('cf');
  });

  it('the response data is kept as received', () => {
    expect(hex(sendMessage.decode(bytes('81 1c 63 20 08 01 00 d7')))).toBe('811c6320080100d7');
  });
});

describe('Get Session Challenge (§22.16)', () => {
  it('authentication type, then the user name zero-padded to 16 bytes', () => {
    expect(hex(getSessionChallenge.encode({ authType: 2, username: Buffer.from('admin') }))).toBe('02' + '61646d696e' + '00'.repeat(11));
    expect(hex(getSessionChallenge.encode({ authType: 0, username: Buffer.alloc(0) }))).toBe('00' + '00'.repeat(16));
  });

  it('temporary session ID (LS byte first) and the 16-byte challenge', () => {
    const c = getSessionChallenge.decode(bytes('78 56 34 12' + '00112233445566778899aabbccddeeff'));
    expect({ id: c.tempSessionId, challenge: hex(c.challenge) }).toEqual({ id: 0x12345678, challenge: '00112233445566778899aabbccddeeff' });
    expect(() => getSessionChallenge.decode(bytes('78 56 34 12 00'))).toThrow(DecodeError);
  });
});

describe('Activate Session (§22.17 Table 22-19)', () => {
  it('authentication type, maximum privilege, the challenge, the initial outbound sequence number (LS first)', () => {
    const req = { authType: 2, maxPriv: 4, challenge: Buffer.alloc(16, 0x11), initialOutboundSeq: 0x01020304 };
    expect(hex(activateSession.encode(req))).toBe('0204' + '11'.repeat(16) + '04030201');
  });

  it('authentication type and privilege in bits 3:0; session ID and initial inbound sequence number LS first', () => {
    expect(activateSession.decode(bytes('f2 78 56 34 12 01 00 00 00 f4'))).toEqual({ authType: 2, sessionId: 0x12345678, initialInboundSeq: 1, maxPriv: 4 });
    expect(() => activateSession.decode(bytes('02 78 56 34 12 01 00 00 00'))).toThrow(DecodeError);
    expect(activateSession.completionCodes?.[0x86]).toBe('Requested maximum privilege level exceeds user and/or channel privilege limit');
  });
});

describe('Set Session Privilege Level (§22.18 Table 22-22)', () => {
  it('the level in bits 3:0 both ways', () => {
    expect(hex(setSessionPrivilegeLevel.encode({ privilege: 4 }))).toBe('04');
    expect(hex(setSessionPrivilegeLevel.encode({ privilege: 0xf3 }))).toBe('03');
    expect(setSessionPrivilegeLevel.decode(bytes('84'))).toEqual({ privilege: 4 });
  });
});

describe('Close Session (§22.19 Table 22-23)', () => {
  it('the session ID, LS byte first; the handle only with session ID 0', () => {
    expect(hex(closeSession.encode({ sessionId: 0x12345678 }))).toBe('78563412');
    expect(hex(closeSession.encode({ sessionId: 0, handle: 3 }))).toBe('0000000003');
    expect(hex(closeSession.encode({ sessionId: 5, handle: 3 }))).toBe('05000000');
  });
});

describe('Get Channel Cipher Suites (§22.15)', () => {
  it('channel, payload type, list index with bit 7 = list algorithms by cipher suite', () => {
    expect(hex(getChannelCipherSuites.encode({ channel: 0x0e, payloadType: 0, index: 0 }))).toBe('0e0080');
    expect(hex(getChannelCipherSuites.encode({ channel: 1, payloadType: 1, index: 2 }))).toBe('010182');
  });

  it('the channel, then up to 16 bytes of record data', () => {
    const c = getChannelCipherSuites.decode(bytes('01 c0 00 00 40 80'));
    expect({ channel: c.channel, records: hex(c.records) }).toEqual({ channel: 1, records: 'c000004080' });
  });
});

describe('parseCipherSuiteRecords (§22.15.1, the cipher suite record format)', () => {
  it('C0h records: suite ID, then algorithms tagged 00b authentication, 01b integrity, 10b confidentiality', () => {
    // Suite 3: RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128. Suite 17: RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128.
    expect(parseCipherSuiteRecords(bytes('c0 03 01 41 81 c0 11 03 44 81'))).toEqual([
      { id: 3, auth: [1], integrity: [1], crypt: [1] },
      { id: 17, auth: [3], integrity: [4], crypt: [1] },
    ]);
  });

  it('C1h (OEM) records carry a 3-byte IANA number, LS byte first', () => {
    expect(parseCipherSuiteRecords(bytes('c1 80 57 01 00 01 41 80'))).toEqual([{ id: 0x80, iana: 0x157, auth: [1], integrity: [1], crypt: [0] }]);
  });

  it('a record cut short ends the list; bytes before a start-of-record are skipped', () => {
    expect(parseCipherSuiteRecords(bytes('ff c0 00 00 40 80 c0'))).toEqual([{ id: 0, auth: [0], integrity: [0], crypt: [0] }]);
    expect(parseCipherSuiteRecords(bytes('c1 80 57 01'))).toEqual([]);
  });
});
