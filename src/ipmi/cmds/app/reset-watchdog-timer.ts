/** Reset Watchdog Timer (App 22h). IPMI v2.0 §27.5. */
import { defineCommand, ignoreData, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const resetWatchdogTimer = defineCommand<void, void>({
  name: 'Reset Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x22,
  spec: 'IPMI v2.0 §27.5',
  encode: noData,
  decode: ignoreData,
  // The spec's "attempt to start un-initialized watchdog", in ipmitool's words.
  completionCodes: { 0x80: 'Attempt to reset uninitialized watchdog' },
});
