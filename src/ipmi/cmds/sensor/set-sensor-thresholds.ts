/** Set Sensor Thresholds (Sensor/Event 26h). IPMI v2.0 §35.8 Table 35-9. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { THRESHOLD_ORDER, type ThresholdName } from './thresholds.js';

export interface SetThresholdsRequest {
  sensorNumber: number;
  /** Raw values of the thresholds to set; the mask is built from the names given. */
  values: Partial<Record<ThresholdName, number>>;
}

export const setSensorThresholds = defineCommand<SetThresholdsRequest, void>({
  name: 'Set Sensor Thresholds',
  netFn: NetFn.SensorEvent,
  cmd: 0x26,
  spec: 'IPMI v2.0 §35.8',
  encode(q) {
    let mask = 0;
    THRESHOLD_ORDER.forEach((name, i) => {
      if (q.values[name] !== undefined) mask |= 1 << i;
    });
    const w = new ByteWriter().u8(q.sensorNumber).u8(mask);
    for (const name of THRESHOLD_ORDER) w.u8(q.values[name] ?? 0);
    return w.done();
  },
  decode: ignoreData,
});
