/**
 * `dcmi sensors` (Get DCMI Sensor Info, DCMI v1.5 §6.5.2), `dcmi get_temp_reading` (Get Temperature
 * Readings §6.7.3) and `dcmi thermalpolicy get <entity> <instance>` (Get Thermal Limit §6.7.2), for
 * the DCMI entities 40h inlet, 41h CPU, 42h baseboard.
 */
import { CommandError, HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';
import { getDcmiSensorInfo } from '../../ipmi/cmds/group/get-dcmi-sensor-info.js';
import { getTemperatureReadings } from '../../ipmi/cmds/group/get-temperature-readings.js';
import { getThermalLimit, type ThermalLimit } from '../../ipmi/cmds/group/get-thermal-limit.js';
import { DCMI_ENTITIES } from '../../spec/dcmi.js';
import { isSensorRecord } from '../../sdr/records.js';
import { readSensors, type SensorData } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { dcmiCall } from './call.js';
import { THERMAL_SET_USAGE, THERMAL_USAGE } from './usage.js';
import { parseCNumber } from '../../runtime/numbers.js';
import { setThermalLimit } from '../../ipmi/cmds/group/set-thermal-limit.js';

export interface DcmiSensors {
  entities: { entityId: number; total: number; recordIds: number[] }[];
  /** The full/compact sensor records among those IDs, with their readings (ipmitool prints them as `sdr list` does). */
  sensors: Map<number, SensorData>;
}

/** The SDR sensors behind the record IDs; a repository that cannot be read leaves the IDs alone. */
async function sensorsById(ctx: Context, ids: readonly number[], notes: string[]): Promise<Map<number, SensorData>> {
  const out = new Map<number, SensorData>();
  if (ids.length === 0) return out;
  try {
    const records = (await sdrOf(ctx).load()).filter(isSensorRecord).filter((r) => ids.includes(r.recordId));
    const data = await readSensors(sdrOf(ctx), records);
    for (const [i, r] of records.entries()) out.set(r.recordId, data[i]!);
  } catch (e) {
    if (!(e instanceof IpmiError) || e.layer === 'transport') throw e;
    notes.push(e.message);
  }
  return out;
}

export interface DcmiTemperatures {
  readings: { entityId: number; instance: number; celsius: number }[];
}

export interface DcmiThermal {
  entityId: number;
  instance: number;
  limit: ThermalLimit;
}

/** Errors of one entity are reported (as ipmitool does) and the next entity is asked. */
function note(e: unknown, notes: string[]): void {
  if (!(e instanceof IpmiError) || e.code === 'no-dcmi' || e.layer === 'transport') throw e;
  notes.push(...e.preamble, e.message);
}

export async function sensors(ctx: Context): Promise<Report<DcmiSensors>> {
  const entities: DcmiSensors['entities'] = [];
  const notes: string[] = [];
  for (const { id } of DCMI_ENTITIES) {
    try {
      const first = (await dcmiCall(ctx, getDcmiSensorInfo, { entityId: id, offset: 0 })).value;
      const recordIds = [...first.recordIds];
      for (let offset = 8; recordIds.length < first.total && offset < 256; offset += 8) {
        const more = (await dcmiCall(ctx, getDcmiSensorInfo, { entityId: id, offset })).value;
        if (more.recordIds.length === 0) break;
        recordIds.push(...more.recordIds);
      }
      entities.push({ entityId: id, total: first.total, recordIds });
    } catch (e) {
      note(e, notes);
    }
  }
  const failure = entities.length === 0 && notes.length ? new CommandError('', 'dcmi-sensors') : undefined;
  const sensors = await sensorsById(
    ctx,
    entities.flatMap((e) => e.recordIds),
    notes,
  );
  return report('dcmi.sensors', { entities, sensors }, { ...(notes.length ? { notes } : {}), ...(failure ? { failure } : {}) });
}

export async function temperatures(ctx: Context): Promise<Report<DcmiTemperatures>> {
  const readings: DcmiTemperatures['readings'] = [];
  const notes: string[] = [];
  for (const { id } of DCMI_ENTITIES) {
    try {
      const first = (await dcmiCall(ctx, getTemperatureReadings, { entityId: id, instance: 0, start: 0 })).value;
      let left = first.total;
      for (let offset = 0; left > 0; offset += 8) {
        const r = (await dcmiCall(ctx, getTemperatureReadings, { entityId: id, instance: offset, start: 0 })).value;
        for (const t of r.readings) readings.push({ entityId: id, instance: t.instance, celsius: t.celsius });
        left -= Math.min(8, left);
        if (r.readings.length === 0) break;
      }
    } catch (e) {
      note(e, notes);
    }
  }
  return report('dcmi.temperatures', { readings }, notes.length ? { notes } : {});
}

export async function thermalPolicy(ctx: Context, args: string[]): Promise<Report<DcmiThermal>> {
  const [sub, entity, instance] = args;
  if (sub === 'set') return thermalPolicySet(ctx, args.slice(1));
  if (sub !== undefined && sub !== 'get') throw new HelpRequest(THERMAL_USAGE, true);
  if (entity === undefined || instance === undefined) throw new UsageError('Get <entityID> <instanceID>');
  const entityId = parseU8(entity);
  if (entityId === undefined) throw new UsageError(`Given Entity ID '${entity}' is invalid.`);
  const inst = parseU8(instance);
  if (inst === undefined) throw new UsageError(`Given Instance ID '${instance}' is invalid.`);
  const { value: limit } = await dcmiCall(ctx, getThermalLimit, { entityId, instance: inst });
  return report('dcmi.thermalpolicy', { entityId, instance: inst, limit });
}

export interface DcmiThermalSet {
  entityId: number;
  instance: number;
  limit: ThermalLimit;
}

/** The three words of `thermalpolicy set` and the bit each sets (DCMI v1.5 Table 6-22 byte 4). */
const THERMAL_WORDS: readonly Readonly<Record<string, boolean>>[] = [
  { volatile: false, nonvolatile: true, disabled: false },
  { poweroff: true, nopoweroff: false, disabled: false },
  { sel: true, nosel: false, disabled: false },
];

/** `thermalpolicy set <entity> <instance> <persistence> <power off> <sel> <limit> <time>`; every word checked first. */
async function thermalPolicySet(ctx: Context, a: string[]): Promise<Report<DcmiThermalSet>> {
  if (a.length < 2) throw new UsageError('Set <entityID> <instanceID>');
  if (a.length < 7) throw new HelpRequest(THERMAL_SET_USAGE, true);
  const entityId = parseU8(a[0]!);
  if (entityId === undefined) throw new UsageError(`Given Entity ID '${a[0]}' is invalid.`);
  const instance = parseU8(a[1]!);
  if (instance === undefined) throw new UsageError(`Given Instance ID '${a[1]}' is invalid.`);
  const bits = THERMAL_WORDS.map((words, i) => {
    const v = words[a[2 + i]!.toLowerCase()];
    if (v === undefined) throw new UsageError(`Invalid thermal policy parameter: '${a[2 + i]}' (${Object.keys(words).join('/')})`);
    return v;
  });
  const temperatureLimit = parseU8(a[5]!);
  if (temperatureLimit === undefined) throw new UsageError(`Given Temp Limit '${a[5]}' is invalid.`);
  const time = parseCNumber(a[6]!);
  if (time === undefined || time < 0 || time > 0xffff) throw new UsageError(`Given Sampling Time '${a[6]}' is invalid.`);
  const limit: ThermalLimit = {
    exceptionActions: (bits[0] ? 0x80 : 0) | (bits[1] ? 0x40 : 0) | (bits[2] ? 0x20 : 0),
    temperatureLimit,
    exceptionTimeSec: time,
  };
  await dcmiCall(ctx, setThermalLimit, { entityId, instance, ...limit });
  return report('dcmi.thermalpolicy.set', { entityId, instance, limit });
}
