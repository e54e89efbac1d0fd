/**
 * Get Sensor Event Enable (Sensor/Event 29h). IPMI v2.0 §35.11 Table 35-12: byte 1 flags
 * (event messages, scanning), then up to four assertion/deassertion enable bytes. Kept as
 * received: ipmitool prints differently for every length.
 */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const getSensorEventEnable = defineCommand<number, Buffer>({
  name: 'Get Sensor Event Enable',
  netFn: NetFn.SensorEvent,
  cmd: 0x29,
  spec: 'IPMI v2.0 §35.11',
  encode: (sensorNumber) => Uint8Array.of(sensorNumber),
  decode: (data) => Buffer.from(data),
});
