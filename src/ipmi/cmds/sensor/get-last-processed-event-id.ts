/** Get Last Processed Event ID (Sensor/Event 15h). IPMI v2.0 §30.6 Table 30-8. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface LastProcessedEventId {
  /** Most recent addition timestamp (seconds since 1970, FFFFFFFFh = none). */
  lastAddition: number;
  lastRecordId: number;
  lastSoftwareProcessedId: number;
  lastBmcProcessedId: number;
}

export const getLastProcessedEventId = defineCommand<void, LastProcessedEventId>({
  name: 'Get Last Processed Event ID',
  netFn: NetFn.SensorEvent,
  cmd: 0x15,
  spec: 'IPMI v2.0 §30.6',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get Last Processed Event ID');
    return { lastAddition: r.u32(), lastRecordId: r.u16(), lastSoftwareProcessedId: r.u16(), lastBmcProcessedId: r.u16() };
  },
  completionCodes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
