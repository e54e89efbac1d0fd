/** Cold Reset (App 02h). IPMI v2.0 §20.2. The BMC may reset before it answers. */
import { defineCommand, ignoreData, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const coldReset = defineCommand<void, void>({
  name: 'Cold Reset',
  netFn: NetFn.App,
  cmd: 0x02,
  spec: 'IPMI v2.0 §20.2',
  encode: noData,
  decode: ignoreData,
});
