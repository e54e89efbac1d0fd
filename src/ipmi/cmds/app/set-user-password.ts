/** Set User Password (App 47h). IPMI v2.0 §22.30 Table 22-35. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Byte 2 bits 1:0. */
export const PasswordOperation = { DisableUser: 0, EnableUser: 1, SetPassword: 2, TestPassword: 3 } as const;

export interface SetUserPasswordRequest {
  userId: number;
  operation: number;
  /** Byte 1 bit 7: 20-byte password field (IPMI v2.0), else 16 bytes. */
  twentyBytes: boolean;
  /** Padded with NULs to 16 or 20 bytes; sent (all zeros when absent) with every operation, as ipmitool does. */
  password?: Uint8Array;
}

export const setUserPassword = defineCommand<SetUserPasswordRequest, void>({
  name: 'Set User Password',
  netFn: NetFn.App,
  cmd: 0x47,
  spec: 'IPMI v2.0 §22.30',
  encode: (r) =>
    new ByteWriter()
      .u8((r.twentyBytes ? 0x80 : 0) | (r.userId & 0x3f))
      .u8(r.operation & 0x03)
      .padded(r.password ?? [], r.twentyBytes ? 20 : 16)
      .done(),
  decode: ignoreData,
  completionCodes: { 0x80: 'Password test failed: password mismatch', 0x81: 'Password test failed: wrong password size' },
});
