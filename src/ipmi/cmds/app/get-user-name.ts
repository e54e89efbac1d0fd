/** Get User Name (App 46h). IPMI v2.0 §22.29 Table 22-34. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface UserName {
  /** The 16 bytes as sent (NUL padded). */
  raw: Buffer;
}

export const getUserName = defineCommand<{ userId: number }, UserName>({
  name: 'Get User Name',
  netFn: NetFn.App,
  cmd: 0x46,
  spec: 'IPMI v2.0 §22.29',
  encode: (r) => Uint8Array.of(r.userId & 0x3f),
  decode(data) {
    const r = new ByteReader(data, 'Get User Name');
    return { raw: Buffer.from(r.bytes(16)) };
  },
});
