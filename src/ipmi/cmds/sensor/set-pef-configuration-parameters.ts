/** Set PEF Configuration Parameters (Sensor/Event 12h). IPMI v2.0 §30.3 Table 30-5; parameters in Table 30-6. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const setPefConfigurationParameters = defineCommand<{ param: number; data: Uint8Array }, void>({
  name: 'Set PEF Configuration Parameters',
  netFn: NetFn.SensorEvent,
  cmd: 0x12,
  spec: 'IPMI v2.0 §30.3',
  encode: (r) => Uint8Array.from([r.param & 0x7f, ...r.data]),
  decode: ignoreData,
  completionCodes: { 0x80: 'Parameter not supported', 0x81: "Attempt to set 'in progress' while not in 'complete' state", 0x82: 'Parameter is read-only' },
});
