/** Get Payload Activation Status (App 4Ah). IPMI v2.0 §24.4 Table 24-6. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface PayloadActivationStatus {
  /** How many instances of the payload the BMC supports (bits 3:0). */
  capacity: number;
  /** Active instances, 1-16. */
  active: number[];
}

export const getPayloadActivationStatus = defineCommand<{ payloadType: number }, PayloadActivationStatus>({
  name: 'Get Payload Activation Status',
  netFn: NetFn.App,
  cmd: 0x4a,
  spec: 'IPMI v2.0 §24.4',
  encode: (r) => Uint8Array.of(r.payloadType & 0x3f),
  decode(data) {
    const r = new ByteReader(data, 'Get Payload Activation Status');
    const capacity = r.u8() & 0x0f;
    const bits = r.u16();
    const active: number[] = [];
    for (let i = 0; i < 16; i++) if (bits & (1 << i)) active.push(i + 1);
    return { capacity, active };
  },
});
