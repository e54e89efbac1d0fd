/**
 * A sensor's health as monitoring wants it (an ipmits addition, used by --json, `sensor check`
 * and Prometheus): threshold sensors by the worst crossed threshold (non-critical = warning,
 * critical and non-recoverable = critical), discrete sensors by their asserted states
 * (src/spec/sensor-severity.ts), no reading = unknown, scanning disabled = disabled (not monitored).
 */
import { discreteSeverity } from '../spec/sensor-severity.js';
import { thresholdState, type SensorReading, type ThresholdState } from './reading.js';
import { isThresholdSensor, type SensorRecord } from './records.js';

export type HealthState = 'nominal' | 'warning' | 'critical' | 'unknown' | 'disabled';

export interface Health {
  state: HealthState;
  /** 0 nominal, 1 warning, 2 critical, 3 unknown (the monitoring-plugin convention); null when disabled. */
  code: 0 | 1 | 2 | 3 | null;
  /** Threshold sensors: the crossed threshold ('ok' when none); undefined for discrete sensors or without a reading. */
  threshold?: ThresholdState;
}

const BY_THRESHOLD: Readonly<Record<ThresholdState, 0 | 1 | 2>> = { ok: 0, lnc: 1, unc: 1, lcr: 2, ucr: 2, lnr: 2, unr: 2 };
const WORDS = ['nominal', 'warning', 'critical', 'unknown'] as const;

export function health(record: SensorRecord, sr: SensorReading): Health {
  if (sr.scanningDisabled) return { state: 'disabled', code: null };
  if (!sr.valid) return { state: 'unknown', code: 3 };
  if (isThresholdSensor(record)) {
    const t = thresholdState(sr) ?? 'ok';
    const code = BY_THRESHOLD[t];
    return { state: WORDS[code], code, threshold: t };
  }
  const code = discreteSeverity(record.sensorType, record.eventType, sr.state1, sr.state2);
  return { state: WORDS[code], code };
}
