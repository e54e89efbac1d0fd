/** Get Thermal Limit (DCMI 0Ch). DCMI v1.5 §6.7.2 Table 6-23. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface ThermalLimit {
  /** Byte 2: b7 persistence, b6 hard power off and log, b5 log to SEL only. */
  exceptionActions: number;
  /** Degrees C. */
  temperatureLimit: number;
  /** Seconds. */
  exceptionTimeSec: number;
}

export const getThermalLimit = defineCommand<{ entityId: number; instance: number }, ThermalLimit>({
  name: 'Get Thermal Limit',
  netFn: NetFn.Group,
  cmd: 0x0c,
  spec: 'DCMI v1.5 §6.7.2',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.entityId & 0xff, r.instance & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get Thermal Limit');
    return { exceptionActions: r.u8(), temperatureLimit: r.u8(), exceptionTimeSec: r.u16() };
  },
  completionCodes: dcmiCompletionCodes,
});
