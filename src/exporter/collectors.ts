/**
 * The collectors ipmi_exporter has, done in-process over one session (a Context per scrape), with
 * ipmi_exporter 1.6.1's metric names, labels and HELP texts (its docs/metrics.md and collector_*.go;
 * checked against the Debian package's output in test/exporter):
 *
 *   ipmi         Get Sensor Reading of every sensor of the SDR (cached, src/sdr), pipelined
 *   bmc          Get Device ID, Get System Info Parameters (system firmware version)
 *   chassis      Get Chassis Status
 *   dcmi         DCMI Get Power Reading
 *   sel          Get SEL Info; the SEL itself read incrementally (sel-tail.ts) for ipmits' own metrics
 *   sm-lan-mode  Supermicro OEM 30h/70h 0Ch 00h
 *
 * Each collector returns its families or throws; the scrape turns a throw into ipmi_up 0.
 */
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { getSystemInfoParameters, SystemInfoParam } from '../ipmi/cmds/app/get-system-info-parameters.js';
import { getChassisStatus } from '../ipmi/cmds/chassis/get-chassis-status.js';
import { getPowerReading } from '../ipmi/cmds/group/get-power-reading.js';
import { getSelInfo } from '../ipmi/cmds/storage/get-sel-info.js';
import type { Context } from '../runtime/context.js';
import { health } from '../sdr/health.js';
import { readSensors, sensorRecords, type SdrSource, type SensorData } from '../sdr/index.js';
import { isThresholdSensor } from '../sdr/records.js';
import { clientSelSource } from '../sel/client-source.js';
import type { SystemEventRecord } from '../sel/record.js';
import { manufacturerName, type PenRegistry } from '../spec/iana.js';
import type { CollectorName, Module } from './config.js';
import { family, type Family } from './exposition.js';
import { updateSel, type SelState } from './sel-tail.js';
import { monitoringTypeName } from './sensor-types.js';

/** What collectors keep between scrapes of one target. */
export interface TargetMemory {
  sel?: SelState;
  /** Each failing collector's last complaint: logged when it changes, not on every scrape. */
  failing?: Map<string, string>;
}

export interface CollectorEnv {
  ctx: Context;
  /** The SDR of this scrape's session (validated against the cache, src/sdr/source.ts). */
  sdr: SdrSource;
  module: Module;
  memory: TargetMemory;
  registry: () => PenRegistry;
}

export type Collector = (e: CollectorEnv) => Promise<Family[]>;

const STATE_HELP = (what: string): string => `Reported state of a ${what} sensor (0=nominal, 1=warning, 2=critical).`;

/** The typed families of ipmi_exporter's ipmi collector, by FreeIPMI unit ("C", "RPM", ...). */
function sensorFamilies() {
  return {
    temperature: family('ipmi_temperature_celsius', 'Temperature reading in degree Celsius.'),
    temperatureState: family('ipmi_temperature_state', STATE_HELP('temperature')),
    fanRpm: family('ipmi_fan_speed_rpm', 'Fan speed in rotations per minute.'),
    fanRatio: family('ipmi_fan_speed_ratio', 'Fan speed as a proportion of the maximum speed.'),
    fanState: family('ipmi_fan_speed_state', STATE_HELP('fan speed')),
    voltage: family('ipmi_voltage_volts', 'Voltage reading in Volts.'),
    voltageState: family('ipmi_voltage_state', STATE_HELP('voltage')),
    current: family('ipmi_current_amperes', 'Current reading in Amperes.'),
    currentState: family('ipmi_current_state', STATE_HELP('current')),
    power: family('ipmi_power_watts', 'Power reading in Watts.'),
    powerState: family('ipmi_power_state', STATE_HELP('power')),
    value: family('ipmi_sensor_value', 'Generic data read from an IPMI sensor of unknown type, relying on labels for context.'),
    state: family('ipmi_sensor_state', 'Indicates the severity of the state reported by an IPMI sensor (0=nominal, 1=warning, 2=critical).'),
  };
}

/** IPMI v2.0 §43.17 Table 43-15 base unit codes. */
const UNIT = { celsius: 1, volts: 4, amps: 5, watts: 6, rpm: 18 } as const;
const FAN = 0x04;

/** ipmi_exporter's state value: 0, 1, 2; NaN for "N/A" (no reading, scanning disabled). */
function stateValue(d: SensorData): number {
  const h = health(d.record, d.reading);
  return h.code === null || h.code === 3 ? NaN : h.code;
}

