/** Set Power Limit (DCMI 04h). DCMI v1.5 §6.6.3 Table 6-18: the four values, least significant byte first. */
import { ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';
import type { PowerLimit } from './get-power-limit.js';

export const setPowerLimit = defineCommand<PowerLimit, void>({
  name: 'Set Power Limit',
  netFn: NetFn.Group,
  cmd: 0x04,
  spec: 'DCMI v1.5 §6.6.3',
  encode: (r) => new ByteWriter().u8(DCMI_GROUP).bytes([0, 0, 0]).u8(r.action).u16(r.limit).u32(r.correctionMs).bytes([0, 0]).u16(r.samplingSec).done(),
  decode(data) {
    dcmiReader(data, 'Set Power Limit');
  },
  completionCodes: dcmiCompletionCodes,
});
