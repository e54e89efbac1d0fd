/** Get Device SDR Info (Sensor/Event 20h). IPMI v2.0 §35.2 Table 35-2 (the count of SDRs, not sensors). */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface DeviceSdrInfo {
  count: number;
  /** Bit 7: dynamic sensor population; bits 3:0: LUNs that have sensors. */
  flags: number;
  /** Sensor population change indicator (dynamic population only). */
  changeIndicator?: number;
  raw: Buffer;
}

export const getDeviceSdrInfo = defineCommand<void, DeviceSdrInfo>({
  name: 'Get Device SDR Info',
  netFn: NetFn.SensorEvent,
  cmd: 0x20,
  spec: 'IPMI v2.0 §35.2',
  // Operation 01h: "get SDR count".
  encode: () => Uint8Array.of(0x01),
  decode(data) {
    const r = new ByteReader(data, 'Get Device SDR Info');
    const count = r.u8();
    const flags = r.optU8() ?? 0;
    const v: DeviceSdrInfo = { count, flags, raw: Buffer.from(data) };
    if (r.remaining >= 4) v.changeIndicator = r.u32();
    return v;
  },
});