type Fam = ReturnType<typeof family>;

/**
 * ipmi_exporter's choice of family by FreeIPMI's unit ("C", "RPM", "V", "A", "W"; "%" of a fan):
 * only plain units (no modifier unit) of full threshold records count; the rest is generic.
 */
function typedFamilies(d: SensorData, f: ReturnType<typeof sensorFamilies>): { value: Fam; state: Fam; scale: number } | undefined {
  const r = d.record;
  if (r.kind !== 'full' || !isThresholdSensor(r) || (r.units1 >> 1) & 0x03) return undefined;
  if (r.units1 & 0x01) return r.sensorType === FAN ? { value: f.fanRatio, state: f.fanState, scale: 0.01 } : undefined;
  const byUnit: Readonly<Record<number, [Fam, Fam]>> = {
    [UNIT.celsius]: [f.temperature, f.temperatureState],
    [UNIT.rpm]: [f.fanRpm, f.fanState],
    [UNIT.volts]: [f.voltage, f.voltageState],
    [UNIT.amps]: [f.current, f.currentState],
    [UNIT.watts]: [f.power, f.powerState],
  };
  const pair = byUnit[r.baseUnit];
  return pair ? { value: pair[0], state: pair[1], scale: 1 } : undefined;
}

export function sensorMetrics(sensors: readonly SensorData[], exclude: ReadonlySet<number>): Family[] {
  const f = sensorFamilies();
  for (const d of sensors) {
    const r = d.record;
    if (exclude.has(r.recordId)) continue;
    const value = d.reading.valid && d.reading.value !== undefined ? d.reading.value : NaN;
    const state = stateValue(d);
    const base = { id: String(r.recordId), name: r.name };
    const typed = typedFamilies(d, f);
    if (typed) {
      typed.value.add(base, value * typed.scale);
      typed.state.add(base, state);
    } else {
      const labels = { ...base, type: monitoringTypeName(r.sensorType) };
      f.value.add(labels, value);
      f.state.add(labels, state);
    }
  }
  return Object.values(f);
}

const ipmi: Collector = async ({ sdr, module }) => {
  const records = sensorRecords(await sdr.load({ useFile: false })).filter((r) => !module.excludeSensorIds.has(r.recordId));
  const sensors = await readSensors(sdr, records);
  const cached = family('ipmits_sdr_cache_hit', 'ipmits: 1 when the SDR came from the validated cache, 0 when it was read from the BMC.');
  // A model file (another BMC of the same model, src/sdr/share.ts) is a validated cache too.
  cached.add({}, sdr.origin === 'cache' || sdr.origin === 'model' ? 1 : 0);
  return [...sensorMetrics(sensors, module.excludeSensorIds), cached];
};

/** bmc-info's "Firmware Revision": major, then the BCD minor as two hex digits. */
export const firmwareRevision = (major: number, minor: number): string => `${major}.${minor.toString(16).padStart(2, '0')}`;

/** Get System Info Parameters, parameter 1 set 0 (§22.14a): set selector, encoding, length, then the string. */
export function systemFirmwareVersion(data: Buffer | undefined): string {
  if (!data || data.length < 3) return 'N/A';
  const len = Math.min(data[2]!, data.length - 3);
  const s = data
    .subarray(3, 3 + len)
    .toString('latin1')
    .replace(/\0.*$/s, '')
    .trim();
  return s.length > 0 ? s : 'N/A';
}

const bmc: Collector = async ({ ctx, registry }) => {
  const client = await ctx.client();
  const id = await client.call(getDeviceId, undefined);
  let fw: Buffer | undefined;
  try {
    const r = await client.try(getSystemInfoParameters, { param: SystemInfoParam.SystemFirmwareVersion, set: 0, block: 0 });
    if (r.cc === 0) fw = r.value?.data;
  } catch {
    // Not answered: "N/A", as ipmi_exporter says when the BMC does not expose it.
  }
  const name = manufacturerName(registry(), id.manufacturerId);
  const f = family('ipmi_bmc_info', "Constant metric with value '1' providing details about the BMC.");
  f.add(
    {
      firmware_revision: firmwareRevision(id.firmwareMajor, id.firmwareMinor),
      manufacturer_id: name !== undefined ? `${name} (${id.manufacturerId})` : String(id.manufacturerId),
      system_firmware_version: systemFirmwareVersion(fw),
    },
    1,
  );
  return [f];
};

