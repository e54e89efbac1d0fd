/** Warm Reset (App 03h). IPMI v2.0 §20.3. */
import { defineCommand, ignoreData, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const warmReset = defineCommand<void, void>({
  name: 'Warm Reset',
  netFn: NetFn.App,
  cmd: 0x03,
  spec: 'IPMI v2.0 §20.3',
  encode: noData,
  decode: ignoreData,
});
