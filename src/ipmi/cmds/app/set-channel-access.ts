/** Set Channel Access (App 40h). IPMI v2.0 §22.22 Table 22-25. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';
import type { ChannelAccess } from './get-channel-access.js';

export interface SetChannelAccessRequest extends ChannelAccess {
  channel: number;
  /** Byte 2 bits 7:6: 0 don't set, 1 set non-volatile, 2 set volatile (active). */
  accessOption: number;
  /** Byte 3 bits 7:6, same values, for the privilege limit. */
  privilegeOption: number;
}

export const setChannelAccess = defineCommand<SetChannelAccessRequest, void>({
  name: 'Set Channel Access',
  netFn: NetFn.App,
  cmd: 0x40,
  spec: 'IPMI v2.0 §22.22',
  encode: (r) =>
    Uint8Array.of(
      r.channel & 0x0f,
      ((r.accessOption & 3) << 6) |
        (r.alertingDisabled ? 0x20 : 0) |
        (r.perMessageAuthDisabled ? 0x10 : 0) |
        (r.userLevelAuthDisabled ? 0x08 : 0) |
        (r.accessMode & 0x07),
      ((r.privilegeOption & 3) << 6) | (r.privilegeLimit & 0x0f),
    ),
  decode: ignoreData,
  completionCodes: { 0x82: 'Set not supported on selected channel', 0x83: 'Access mode not supported' },
});
