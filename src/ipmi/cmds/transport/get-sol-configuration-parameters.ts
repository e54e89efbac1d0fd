/** Get SOL Configuration Parameters (Transport 22h). IPMI v2.0 §26.3 Table 26-4; parameters in Table 26-5. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetSolConfigRequest {
  channel: number;
  param: number;
  set?: number;
  block?: number;
  revisionOnly?: boolean;
}

export interface SolConfigReply {
  revision: number;
  /** Parameter data after the revision byte. */
  data: Buffer;
}

/** SOL configuration parameter selectors (Table 26-5). */
export const SolParam = {
  SetInProgress: 0,
  Enable: 1,
  Authentication: 2,
  CharacterInterval: 3,
  Retry: 4,
  NonVolatileBitRate: 5,
  VolatileBitRate: 6,
  PayloadChannel: 7,
  PayloadPort: 8,
} as const;

export const getSolConfigurationParameters = defineCommand<GetSolConfigRequest, SolConfigReply>({
  name: 'Get SOL Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x22,
  spec: 'IPMI v2.0 §26.3',
  encode: (r) => Uint8Array.of((r.revisionOnly ? 0x80 : 0) | (r.channel & 0x0f), r.param & 0xff, (r.set ?? 0) & 0xff, (r.block ?? 0) & 0xff),
  decode(data) {
    const r = new ByteReader(data, 'Get SOL Configuration Parameters');
    return { revision: r.u8(), data: Buffer.from(r.rest()) };
  },
  completionCodes: { 0x80: 'Parameter not supported' },
});
