/** Set Management Controller Identifier String (DCMI 0Ah). DCMI v1.5 §6.4.6.2 Table 6-15: offset, length, bytes (NUL terminated). */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';
import type { StringWrite } from './set-asset-tag.js';

export const setMcIdString = defineCommand<StringWrite, { total: number }>({
  name: 'Set Management Controller Identifier String',
  netFn: NetFn.Group,
  cmd: 0x0a,
  spec: 'DCMI v1.5 §6.4.6.2',
  encode: (r) => Uint8Array.from([DCMI_GROUP, r.offset & 0xff, r.bytes.length & 0xff, ...r.bytes]),
  decode: (data) => ({ total: dcmiReader(data, 'Set Management Controller Identifier String').optU8() ?? 0 }),
  completionCodes: dcmiCompletionCodes,
});