const chassis: Collector = async ({ ctx }) => {
  const status = await (await ctx.client()).call(getChassisStatus, undefined);
  const f = family('ipmi_chassis_power_state', 'Current power state (1=on, 0=off).');
  f.add({}, status.power & 0x01);
  return [f];
};

const dcmi: Collector = async ({ ctx }) => {
  const r = await (await ctx.client()).call(getPowerReading, { mode: 1 });
  const f = family('ipmi_dcmi_power_consumption_watts', 'Current power consumption in Watts.');
  // Power measurement not active: no sample, as ipmi_exporter drops a negative (unavailable) reading.
  if (r.active) f.add({}, r.current);
  return [f];
};

/** IPMI timestamps: FFFFFFFFh and 0 mean "never" (§31.2). */
const stamp = (t: number): number => (t === 0xffffffff || t === 0 ? NaN : t);

const sel: Collector = async ({ ctx, memory }) => {
  const client = await ctx.client();
  const info = await client.call(getSelInfo, undefined);
  const count = family('ipmi_sel_logs_count', 'Current number of log entries in the SEL.');
  count.add({}, info.entries);
  const free = family('ipmi_sel_free_space_bytes', 'Current free space remaining for new SEL entries.');
  free.add({}, info.freeBytes);
  const u = await updateSel(info, memory.sel, clientSelSource(client));
  memory.sel = u.state;
  const events = family('ipmits_sel_events', 'ipmits: system event records in the SEL, by sensor type and direction.');
  const byKey = new Map<string, { type: string; direction: string; n: number }>();
  let latest = NaN;
  for (const rec of u.state.records) {
    if (rec.kind !== 'system') continue;
    const ev = rec as SystemEventRecord;
    const type = monitoringTypeName(ev.sensorType);
    const direction = ev.deassertion ? 'deassertion' : 'assertion';
    const k = `${type}\0${direction}`;
    const e = byKey.get(k) ?? { type, direction, n: 0 };
    e.n++;
    byKey.set(k, e);
    if (!(ev.timestamp <= latest)) latest = ev.timestamp;
  }
  for (const e of byKey.values()) events.add({ type: e.type, direction: e.direction }, e.n);
  const latestF = family('ipmits_sel_latest_event_timestamp_seconds', 'ipmits: timestamp of the newest system event record in the SEL.');
  if (!Number.isNaN(latest)) latestF.add({}, latest);
  const add = family('ipmits_sel_last_add_timestamp_seconds', "ipmits: the SEL's most recent addition timestamp (Get SEL Info).");
  if (!Number.isNaN(stamp(info.lastAddTime))) add.add({}, info.lastAddTime);
  const erase = family('ipmits_sel_last_erase_timestamp_seconds', "ipmits: the SEL's most recent erase timestamp (Get SEL Info).");
  if (!Number.isNaN(stamp(info.lastEraseTime))) erase.add({}, info.lastEraseTime);
  const read = family('ipmits_sel_entries_read', 'ipmits: Get SEL Entry requests this scrape needed (0 when the SEL did not change).');
  read.add({ mode: u.read }, u.entriesRead);
  return [count, free, events, latestF, add, erase, read];
};

/** Supermicro "LAN mode" (ipmi_exporter's sm-lan-mode): OEM netfn 30h, command 70h, data 0Ch 00h; 0 dedicated, 1 shared, 2 failover. */
const smLanMode: Collector = async ({ ctx }) => {
  const r = await (await ctx.client()).raw(0x30, 0x70, Uint8Array.of(0x0c, 0x00));
  if (r.cc !== 0) throw new Error(`LAN mode: completion code ${r.cc.toString(16)}h`);
  const mode = r.data[0];
  if (r.data.length !== 1 || mode === undefined || mode > 2) throw new Error('LAN mode: unexpected reply');
  const f = family('ipmi_config_lan_mode', 'Returns configured LAN mode (0=dedicated, 1=shared, 2=failover).');
  f.add({}, mode);
  return [f];
};

export const COLLECTOR_IMPL: Readonly<Record<CollectorName, Collector>> = { ipmi, bmc, chassis, dcmi, sel, 'sm-lan-mode': smLanMode };
