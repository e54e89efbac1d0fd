/** Get Payload Instance Info (App 4Bh). IPMI v2.0 §24.5 Table 24-7. */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetPayloadInstanceInfoRequest {
  payloadType: number;
  /** Payload instance, 1-15. */
  instance: number;
}

export interface GetPayloadInstanceInfoResponse {
  /** The BMC's ID of the session the instance is active in; 0 when it is not active. */
  sessionId: number;
  /** Payload-specific bytes (for SOL: the port number byte, then reserved); 8 by the spec. */
  payloadData: Buffer;
}

export const getPayloadInstanceInfo = defineCommand<GetPayloadInstanceInfoRequest, GetPayloadInstanceInfoResponse>({
  name: 'Get Payload Instance Info',
  netFn: NetFn.App,
  cmd: 0x4b,
  spec: 'IPMI v2.0 §24.5',
  encode: (r) =>
    new ByteWriter()
      .u8(r.payloadType & 0x3f)
      .u8(r.instance & 0x0f)
      .done(),
  decode(data) {
    const r = new ByteReader(data, 'Get Payload Instance Info');
    const sessionId = r.u32();
    return { sessionId, payloadData: Buffer.from(r.bytes(r.remaining)) };
  },
});
