/** Set Session Privilege Level (App 3Bh). IPMI v2.0 §22.18 Table 22-22. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const setSessionPrivilegeLevel = defineCommand<{ privilege: number }, { privilege: number }>({
  name: 'Set Session Privilege Level',
  netFn: NetFn.App,
  cmd: 0x3b,
  spec: 'IPMI v2.0 §22.18',
  encode: (r) => Uint8Array.of(r.privilege & 0x0f),
  decode: (data) => ({ privilege: new ByteReader(data, 'Set Session Privilege Level').u8() & 0x0f }),
  completionCodes: {
    0x80: 'Requested level not available for this user',
    0x81: 'Requested level exceeds Channel and/or User Privilege Limit',
    0x82: 'Cannot disable User Level authentication',
  },
});
