/** Get Temperature Readings (DCMI 10h). DCMI v1.5 §6.7.3 Table 6-24: up to 8 (reading, instance) pairs. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface TemperatureReadings {
  total: number;
  /** Degrees C (byte bit 7 = negative) and the entity instance. */
  readings: { celsius: number; instance: number }[];
}

export const getTemperatureReadings = defineCommand<{ entityId: number; instance: number; start: number }, TemperatureReadings>({
  name: 'Get Temperature Readings',
  netFn: NetFn.Group,
  cmd: 0x10,
  spec: 'DCMI v1.5 §6.7.3',
  encode: (r) => Uint8Array.of(DCMI_GROUP, 0x01, r.entityId & 0xff, r.instance & 0xff, r.start & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get Temperature Readings');
    const total = r.u8();
    const n = r.u8();
    const readings: TemperatureReadings['readings'] = [];
    for (let i = 0; i < n && r.remaining >= 2; i++) {
      const t = r.u8();
      readings.push({ celsius: t & 0x80 ? -(t & 0x7f) : t & 0x7f, instance: r.u8() });
    }
    return { total, readings };
  },
  completionCodes: dcmiCompletionCodes,
});
