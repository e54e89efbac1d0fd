/** Get SEL Time (Storage 48h). IPMI v2.0 §31.10: seconds since 1970-01-01 UTC (below 20000000h: since BMC start). */
import { DecodeError } from '../../../errors.js';
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const getSelTime = defineCommand<void, number>({
  name: 'Get SEL Time',
  netFn: NetFn.Storage,
  cmd: 0x48,
  spec: 'IPMI v2.0 §31.10',
  encode: noData,
  decode(data) {
    // ipmitool's wording for any other length.
    if (data.length !== 4) throw new DecodeError(`Get SEL Time command failed: Invalid data length ${data.length}`, data.length);
    return new ByteReader(data, 'Get SEL Time').u32();
  },
});
