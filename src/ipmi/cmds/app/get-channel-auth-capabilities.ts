/** Get Channel Authentication Capabilities (App 38h). IPMI v2.0 §22.13 Table 22-15. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetChannelAuthCapabilitiesRequest {
  channel: number; // 0x0E = this channel
  privilege: number;
  /** Ask for IPMI v2.0 extended data (bit 7 of byte 1). */
  v2Data: boolean;
}

export interface ChannelAuthCapabilities {
  channel: number;
  /** Bitmask of IPMI v1.5 auth types: b0 none, b1 MD2, b2 MD5, b4 password, b5 OEM. */
  authTypes: number;
  v2ExtendedCapabilities: boolean;
  kgNonZero: boolean;
  perMessageAuthDisabled: boolean;
  userLevelAuthDisabled: boolean;
  nonNullUsers: boolean;
  nullUsers: boolean;
  anonymousLogin: boolean;
  supportsV15: boolean;
  supportsV20: boolean;
  oemId: number;
  oemAux: number;
}

export const getChannelAuthCapabilities = defineCommand<GetChannelAuthCapabilitiesRequest, ChannelAuthCapabilities>({
  name: 'Get Channel Authentication Capabilities',
  netFn: NetFn.App,
  cmd: 0x38,
  spec: 'IPMI v2.0 §22.13',
  encode: (r) => Uint8Array.of((r.v2Data ? 0x80 : 0) | (r.channel & 0x0f), r.privilege & 0x0f),
  decode(data) {
    const r = new ByteReader(data, 'Get Channel Authentication Capabilities');
    const channel = r.u8();
    const types = r.u8();
    const status = r.u8();
    const ext = r.u8();
    const oemId = r.remaining >= 3 ? r.u24() : 0;
    const oemAux = r.optU8() ?? 0;
    const v2 = (types & 0x80) !== 0;
    return {
      channel,
      authTypes: types & 0x3f,
      v2ExtendedCapabilities: v2,
      kgNonZero: (status & 0x20) !== 0,
      perMessageAuthDisabled: (status & 0x10) !== 0,
      userLevelAuthDisabled: (status & 0x08) !== 0,
      nonNullUsers: (status & 0x04) !== 0,
      nullUsers: (status & 0x02) !== 0,
      anonymousLogin: (status & 0x01) !== 0,
      supportsV15: v2 ? (ext & 0x01) !== 0 : true,
      supportsV20: v2 && (ext & 0x02) !== 0,
      oemId,
      oemAux,
    };
  },
});
