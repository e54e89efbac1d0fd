/**
 * Get Sensor Reading Factors (Sensor/Event 23h). IPMI v2.0 §35.5: for non-linear sensors,
 * the M, tolerance, B, accuracy and exponents that apply to one raw reading, laid out as
 * bytes 24-29 of the full sensor record (§43.1).
 */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ReadingFactorsRequest {
  sensorNumber: number;
  reading: number;
}

export interface ReadingFactors {
  /** The next reading for which different factors apply. */
  nextReading: number;
  /** Bytes 2-7 of the response = full sensor record bytes 24-29. */
  factors: Buffer;
}

export const getSensorReadingFactors = defineCommand<ReadingFactorsRequest, ReadingFactors>({
  name: 'Get Sensor Reading Factors',
  netFn: NetFn.SensorEvent,
  cmd: 0x23,
  spec: 'IPMI v2.0 §35.5',
  encode: (q) => Uint8Array.of(q.sensorNumber, q.reading),
  decode(data) {
    const r = new ByteReader(data, 'Get Sensor Reading Factors');
    return { nextReading: r.u8(), factors: Buffer.from(r.bytes(6)) };
  },
});
