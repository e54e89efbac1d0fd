/** Set System Boot Options (Chassis 08h). IPMI v2.0 §28.12 Table 28-13. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const BootParam = {
  SetInProgress: 0,
  ServicePartitionSelector: 1,
  ServicePartitionScan: 2,
  ValidBitClearing: 3,
  InfoAck: 4,
  BootFlags: 5,
  InitiatorInfo: 6,
  InitiatorMailbox: 7,
} as const;

export const setSystemBootOptions = defineCommand<{ param: number; data: Uint8Array }, void>({
  name: 'Set System Boot Options',
  netFn: NetFn.Chassis,
  cmd: 0x08,
  spec: 'IPMI v2.0 §28.12',
  encode: (r) => Uint8Array.from([r.param & 0x7f, ...r.data]),
  decode: ignoreData,
  completionCodes: {
    0x80: 'Unsupported parameter',
    0x81: "Attempt to set 'in progress' while not in 'complete' state",
    0x82: 'Parameter is read-only',
  },
});
