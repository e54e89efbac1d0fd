/** Get SDR Repository Info (Storage 20h). IPMI v2.0 §33.9 Table 33-3. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SdrRepositoryInfo {
  /** SDR version, BCD (51h = 1.5, 02h = 2.0). */
  version: number;
  recordCount: number;
  /** Free space in bytes; FFFFh unspecified, FFFEh "> 64 KiB - 2". */
  freeSpace: number;
  /** Most recent addition / erase timestamps (IPMI time, §37). */
  addTimestamp: number;
  eraseTimestamp: number;
  /** Operation support byte: overflow (7), update modes (6:5), delete (3), partial add (2), reserve (1), allocation info (0). */
  operations: number;
  /** The response data as received: the cache validates against all of it. */
  raw: Buffer;
}

export const getSdrRepositoryInfo = defineCommand<void, SdrRepositoryInfo>({
  name: 'Get SDR Repository Info',
  netFn: NetFn.Storage,
  cmd: 0x20,
  spec: 'IPMI v2.0 §33.9',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get SDR Repository Info');
    return {
      version: r.u8(),
      recordCount: r.u16(),
      freeSpace: r.u16(),
      addTimestamp: r.u32(),
      eraseTimestamp: r.u32(),
      // ipmitool copies what it gets; a missing support byte reads as "nothing supported".
      operations: r.optU8() ?? 0,
      raw: Buffer.from(data),
    };
  },
});
