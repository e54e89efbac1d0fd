/** Get PEF Capabilities (Sensor/Event 10h). IPMI v2.0 §30.1 Table 30-2. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface PefCapabilities {
  /** BCD, 51h = version 1.5. */
  version: number;
  /** Action support bits (Table 30-2 byte 3): b0 alert, b1 power down, b2 reset, b3 power cycle, b4 OEM, b5 diagnostic interrupt. */
  actions: number;
  eventFilterCount: number;
  length: number;
}

export const getPefCapabilities = defineCommand<void, PefCapabilities>({
  name: 'Get PEF Capabilities',
  netFn: NetFn.SensorEvent,
  cmd: 0x10,
  spec: 'IPMI v2.0 §30.1',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get PEF Capabilities');
    return { version: r.u8(), actions: r.u8(), eventFilterCount: r.u8(), length: data.length };
  },
});
