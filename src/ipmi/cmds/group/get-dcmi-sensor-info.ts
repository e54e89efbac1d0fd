/** Get DCMI Sensor Info (DCMI 07h). DCMI v1.5 §6.5.2 Table 6-15: SDR record IDs of temperature sensors. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface DcmiSensorInfo {
  /** Instances of this entity. */
  total: number;
  /** Record IDs in this reply (up to 8). */
  recordIds: number[];
}

export const getDcmiSensorInfo = defineCommand<{ entityId: number; offset: number }, DcmiSensorInfo>({
  name: 'Get DCMI Sensor Info',
  netFn: NetFn.Group,
  cmd: 0x07,
  spec: 'DCMI v1.5 §6.5.2',
  // Sensor type 01h (temperature), entity instance 0 (all), starting instance.
  encode: (r) => Uint8Array.of(DCMI_GROUP, 0x01, r.entityId & 0xff, 0, r.offset & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get DCMI Sensor Info');
    const total = r.u8();
    const n = r.u8();
    const recordIds: number[] = [];
    for (let i = 0; i < n && r.remaining >= 2; i++) recordIds.push(r.u16());
    return { total, recordIds };
  },
  completionCodes: dcmiCompletionCodes,
});
