/** Get SEL Allocation Info (Storage 41h). IPMI v2.0 §31.3 Table 31-3. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SelAllocationInfo {
  allocationUnits: number;
  /** Bytes per allocation unit. */
  unitSize: number;
  freeUnits: number;
  largestFreeBlock: number;
  /** In allocation units. */
  maxRecordSize: number;
}

export const getSelAllocationInfo = defineCommand<void, SelAllocationInfo>({
  name: 'Get SEL Allocation Info',
  netFn: NetFn.Storage,
  cmd: 0x41,
  spec: 'IPMI v2.0 §31.3',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get SEL Allocation Info');
    return { allocationUnits: r.u16(), unitSize: r.u16(), freeUnits: r.u16(), largestFreeBlock: r.u16(), maxRecordSize: r.u8() };
  },
});
