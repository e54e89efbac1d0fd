/** Get Asset Tag (DCMI 06h). DCMI v1.5 §6.4.2 Table 6-10: total length, then up to 16 bytes from the offset. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface StringChunk {
  /** Total length of the string. */
  total: number;
  bytes: Buffer;
}

export const getAssetTag = defineCommand<{ offset: number; length: number }, StringChunk>({
  name: 'Get Asset Tag',
  netFn: NetFn.Group,
  cmd: 0x06,
  spec: 'DCMI v1.5 §6.4.2',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.offset & 0xff, r.length & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get Asset Tag');
    return { total: r.u8(), bytes: Buffer.from(r.rest()) };
  },
  completionCodes: {
    ...dcmiCompletionCodes,
    0x80: 'Encoding type in FRU is binary / unspecified',
    0x81: 'Encoding type in FRU is BCD Plus',
    0x82: 'Encoding type in FRU is 6-bit ASCII Packed',
    0x83: 'Encoding type in FRU is set to ASCII+Latin1 but language code is not set to English',
  },
});
