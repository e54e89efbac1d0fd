/** Get PEF Configuration Parameters (Sensor/Event 13h). IPMI v2.0 §30.4 Table 30-5; parameters in Table 30-6. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Parameter selectors used by `pef` (Table 30-6). */
export const PefParam = {
  SetInProgress: 0,
  Control: 1,
  ActionGlobalControl: 2,
  StartupDelay: 3,
  AlertStartupDelay: 4,
  EventFilterCount: 5,
  EventFilterTable: 6,
  EventFilterTableData1: 7,
  AlertPolicyCount: 8,
  AlertPolicyTable: 9,
  SystemGuid: 10,
  AlertStringKeysCount: 11,
} as const;

export interface GetPefConfigRequest {
  param: number;
  set?: number;
  block?: number;
  revisionOnly?: boolean;
}

export interface PefConfigReply {
  revision: number;
  /** Parameter data after the revision byte. */
  data: Buffer;
}

export const getPefConfigurationParameters = defineCommand<GetPefConfigRequest, PefConfigReply>({
  name: 'Get PEF Configuration Parameters',
  netFn: NetFn.SensorEvent,
  cmd: 0x13,
  spec: 'IPMI v2.0 §30.4',
  encode: (r) => Uint8Array.of((r.revisionOnly ? 0x80 : 0) | (r.param & 0x7f), (r.set ?? 0) & 0xff, (r.block ?? 0) & 0xff),
  decode(data) {
    const r = new ByteReader(data, 'Get PEF Configuration Parameters');
    return { revision: r.u8(), data: Buffer.from(r.rest()) };
  },
  completionCodes: { 0x80: 'Parameter not supported' },
});
