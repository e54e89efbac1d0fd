/** Get LAN Configuration Parameters (Transport 02h). IPMI v2.0 §23.2 Table 23-3; parameters in Table 23-4. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetLanConfigRequest {
  channel: number;
  param: number;
  /** Set selector (alert destinations, §23.1 parameters 18/19). */
  set?: number;
  block?: number;
  /** Byte 1 bit 7: only the parameter revision. */
  revisionOnly?: boolean;
}

export interface LanConfigReply {
  revision: number;
  /** Parameter data after the revision byte. */
  data: Buffer;
}

export const getLanConfigurationParameters = defineCommand<GetLanConfigRequest, LanConfigReply>({
  name: 'Get LAN Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x02,
  spec: 'IPMI v2.0 §23.2',
  encode: (r) => Uint8Array.of((r.revisionOnly ? 0x80 : 0) | (r.channel & 0x0f), r.param & 0xff, (r.set ?? 0) & 0xff, (r.block ?? 0) & 0xff),
  decode(data) {
    const r = new ByteReader(data, 'Get LAN Configuration Parameters');
    return { revision: r.u8(), data: Buffer.from(r.rest()) };
  },
  // ipmitool's wording (lib/ipmi_lanp.c get_lan_cc_vals).
  completionCodes: { 0x80: 'Unsupported parameter' },
});
