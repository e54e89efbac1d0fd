/** Get User Payload Access (App 4Dh). IPMI v2.0 §24.7 Table 24-9. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface UserPayloadAccess {
  /** Standard payload enables (bit 1 = SOL). */
  standard: number;
  oem: number;
  /** Response data length (ipmitool requires 4). */
  length: number;
}

export const getUserPayloadAccess = defineCommand<{ channel: number; userId: number }, UserPayloadAccess>({
  name: 'Get User Payload Access',
  netFn: NetFn.App,
  cmd: 0x4d,
  spec: 'IPMI v2.0 §24.7',
  encode: (r) => Uint8Array.of(r.channel & 0x0f, r.userId & 0x3f),
  decode(data) {
    const r = new ByteReader(data, 'Get User Payload Access');
    const standard = r.u8();
    r.skip(Math.min(1, r.remaining));
    const oem = r.remaining >= 2 ? r.u16() : 0;
    return { standard, oem, length: data.length };
  },
});
