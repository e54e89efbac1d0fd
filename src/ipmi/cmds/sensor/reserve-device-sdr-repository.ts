/** Reserve Device SDR Repository (Sensor/Event 22h). IPMI v2.0 §35.4. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const reserveDeviceSdrRepository = defineCommand<void, number>({
  name: 'Reserve Device SDR Repository',
  netFn: NetFn.SensorEvent,
  cmd: 0x22,
  spec: 'IPMI v2.0 §35.4',
  encode: noData,
  decode: (data) => new ByteReader(data, 'Reserve Device SDR Repository').u16(),
});
