/** Get System Info Parameters (App 59h). IPMI v2.0 §22.14b. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Parameter selectors. IPMI v2.0 §22.14a; 0xC0-0xFF are OEM (Dell's as ipmitool names them). */
export const SystemInfoParam = {
  SetInProgress: 0x00,
  SystemFirmwareVersion: 0x01,
  SystemName: 0x02,
  PrimaryOsName: 0x03,
  OsName: 0x04,
  DellUrl: 0xde,
  DellOsVersion: 0xe4,
} as const;

export interface GetSystemInfoRequest {
  param: number;
  set: number;
  block: number;
  /** Byte 1 bit 7: only the parameter revision is wanted. */
  revisionOnly?: boolean;
}

export interface SystemInfoReply {
  revision: number;
  /** Parameter data after the revision byte (for strings: set selector, then the block). */
  data: Buffer;
}

export const getSystemInfoParameters = defineCommand<GetSystemInfoRequest, SystemInfoReply>({
  name: 'Get System Info Parameters',
  netFn: NetFn.App,
  cmd: 0x59,
  spec: 'IPMI v2.0 §22.14b',
  encode: (r) => Uint8Array.of(r.revisionOnly ? 0x80 : 0, r.param & 0xff, r.set & 0xff, r.block & 0xff),
  decode(data) {
    const r = new ByteReader(data, 'Get System Info Parameters');
    return { revision: r.u8(), data: Buffer.from(r.rest()) };
  },
  completionCodes: { 0x80: 'Parameter not supported' },
});
