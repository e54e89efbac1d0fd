/** Activate/Deactivate Power Limit (DCMI 05h). DCMI v1.5 §6.6.4 Table 6-19. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export const activatePowerLimit = defineCommand<{ activate: boolean }, void>({
  name: 'Activate/Deactivate Power Limit',
  netFn: NetFn.Group,
  cmd: 0x05,
  spec: 'DCMI v1.5 §6.6.4',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.activate ? 1 : 0, 0, 0),
  decode(data) {
    dcmiReader(data, 'Activate/Deactivate Power Limit');
  },
  completionCodes: dcmiCompletionCodes,
});
