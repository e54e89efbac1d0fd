/** Get FRU Inventory Area Info (Storage 10h). IPMI v2.0 §34.1: size in bytes and access unit. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface FruAreaInfo {
  /** Size of the inventory area in bytes. */
  size: number;
  /** Byte 3 bit 0: the device is accessed by 16-bit words (offsets and counts in words). */
  byWords: boolean;
}

export const getFruInventoryAreaInfo = defineCommand<number, FruAreaInfo>({
  name: 'Get FRU Inventory Area Info',
  netFn: NetFn.Storage,
  cmd: 0x10,
  spec: 'IPMI v2.0 §34.1',
  encode: (fruId) => Uint8Array.of(fruId),
  decode(data) {
    const r = new ByteReader(data, 'Get FRU Inventory Area Info');
    const size = r.u16();
    return { size, byWords: ((r.optU8() ?? 0) & 0x01) === 1 };
  },
});
