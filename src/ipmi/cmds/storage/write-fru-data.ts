/**
 * Write FRU Data (Storage 12h). IPMI v2.0 §34.3: FRU device ID, offset (in words for
 * word-accessed devices) and the data in; the count written out.
 */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface WriteFruDataRequest {
  fruId: number;
  offset: number;
  data: Uint8Array;
}

export const writeFruData = defineCommand<WriteFruDataRequest, number | undefined>({
  name: 'Write FRU Data',
  netFn: NetFn.Storage,
  cmd: 0x12,
  spec: 'IPMI v2.0 §34.3',
  encode: (q) => new ByteWriter().u8(q.fruId).u16(q.offset).bytes(q.data).done(),
  decode: (data) => new ByteReader(data, 'Write FRU Data').optU8(),
  completionCodes: { 0x80: 'Write-protected offset', 0x81: 'FRU device busy' },
});
