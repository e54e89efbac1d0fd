/** Set Channel Security Keys (App 56h). IPMI v2.0 §22.25 Table 22-29. */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Byte 2 bits 1:0. */
export const KeyOperation = { Read: 0, Set: 1, Lock: 2 } as const;
/** Byte 3: 0 = K_R, 1 = K_G (the BMC key ipmitool calls Kg). */
export const KeyId = { Kr: 0, Kg: 1 } as const;

export interface SetChannelSecurityKeysRequest {
  channel: number;
  operation: number;
  keyId: number;
  /** For Set: the key, NUL padded to 20 bytes. */
  key?: Uint8Array;
}

export interface ChannelSecurityKeysReply {
  /** 0 not lockable, 1 locked, 2 unlocked, 3 reserved. */
  lockStatus: number;
  /** Only for Read. */
  key?: Buffer;
}

export const setChannelSecurityKeys = defineCommand<SetChannelSecurityKeysRequest, ChannelSecurityKeysReply>({
  name: 'Set Channel Security Keys',
  netFn: NetFn.App,
  cmd: 0x56,
  spec: 'IPMI v2.0 §22.25',
  encode(r) {
    const w = new ByteWriter()
      .u8(r.channel & 0x0f)
      .u8(r.operation & 0x03)
      .u8(r.keyId & 0xff);
    if (r.operation === KeyOperation.Set) w.padded(r.key ?? [], 20);
    return w.done();
  },
  decode(data) {
    const r = new ByteReader(data, 'Set Channel Security Keys');
    const lockStatus = r.u8() & 0x03;
    return r.remaining > 0 ? { lockStatus, key: Buffer.from(r.rest()) } : { lockStatus };
  },
  completionCodes: {
    0x80: 'Cannot perform set/confirm, key is locked',
    0x81: 'Insufficient key bytes',
    0x82: 'Too many key bytes',
    0x83: 'Key value does not meet criteria for specified type of key',
  },
});
