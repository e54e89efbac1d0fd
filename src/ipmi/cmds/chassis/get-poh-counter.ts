/** Get POH Counter (Chassis 0Fh). IPMI v2.0 §28.14 Table 28-15. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const getPohCounter = defineCommand<void, { minutesPerCount: number; count: number }>({
  name: 'Get POH Counter',
  netFn: NetFn.Chassis,
  cmd: 0x0f,
  spec: 'IPMI v2.0 §28.14',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get POH Counter');
    return { minutesPerCount: r.u8(), count: r.u32() };
  },
});
