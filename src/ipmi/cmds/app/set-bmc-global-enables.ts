/** Set BMC Global Enables (App 2Eh). IPMI v2.0 §22.1. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const setBmcGlobalEnables = defineCommand<{ enables: number }, void>({
  name: 'Set BMC Global Enables',
  netFn: NetFn.App,
  cmd: 0x2e,
  spec: 'IPMI v2.0 §22.1',
  encode: (r) => Uint8Array.of(r.enables & 0xff),
  decode: ignoreData,
});
