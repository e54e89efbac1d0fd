/** Set SOL Configuration Parameters (Transport 21h). IPMI v2.0 §26.2 Table 26-3. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SetSolConfigRequest {
  channel: number;
  param: number;
  data: ArrayLike<number>;
}

export const setSolConfigurationParameters = defineCommand<SetSolConfigRequest, void>({
  name: 'Set SOL Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x21,
  spec: 'IPMI v2.0 §26.2',
  encode: (r) =>
    new ByteWriter()
      .u8(r.channel & 0x0f)
      .u8(r.param & 0xff)
      .bytes(r.data)
      .done(),
  decode: ignoreData,
  completionCodes: {
    0x80: 'Parameter not supported',
    0x81: 'Attempt to set set-in-progress when not in set-complete state',
    0x82: 'Attempt to write read-only parameter',
    0x83: 'Attempt to read write-only parameter',
  },
});
