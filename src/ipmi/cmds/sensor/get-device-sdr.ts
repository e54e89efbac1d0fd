/** Get Device SDR (Sensor/Event 21h). IPMI v2.0 §35.3: the Get SDR layout for a device's own SDRs. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { decodeSdrChunk, encodeGetSdr, type GetSdrRequest, type SdrChunk } from '../storage/get-sdr.js';

export const getDeviceSdr = defineCommand<GetSdrRequest, SdrChunk>({
  name: 'Get Device SDR',
  netFn: NetFn.SensorEvent,
  cmd: 0x21,
  spec: 'IPMI v2.0 §35.3',
  encode: encodeGetSdr,
  decode: decodeSdrChunk('Get Device SDR'),
  completionCodes: { 0x80: 'Record changed' },
});
