/**
 * Read FRU Data (Storage 11h). IPMI v2.0 §34.2: FRU device ID, offset (LS byte first, in words
 * for word-accessed devices) and count in; the count returned and the data out.
 */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ReadFruDataRequest {
  fruId: number;
  /** In access units (bytes, or words for word-accessed devices). */
  offset: number;
  count: number;
}

export interface FruDataChunk {
  /** The count byte as sent (in access units). */
  count: number;
  data: Buffer;
}

export const readFruData = defineCommand<ReadFruDataRequest, FruDataChunk>({
  name: 'Read FRU Data',
  netFn: NetFn.Storage,
  cmd: 0x11,
  spec: 'IPMI v2.0 §34.2',
  encode: (q) => new ByteWriter().u8(q.fruId).u16(q.offset).u8(q.count).done(),
  decode(data) {
    const r = new ByteReader(data, 'Read FRU Data');
    return { count: r.u8(), data: Buffer.from(r.rest()) };
  },
  completionCodes: { 0x81: 'FRU device busy' },
});
