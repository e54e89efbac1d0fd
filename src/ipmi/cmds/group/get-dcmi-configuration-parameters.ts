/** Get DCMI Configuration Parameters (DCMI 13h). DCMI v1.5 §6.1.3 Tables 6-5, 6-6. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface DcmiConfigParam {
  major: number;
  minor: number;
  revision: number;
  data: Buffer;
}

export const getDcmiConfigurationParameters = defineCommand<{ param: number; set?: number }, DcmiConfigParam>({
  name: 'Get DCMI Configuration Parameters',
  netFn: NetFn.Group,
  cmd: 0x13,
  spec: 'DCMI v1.5 §6.1.3',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.param & 0xff, (r.set ?? 0) & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get DCMI Configuration Parameters');
    return { major: r.u8(), minor: r.u8(), revision: r.u8(), data: Buffer.from(r.rest()) };
  },
  completionCodes: dcmiCompletionCodes,
});
