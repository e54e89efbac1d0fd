/** Get Self Test Results (App 04h). IPMI v2.0 §20.4 Table 20-4. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const getSelfTestResults = defineCommand<void, { result: number; detail: number }>({
  name: 'Get Self Test Results',
  netFn: NetFn.App,
  cmd: 0x04,
  spec: 'IPMI v2.0 §20.4',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get Self Test Results');
    return { result: r.u8(), detail: r.optU8() ?? 0 };
  },
});
