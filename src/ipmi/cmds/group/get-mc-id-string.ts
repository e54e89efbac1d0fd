/** Get Management Controller Identifier String (DCMI 09h). DCMI v1.5 §6.4.6.1 Table 6-14. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';
import type { StringChunk } from './get-asset-tag.js';

export const getMcIdString = defineCommand<{ offset: number; length: number }, StringChunk>({
  name: 'Get Management Controller Identifier String',
  netFn: NetFn.Group,
  cmd: 0x09,
  spec: 'DCMI v1.5 §6.4.6.1',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.offset & 0xff, r.length & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get Management Controller Identifier String');
    return { total: r.u8(), bytes: Buffer.from(r.rest()) };
  },
  completionCodes: dcmiCompletionCodes,
});
