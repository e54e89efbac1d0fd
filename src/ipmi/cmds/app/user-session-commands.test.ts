/**
 * Known-answer vectors for the commands behind `user`, `channel setkg` and `session info`:
 * replies as ipmi_sim sent them (captured with `ipmitool raw` on the project's simulator),
 * requests as laid out in the IPMI v2.0 tables cited per test.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../errors.js';
import { describeCommandCode } from '../../completion-codes.js';
import { NetFn } from '../../netfn.js';
import { getSessionInfo, parseSessionInfo } from './get-session-info.js';
import { getUserAccess } from './get-user-access.js';
import { getUserName } from './get-user-name.js';
import { KeyId, KeyOperation, setChannelSecurityKeys } from './set-channel-security-keys.js';
import { setUserAccess } from './set-user-access.js';
import { setUserName } from './set-user-name.js';
import { PasswordOperation, setUserPassword } from './set-user-password.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('command numbers (IPMI v2.0 Appendix G, App netFn 06h)', () => {
  it.each([
    { cmd: getSessionInfo, code: 0x3d },
    { cmd: setUserAccess, code: 0x43 },
    { cmd: getUserAccess, code: 0x44 },
    { cmd: setUserName, code: 0x45 },
    { cmd: getUserName, code: 0x46 },
    { cmd: setUserPassword, code: 0x47 },
    { cmd: setChannelSecurityKeys, code: 0x56 },
  ])('$cmd.name', ({ cmd, code }) => {
    expect(cmd.netFn).toBe(NetFn.App);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toMatch(/^IPMI v2\.0 §22\.\d+$/);
  });
});

describe('Get User Access (§22.27 Table 22-32)', () => {
  it('request: channel in byte 1 bits 3:0, user id in byte 2 bits 5:0', () => {
    expect(hex(getUserAccess.encode({ channel: 1, userId: 2 }))).toBe('0102');
    expect(hex(getUserAccess.encode({ channel: 0x0e, userId: 63 }))).toBe('0e3f');
  });

  it('ipmi_sim, user 2 (admin): 63 ids, 7 enabled, 1 fixed name; IPMI messaging, ADMINISTRATOR', () => {
    expect(getUserAccess.decode(bytes('3f 07 01 14'))).toEqual({
      maxUserIds: 63,
      enableStatus: 0,
      enabledUserIds: 7,
      fixedNameUserIds: 1,
      callbackOnly: false,
      linkAuth: false,
      ipmiMessaging: true,
      privilegeLimit: 4,
    });
  });

  it('byte 2 bits 7:6 enable status and byte 4 bits 6:5 callback-only / link auth', () => {
    const a = getUserAccess.decode(bytes('0a 82 00 6f'));
    expect(a).toMatchObject({
      maxUserIds: 10,
      enableStatus: 0x80,
      enabledUserIds: 2,
      callbackOnly: true,
      linkAuth: true,
      ipmiMessaging: false,
      privilegeLimit: 0x0f,
    });
  });

  it('a short reply is a DecodeError', () => {
    expect(() => getUserAccess.decode(bytes('3f 07 01'))).toThrow(DecodeError);
  });
});

describe('Get/Set User Name (§22.28 Table 22-33, §22.29 Table 22-34)', () => {
  it('ipmi_sim, user 2: "admin" NUL padded to 16 bytes', () => {
    const n = getUserName.decode(bytes('61646d696e0000000000000000000000'));
    expect(n.raw.toString('latin1')).toBe('admin' + '\0'.repeat(11));
    expect(hex(getUserName.encode({ userId: 2 }))).toBe('02');
  });

  it('Set User Name: user id then exactly 16 name bytes', () => {
    expect(hex(setUserName.encode({ userId: 9, name: Buffer.from('foo') }))).toBe('09' + '666f6f' + '00'.repeat(13));
    expect(setUserName.encode({ userId: 9, name: Buffer.alloc(16, 0x41) }).length).toBe(17);
  });

  it('a name reply shorter than 16 bytes is a DecodeError', () => {
    expect(() => getUserName.decode(bytes('61646d696e'))).toThrow(DecodeError);
  });
});

describe('Set User Password (§22.30 Table 22-35)', () => {
  it('set a 16-byte password: byte 1 bit 7 clear, operation 10b', () => {
    expect(hex(setUserPassword.encode({ userId: 9, operation: PasswordOperation.SetPassword, twentyBytes: false, password: Buffer.from('secret9') }))).toBe(
      '09' + '02' + Buffer.from('secret9').toString('hex') + '00'.repeat(9),
    );
  });

  it('test a 20-byte password: byte 1 bit 7 set, operation 11b, 20 bytes', () => {
    const e = setUserPassword.encode({ userId: 2, operation: PasswordOperation.TestPassword, twentyBytes: true, password: Buffer.from('adminpass') });
    expect(hex(e.subarray(0, 2))).toBe('8203');
    expect(e.length).toBe(22);
  });

  it('disable/enable send the (zero) password field, as ipmitool does', () => {
    expect(hex(setUserPassword.encode({ userId: 6, operation: PasswordOperation.DisableUser, twentyBytes: false }))).toBe('0600' + '00'.repeat(16));
    expect(hex(setUserPassword.encode({ userId: 6, operation: PasswordOperation.EnableUser, twentyBytes: false }))).toBe('0601' + '00'.repeat(16));
  });

  it('command-specific completion codes 80h and 81h', () => {
    expect(describeCommandCode(setUserPassword, 0x80)).toBe('Password test failed: password mismatch');
    expect(describeCommandCode(setUserPassword, 0x81)).toBe('Password test failed: wrong password size');
  });
});

describe('Set User Access (§22.26 Table 22-31)', () => {
  it('user priv 9 4 1: bit 7 of byte 1 clear (only the privilege limit changes)', () => {
    expect(
      hex(
        setUserAccess.encode({
          channel: 1,
          userId: 9,
          changeBits: false,
          callbackOnly: false,
          linkAuth: false,
          ipmiMessaging: false,
          privilegeLimit: 4,
          sessionLimit: 0,
        }),
      ),
    ).toBe('01090400');
  });

  it('all bits: 80h change | 40h callback | 20h link | 10h IPMI messaging | channel', () => {
    expect(
      hex(
        setUserAccess.encode({
          channel: 1,
          userId: 3,
          changeBits: true,
          callbackOnly: true,
          linkAuth: true,
          ipmiMessaging: true,
          privilegeLimit: 3,
          sessionLimit: 0,
        }),
      ),
    ).toBe('f1030300');
  });
});

describe('Set Channel Security Keys (§22.25 Table 22-29)', () => {
  it('set Kg on channel 1: channel, operation 01b, key id 1, key NUL padded to 20 bytes', () => {
    const e = setChannelSecurityKeys.encode({ channel: 1, operation: KeyOperation.Set, keyId: KeyId.Kg, key: Buffer.from('kgsecret') });
    expect(hex(e)).toBe('010101' + Buffer.from('kgsecret').toString('hex') + '00'.repeat(12));
  });

  it('read sends no key; the reply is the lock status (and the key for a read)', () => {
    expect(hex(setChannelSecurityKeys.encode({ channel: 1, operation: KeyOperation.Read, keyId: KeyId.Kr }))).toBe('010000');
    expect(setChannelSecurityKeys.decode(bytes('02'))).toEqual({ lockStatus: 2 });
    expect(setChannelSecurityKeys.decode(bytes('01 aabb'))).toEqual({ lockStatus: 1, key: bytes('aabb') });
  });

  it('command-specific completion codes 80h-83h', () => {
    expect(describeCommandCode(setChannelSecurityKeys, 0x80)).toBe('Cannot perform set/confirm, key is locked');
    expect(describeCommandCode(setChannelSecurityKeys, 0x83)).toBe('Key value does not meet criteria for specified type of key');
  });
});

describe('Get Session Info (§22.20 Table 22-21)', () => {
  it('requests: 00h current, 01h-3Fh by index, FEh + handle, FFh + 4-byte id (LS byte first)', () => {
    expect(hex(getSessionInfo.encode({ by: 'current' }))).toBe('00');
    expect(hex(getSessionInfo.encode({ by: 'index', index: 3 }))).toBe('03');
    expect(hex(getSessionInfo.encode({ by: 'handle', handle: 0x12 }))).toBe('fe12');
    expect(hex(getSessionInfo.encode({ by: 'id', id: 0x04030201 }))).toBe('ff01020304');
  });

  it('ipmi_sim (6 bytes, no channel-specific part): handle 1, 63 slots, 1 active, user 2, ADMINISTRATOR, RMCP+ on channel 1', () => {
    expect(parseSessionInfo(bytes('01 3f 01 02 04 11'))).toEqual({
      handle: 1,
      slotCount: 63,
      activeSessions: 1,
      userId: 2,
      privilege: 4,
      sessionType: 1,
      channel: 1,
      length: 6,
    });
  });

  it('802.3 LAN (18 bytes): remote IP, MAC and port (LS byte first)', () => {
    const s = parseSessionInfo(bytes('05 3f 02 03 03 11 7f000001 525400123456 6f02'));
    expect(s.lan).toEqual({ ip: '127.0.0.1', mac: '52:54:00:12:34:56', port: 0x026f });
    expect(s).toMatchObject({ handle: 5, userId: 3, privilege: 3 });
  });

  it('no such session (3 bytes): only the counts', () => {
    expect(parseSessionInfo(bytes('00 3f 01'))).toEqual({ handle: 0, slotCount: 63, activeSessions: 1, length: 3 });
  });
});
