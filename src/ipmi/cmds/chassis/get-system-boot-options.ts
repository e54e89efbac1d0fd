/** Get System Boot Options (Chassis 09h). IPMI v2.0 §28.13 Table 28-14. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface BootOptionRequest {
  param: number;
  setSelector?: number;
  blockSelector?: number;
}

export interface BootOption {
  version: number;
  param: number;
  /** Bit 7 of the parameter byte: 1 = invalid/locked. */
  invalid: boolean;
  data: Buffer;
}

export const getSystemBootOptions = defineCommand<BootOptionRequest, BootOption>({
  name: 'Get System Boot Options',
  netFn: NetFn.Chassis,
  cmd: 0x09,
  spec: 'IPMI v2.0 §28.13',
  encode: (r) => Uint8Array.of(r.param & 0x7f, r.setSelector ?? 0, r.blockSelector ?? 0),
  decode(data) {
    const r = new ByteReader(data, 'Get System Boot Options');
    const version = r.u8() & 0x0f;
    const p = r.u8();
    return { version, param: p & 0x7f, invalid: (p & 0x80) !== 0, data: Buffer.from(r.rest()) };
  },
  completionCodes: { 0x80: 'Unsupported parameter' },
});
