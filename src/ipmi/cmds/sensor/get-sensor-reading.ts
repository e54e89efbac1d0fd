/**
 * Get Sensor Reading (Sensor/Event 2Dh). IPMI v2.0 §35.14 Table 35-15: the raw reading, a flags
 * byte (7: event messages enabled, 6: scanning enabled, 5: reading unavailable), then the
 * threshold comparison status or discrete states 0-7 and 8-14 (both optional).
 */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const ReadingFlag = { EventMessagesEnabled: 0x80, ScanningEnabled: 0x40, Unavailable: 0x20 } as const;

export interface RawSensorReading {
  /** Response data as received; fewer than 2 bytes means no usable reading (ipmitool's rule). */
  data: Buffer;
}

export const getSensorReading = defineCommand<number, RawSensorReading>({
  name: 'Get Sensor Reading',
  netFn: NetFn.SensorEvent,
  cmd: 0x2d,
  spec: 'IPMI v2.0 §35.14',
  encode: (sensorNumber) => Uint8Array.of(sensorNumber),
  decode: (data) => ({ data: Buffer.from(data) }),
});
