/**
 * Get Sensor Thresholds (Sensor/Event 27h). IPMI v2.0 §35.9 Table 35-10: a readable mask, then
 * the raw lnc, lcr, lnr, unc, ucr, unr values (a value is meaningful only when its mask bit is set).
 */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SensorThresholds {
  /** Readable thresholds (ThresholdBit). */
  mask: number;
  /** Raw values in THRESHOLD_ORDER; bytes a short reply lacks read as 0 (ipmitool reads whatever is there). */
  values: readonly [number, number, number, number, number, number];
  /** Response data bytes received (ipmitool treats 0 as "not available"). */
  length: number;
}

export const getSensorThresholds = defineCommand<number, SensorThresholds>({
  name: 'Get Sensor Thresholds',
  netFn: NetFn.SensorEvent,
  cmd: 0x27,
  spec: 'IPMI v2.0 §35.9',
  encode: (sensorNumber) => Uint8Array.of(sensorNumber),
  decode(data) {
    const b = (i: number): number => data[i] ?? 0;
    return { mask: b(0), values: [b(1), b(2), b(3), b(4), b(5), b(6)], length: data.length };
  },
});
