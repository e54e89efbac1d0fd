/** Get BMC Global Enables (App 2Fh). IPMI v2.0 §22.2; bits as in Set BMC Global Enables (§22.1). */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { GlobalEnable } from '../../../spec/mc.js';

export { GlobalEnable };

export const getBmcGlobalEnables = defineCommand<void, { enables: number }>({
  name: 'Get BMC Global Enables',
  netFn: NetFn.App,
  cmd: 0x2f,
  spec: 'IPMI v2.0 §22.2',
  encode: noData,
  decode(data) {
    return { enables: new ByteReader(data, 'Get BMC Global Enables').u8() };
  },
});
