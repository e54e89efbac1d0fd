/** Get User Access (App 44h). IPMI v2.0 §22.27 Table 22-32. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface UserAccess {
  maxUserIds: number;
  /** Byte 2 bits 7:6, unshifted: 00h unknown, 40h enabled, 80h disabled, C0h reserved. */
  enableStatus: number;
  enabledUserIds: number;
  fixedNameUserIds: number;
  /** Byte 4 bit 6: "user restricted to callback" (ipmitool's Callin column is its inverse). */
  callbackOnly: boolean;
  linkAuth: boolean;
  ipmiMessaging: boolean;
  /** Bits 3:0: 1-5 or 0Fh no access. */
  privilegeLimit: number;
}

export const getUserAccess = defineCommand<{ channel: number; userId: number }, UserAccess>({
  name: 'Get User Access',
  netFn: NetFn.App,
  cmd: 0x44,
  spec: 'IPMI v2.0 §22.27',
  encode: (r) => Uint8Array.of(r.channel & 0x0f, r.userId & 0x3f),
  decode(data) {
    const r = new ByteReader(data, 'Get User Access');
    const max = r.u8();
    const enabled = r.u8();
    const fixed = r.u8();
    const a = r.u8();
    return {
      maxUserIds: max & 0x3f,
      enableStatus: enabled & 0xc0,
      enabledUserIds: enabled & 0x3f,
      fixedNameUserIds: fixed & 0x3f,
      callbackOnly: (a & 0x40) !== 0,
      linkAuth: (a & 0x20) !== 0,
      ipmiMessaging: (a & 0x10) !== 0,
      privilegeLimit: a & 0x0f,
    };
  },
});
