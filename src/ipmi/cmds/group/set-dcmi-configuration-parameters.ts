/** Set DCMI Configuration Parameters (DCMI 12h). DCMI v1.5 §6.1.2 Tables 6-5, 6-6: parameter, set selector, data. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export const setDcmiConfigurationParameters = defineCommand<{ param: number; data: Uint8Array }, void>({
  name: 'Set DCMI Configuration Parameters',
  netFn: NetFn.Group,
  cmd: 0x12,
  spec: 'DCMI v1.5 §6.1.2',
  encode: (r) => Uint8Array.from([DCMI_GROUP, r.param & 0xff, 0, ...r.data]),
  decode(data) {
    dcmiReader(data, 'Set DCMI Configuration Parameters');
  },
  completionCodes: dcmiCompletionCodes,
});
