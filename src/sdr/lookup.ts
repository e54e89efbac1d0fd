/** Lookups over loaded SDR records (ipmitool's ipmi_sdr_find_sdr_*): pure. */
import { isSensorRecord, nameMatches, type EventOnlyRecord, type SdrRecord, type SensorRecord } from './records.js';

export interface SensorKey {
  /** Generator/owner ID (SEL generator ID low byte). */
  ownerId: number;
  sensorNumber: number;
  sensorType: number;
}

/** ipmi_sdr_find_sdr_bynumtype: the first full, compact or event-only record with this owner, number and type. */
export function findSensor(records: readonly SdrRecord[], k: SensorKey): SensorRecord | EventOnlyRecord | undefined {
  for (const r of records) {
    if (r.kind !== 'full' && r.kind !== 'compact' && r.kind !== 'eventonly') continue;
    if (r.sensorNumber === k.sensorNumber && r.ownerId === (k.ownerId & 0xff) && r.sensorType === k.sensorType) return r;
  }
  return undefined;
}

/** ipmi_sdr_find_sdr_byid: the first sensor or locator record whose ID string matches (ipmitool's comparison). */
export function findByName(records: readonly SdrRecord[], name: string): SdrRecord | undefined {
  return records.find((r) => 'idField' in r && nameMatches(r, name));
}

export const sensorRecords = (records: readonly SdrRecord[]): SensorRecord[] => records.filter(isSensorRecord);
