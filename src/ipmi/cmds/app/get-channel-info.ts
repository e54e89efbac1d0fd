/** Get Channel Info (App 42h). IPMI v2.0 §22.24 Table 22-28. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ChannelInfo {
  /** The actual channel number (0Eh "this channel" is resolved by the BMC). */
  channel: number;
  /** Channel medium type, Table 6-3. */
  medium: number;
  /** Channel protocol type, Table 6-2. */
  protocol: number;
  /** Bits 7:6 of byte 4 (00b session-less, 01b single, 10b multi, 11b session-based), unshifted. */
  sessionSupport: number;
  activeSessions: number;
  /** IANA enterprise number of the protocol vendor (7154 = IPMI). */
  vendorId: number;
  auxInfo: Buffer;
  /** Reply data length (ipmitool insists on 9 bytes). */
  length: number;
}

export const getChannelInfo = defineCommand<{ channel: number }, ChannelInfo>({
  name: 'Get Channel Info',
  netFn: NetFn.App,
  cmd: 0x42,
  spec: 'IPMI v2.0 §22.24',
  encode: (r) => Uint8Array.of(r.channel & 0x0f),
  decode(data) {
    const r = new ByteReader(data, 'Get Channel Info');
    const channel = r.u8() & 0x0f;
    const medium = r.u8() & 0x7f;
    const protocol = r.u8() & 0x1f;
    const sessions = r.u8();
    const vendorId = r.u24();
    const auxInfo = Buffer.from(r.remaining >= 2 ? r.bytes(2) : r.rest());
    return { channel, medium, protocol, sessionSupport: sessions & 0xc0, activeSessions: sessions & 0x3f, vendorId, auxInfo, length: data.length };
  },
});
