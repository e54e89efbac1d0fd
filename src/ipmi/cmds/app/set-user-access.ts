/** Set User Access (App 43h). IPMI v2.0 §22.26 Table 22-31. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SetUserAccessRequest {
  channel: number;
  userId: number;
  /** Byte 1 bit 7: apply the callback/link/IPMI bits (false: only the privilege limit changes). */
  changeBits: boolean;
  callbackOnly: boolean;
  linkAuth: boolean;
  ipmiMessaging: boolean;
  privilegeLimit: number;
  /** Byte 4 (optional in the spec; ipmitool always sends it, 0 = no limit). */
  sessionLimit: number;
}

export const setUserAccess = defineCommand<SetUserAccessRequest, void>({
  name: 'Set User Access',
  netFn: NetFn.App,
  cmd: 0x43,
  spec: 'IPMI v2.0 §22.26',
  encode: (r) =>
    Uint8Array.of(
      (r.changeBits ? 0x80 : 0) | (r.callbackOnly ? 0x40 : 0) | (r.linkAuth ? 0x20 : 0) | (r.ipmiMessaging ? 0x10 : 0) | (r.channel & 0x0f),
      r.userId & 0x3f,
      r.privilegeLimit & 0x0f,
      r.sessionLimit & 0x0f,
    ),
  decode: ignoreData,
});
