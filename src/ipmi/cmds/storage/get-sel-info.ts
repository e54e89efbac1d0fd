/** Get SEL Info (Storage 40h). IPMI v2.0 §31.2 Table 31-2. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SelInfo {
  /** BCD: 51h = v1.5/v2.0. */
  version: number;
  entries: number;
  /** Free space in bytes; FFFFh means 65535 or more. */
  freeBytes: number;
  /** Most recent addition and erase timestamps; FFFFFFFFh (or 0) when never. */
  lastAddTime: number;
  lastEraseTime: number;
  /** [7] overflow, [3] Delete, [2] Partial Add, [1] Reserve, [0] Get Allocation Info supported. */
  operationSupport: number;
  /** Bytes in the reply (ipmitool insists on 14). */
  length: number;
}

export const getSelInfo = defineCommand<void, SelInfo>({
  name: 'Get SEL Info',
  netFn: NetFn.Storage,
  cmd: 0x40,
  spec: 'IPMI v2.0 §31.2',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get SEL Info');
    return {
      version: r.u8(),
      entries: r.u16(),
      freeBytes: r.u16(),
      lastAddTime: r.u32(),
      lastEraseTime: r.u32(),
      operationSupport: r.u8(),
      length: data.length,
    };
  },
  completionCodes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
