/** Get Channel Access (App 41h). IPMI v2.0 §22.23 Table 22-26. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ChannelAccess {
  /** The "disable" bits as the spec names them (1 = disabled). */
  alertingDisabled: boolean;
  perMessageAuthDisabled: boolean;
  userLevelAuthDisabled: boolean;
  /** 0 disabled, 1 pre-boot only, 2 always available, 3 shared. */
  accessMode: number;
  privilegeLimit: number;
}

export const getChannelAccess = defineCommand<{ channel: number; volatile: boolean }, ChannelAccess>({
  name: 'Get Channel Access',
  netFn: NetFn.App,
  cmd: 0x41,
  spec: 'IPMI v2.0 §22.23',
  // Byte 2 bits 7:6: 01b non-volatile, 10b volatile (active) settings.
  encode: (r) => Uint8Array.of(r.channel & 0x0f, r.volatile ? 0x80 : 0x40),
  decode(data) {
    const r = new ByteReader(data, 'Get Channel Access');
    const a = r.u8();
    const p = r.u8();
    return {
      alertingDisabled: (a & 0x20) !== 0,
      perMessageAuthDisabled: (a & 0x10) !== 0,
      userLevelAuthDisabled: (a & 0x08) !== 0,
      accessMode: a & 0x07,
      privilegeLimit: p & 0x0f,
    };
  },
});
