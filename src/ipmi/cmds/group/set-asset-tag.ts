/** Set Asset Tag (DCMI 08h). DCMI v1.5 §6.4.3 Table 6-11: offset, length (at most 16), the bytes. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface StringWrite {
  offset: number;
  bytes: Uint8Array;
}

export const setAssetTag = defineCommand<StringWrite, { total: number }>({
  name: 'Set Asset Tag',
  netFn: NetFn.Group,
  cmd: 0x08,
  spec: 'DCMI v1.5 §6.4.3',
  encode: (r) => Uint8Array.from([DCMI_GROUP, r.offset & 0xff, r.bytes.length & 0xff, ...r.bytes]),
  decode: (data) => ({ total: dcmiReader(data, 'Set Asset Tag').optU8() ?? 0 }),
  completionCodes: dcmiCompletionCodes,
});
