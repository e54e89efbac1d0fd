/** Get System Restart Cause (Chassis 07h). IPMI v2.0 §28.11 Table 28-11. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const getSystemRestartCause = defineCommand<void, { cause: number; channel?: number }>({
  name: 'Get System Restart Cause',
  netFn: NetFn.Chassis,
  cmd: 0x07,
  spec: 'IPMI v2.0 §28.11',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get System Restart Cause');
    const cause = r.u8() & 0x0f;
    const channel = r.optU8();
    return { cause, ...(channel !== undefined ? { channel } : {}) };
  },
});
