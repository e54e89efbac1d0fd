/** Set User Payload Access (App 4Ch). IPMI v2.0 §24.6 Table 24-8. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SetUserPayloadAccessRequest {
  channel: number;
  userId: number;
  /** true = disable the listed payloads (operation 01b), false = enable (00b). */
  disable: boolean;
  /** Standard payload enables, byte 3 (bit 1 = SOL). */
  standard: number;
  /** Bytes 4-6: byte 4 reserved, OEM payload enables in bytes 5-6. */
  oem?: number;
}

export const setUserPayloadAccess = defineCommand<SetUserPayloadAccessRequest, void>({
  name: 'Set User Payload Access',
  netFn: NetFn.App,
  cmd: 0x4c,
  spec: 'IPMI v2.0 §24.6',
  encode: (r) =>
    new ByteWriter()
      .u8(r.channel & 0x0f)
      .u8((r.userId & 0x3f) | (r.disable ? 0x40 : 0))
      .u8(r.standard & 0xff)
      .u8(0)
      .u16(r.oem ?? 0)
      .done(),
  decode: ignoreData,
});

/** Standard payload bit for SOL in the payload enables (byte 3 bit 1 = payload type 1). */
export const SOL_PAYLOAD_BIT = 0x02;
