/** Set Thermal Limit (DCMI 0Bh). DCMI v1.5 §6.7.1 Table 6-22. */
import { ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';
import type { ThermalLimit } from './get-thermal-limit.js';

export const setThermalLimit = defineCommand<{ entityId: number; instance: number } & ThermalLimit, void>({
  name: 'Set Thermal Limit',
  netFn: NetFn.Group,
  cmd: 0x0b,
  spec: 'DCMI v1.5 §6.7.1',
  encode: (r) => new ByteWriter().u8(DCMI_GROUP).u8(r.entityId).u8(r.instance).u8(r.exceptionActions).u8(r.temperatureLimit).u16(r.exceptionTimeSec).done(),
  decode(data) {
    dcmiReader(data, 'Set Thermal Limit');
  },
  completionCodes: dcmiCompletionCodes,
});
