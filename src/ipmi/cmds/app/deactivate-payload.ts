/** Deactivate Payload (App 49h). IPMI v2.0 §24.2 Table 24-4. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface DeactivatePayloadRequest {
  payloadType: number;
  instance: number;
}

export const deactivatePayload = defineCommand<DeactivatePayloadRequest, void>({
  name: 'Deactivate Payload',
  netFn: NetFn.App,
  cmd: 0x49,
  spec: 'IPMI v2.0 §24.2',
  // Four bytes of auxiliary data, all reserved for SOL.
  encode: (r) =>
    new ByteWriter()
      .u8(r.payloadType & 0x3f)
      .u8(r.instance & 0x0f)
      .u32(0)
      .done(),
  decode: ignoreData,
  completionCodes: { 0x80: 'Payload already deactivated', 0x81: 'Payload type is disabled' },
});
