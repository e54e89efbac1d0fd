/** Get IP/UDP/RMCP Statistics (Transport 04h). IPMI v2.0 §23.4 Table 23-6. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetLanStatisticsRequest {
  channel: number;
  /** Byte 2 bit 0: clear all statistics after reading. */
  clear: boolean;
}

/** The nine 16-bit counters, least significant byte first as the spec lays them out. */
export interface LanStatistics {
  ipPacketsReceived: number;
  ipHeaderErrors: number;
  ipAddressErrors: number;
  ipFragmentedPackets: number;
  ipPacketsTransmitted: number;
  udpPacketsReceived: number;
  rmcpPacketsReceived: number;
  udpProxyPacketsReceived: number;
  udpProxyPacketsDropped: number;
  /** The reply bytes as received (ipmitool prints each counter with its two bytes swapped). */
  raw: Buffer;
}

export const LAN_STATISTICS_FIELDS = [
  'ipPacketsReceived',
  'ipHeaderErrors',
  'ipAddressErrors',
  'ipFragmentedPackets',
  'ipPacketsTransmitted',
  'udpPacketsReceived',
  'rmcpPacketsReceived',
  'udpProxyPacketsReceived',
  'udpProxyPacketsDropped',
] as const;

export const getIpUdpRmcpStatistics = defineCommand<GetLanStatisticsRequest, LanStatistics>({
  name: 'Get IP/UDP/RMCP Statistics',
  netFn: NetFn.Transport,
  cmd: 0x04,
  spec: 'IPMI v2.0 §23.4',
  encode: (r) => Uint8Array.of(r.channel & 0x0f, r.clear ? 1 : 0),
  decode(data) {
    const r = new ByteReader(data, 'Get IP/UDP/RMCP Statistics');
    const raw = Buffer.alloc(18);
    Buffer.from(data).copy(raw, 0, 0, 18);
    // Counters the BMC does not send read as zero (some BMCs stop early).
    const out = { raw } as LanStatistics;
    for (const f of LAN_STATISTICS_FIELDS) {
      if (r.remaining >= 2) {
        out[f] = r.u16();
      } else {
        r.rest();
        out[f] = 0;
      }
    }
    return out;
  },
});
