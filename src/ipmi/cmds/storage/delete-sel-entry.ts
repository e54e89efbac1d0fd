/** Delete SEL Entry (Storage 46h). IPMI v2.0 §31.8: reservation ID and record ID in, the deleted record ID out. */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface DeleteSelEntryRequest {
  reservation: number;
  recordId: number;
}

export const deleteSelEntry = defineCommand<DeleteSelEntryRequest, number | undefined>({
  name: 'Delete SEL Entry',
  netFn: NetFn.Storage,
  cmd: 0x46,
  spec: 'IPMI v2.0 §31.8',
  encode: (q) => new ByteWriter().u16(q.reservation).u16(q.recordId).done(),
  // Some BMCs send no record ID back.
  decode: (data) => (data.length >= 2 ? new ByteReader(data, 'Delete SEL Entry').u16() : undefined),
  completionCodes: {
    0x80: 'Operation not supported for this record type',
    0x81: 'Cannot execute command, SEL erase in progress',
  },
});
