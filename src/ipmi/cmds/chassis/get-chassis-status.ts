/** Get Chassis Status (Chassis 01h). IPMI v2.0 §28.2 Table 28-3. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ChassisStatus {
  /** Byte 1: current power state. */
  power: number;
  /** Byte 2: last power event. */
  lastEvent: number;
  /** Byte 3: misc chassis state. */
  misc: number;
  /** Optional byte 4: front panel button capabilities and disable/enable status. */
  frontPanel?: number;
}

export const getChassisStatus = defineCommand<void, ChassisStatus>({
  name: 'Get Chassis Status',
  netFn: NetFn.Chassis,
  cmd: 0x01,
  spec: 'IPMI v2.0 §28.2',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get Chassis Status');
    const power = r.u8();
    const lastEvent = r.u8();
    const misc = r.u8();
    const frontPanel = r.optU8();
    return { power, lastEvent, misc, ...(frontPanel !== undefined ? { frontPanel } : {}) };
  },
});
