/**
 * Get SDR (Storage 23h). IPMI v2.0 §33.12 Table 33-5: reservation ID, record ID, offset into
 * the record, bytes to read (FFh = entire record); the response is the next record ID
 * (FFFFh after the last) followed by the requested bytes of the record.
 */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetSdrRequest {
  reservation: number;
  recordId: number;
  offset: number;
  /** 1-255; FFh reads the entire record. */
  length: number;
}

export interface SdrChunk {
  nextRecordId: number;
  data: Buffer;
}

export const encodeGetSdr = (q: GetSdrRequest): Buffer => new ByteWriter().u16(q.reservation).u16(q.recordId).u8(q.offset).u8(q.length).done();

export const decodeSdrChunk =
  (what: string) =>
  (data: Uint8Array): SdrChunk => {
    const r = new ByteReader(data, what);
    return { nextRecordId: r.u16(), data: Buffer.from(r.rest()) };
  };

export const getSdr = defineCommand<GetSdrRequest, SdrChunk>({
  name: 'Get SDR',
  netFn: NetFn.Storage,
  cmd: 0x23,
  spec: 'IPMI v2.0 §33.12',
  encode: encodeGetSdr,
  decode: decodeSdrChunk('Get SDR'),
  completionCodes: { 0x80: 'Record changed' },
});
