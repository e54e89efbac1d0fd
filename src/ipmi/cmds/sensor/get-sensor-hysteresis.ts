/** Get Sensor Hysteresis (Sensor/Event 25h). IPMI v2.0 §35.7: raw positive and negative hysteresis. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface Hysteresis {
  positive: number;
  negative: number;
}

export const getSensorHysteresis = defineCommand<number, Hysteresis>({
  name: 'Get Sensor Hysteresis',
  netFn: NetFn.SensorEvent,
  cmd: 0x25,
  spec: 'IPMI v2.0 §35.7',
  // Byte 2 is "reserved for hysteresis mask, write as FFh".
  encode: (sensorNumber) => Uint8Array.of(sensorNumber, 0xff),
  decode(data) {
    const r = new ByteReader(data, 'Get Sensor Hysteresis');
    return { positive: r.u8(), negative: r.u8() };
  },
});
