/**
 * Get SEL Entry (Storage 43h). IPMI v2.0 §31.5 Table 31-5: reservation ID (0 unless reading
 * part of a record), record ID (0000h first, FFFFh last), offset, bytes to read (FFh = the
 * whole record). The reply is the next record ID (FFFFh after the last) and the record bytes.
 */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetSelEntryRequest {
  reservation?: number;
  recordId: number;
  offset?: number;
  /** Default FFh: the entire record. */
  length?: number;
}

export interface SelEntryReply {
  nextRecordId: number;
  /** The record (16 bytes for a whole-record read). */
  record: Buffer;
}

export const getSelEntry = defineCommand<GetSelEntryRequest, SelEntryReply>({
  name: 'Get SEL Entry',
  netFn: NetFn.Storage,
  cmd: 0x43,
  spec: 'IPMI v2.0 §31.5',
  encode: (q) =>
    new ByteWriter()
      .u16(q.reservation ?? 0)
      .u16(q.recordId)
      .u8(q.offset ?? 0)
      .u8(q.length ?? 0xff)
      .done(),
  decode(data) {
    const r = new ByteReader(data, 'Get SEL Entry');
    return { nextRecordId: r.u16(), record: Buffer.from(r.rest()) };
  },
  completionCodes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
