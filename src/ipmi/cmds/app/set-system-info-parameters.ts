/** Set System Info Parameters (App 58h). IPMI v2.0 §22.14a. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const setSystemInfoParameters = defineCommand<{ param: number; data: Uint8Array }, void>({
  name: 'Set System Info Parameters',
  netFn: NetFn.App,
  cmd: 0x58,
  spec: 'IPMI v2.0 §22.14a',
  encode: (r) => Uint8Array.from([r.param & 0xff, ...r.data]),
  decode: ignoreData,
  completionCodes: {
    0x80: 'Parameter not supported',
    0x81: "Attempt to set 'set in progress' value when not in 'set complete' state",
    0x82: 'Attempt to write read-only parameter',
  },
});
