/**
 * Get Sensor Event Status (Sensor/Event 2Bh). IPMI v2.0 §35.13 Table 35-14: byte 1 flags
 * (event messages, scanning, reading unavailable), then up to four assertion/deassertion
 * event bytes. Kept as received.
 */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const getSensorEventStatus = defineCommand<number, Buffer>({
  name: 'Get Sensor Event Status',
  netFn: NetFn.SensorEvent,
  cmd: 0x2b,
  spec: 'IPMI v2.0 §35.13',
  encode: (sensorNumber) => Uint8Array.of(sensorNumber),
  decode: (data) => Buffer.from(data),
});
