/**
 * The SDR API for every command that needs sensors (sdr, sensor, sel, fru):
 *
 *   const records = await loadSdrs(ctx);              // all records, cached per BMC, -S honoured
 *   const rec = findSensor(records, { ownerId, sensorNumber, sensorType });   // sel elist
 *   const frus = fruLocators(records);                // fru print
 *   const data = await readSensors(ctx, [rec], { thresholds: true, events: true });
 *   renderSensorVerbose(data[0])                      // src/output/sensor.ts: `sensor get` text (sel get)
 *
 * Records come from, in this order: the -S file (ipmitool's dump format) when `useFile`; the
 * automatic cache (src/sdr/cache.ts) when `ctx.options.cache` and the BMC's SDR repository
 * info and GUID still match it; otherwise the BMC, after which the cache is rewritten.
 * Everything is memoised per Context, so several calls cost the BMC nothing more.
 */
import type { Context } from '../runtime/context.js';
import { CommandError, IpmiError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import type { IpmiCommand } from '../ipmi/command.js';
import { describeCompletionCode } from '../ipmi/completion-codes.js';
import { getDeviceId, type DeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { getSystemGuid } from '../ipmi/cmds/app/get-system-guid.js';
import { getDeviceSdrInfo } from '../ipmi/cmds/sensor/get-device-sdr-info.js';
import { getSensorEventEnable } from '../ipmi/cmds/sensor/get-sensor-event-enable.js';
import { getSensorEventStatus } from '../ipmi/cmds/sensor/get-sensor-event-status.js';
import { getSensorReading, type RawSensorReading } from '../ipmi/cmds/sensor/get-sensor-reading.js';
import { getSensorReadingFactors } from '../ipmi/cmds/sensor/get-sensor-reading-factors.js';
import { getSensorThresholds, type SensorThresholds } from '../ipmi/cmds/sensor/get-sensor-thresholds.js';
import { getSdrRepositoryInfo } from '../ipmi/cmds/storage/get-sdr-repository-info.js';
import { cacheDir, cacheFileName, clearCache, readCache, writeCache, type CacheMeta } from './cache.js';
import { parseDump } from './dumpfile.js';
import { Pipeline, type Job, type Outcome } from './pipeline.js';
import { decodeRecord, isSensorRecord, nameMatches, type EventOnlyRecord, type FruLocatorRecord, type SdrRecord, type SensorRecord } from './records.js';
import { interpretReading, type SensorReading } from './reading.js';
import { strerror } from '../strerror.js';
import { readInputFile } from '../read-input.js';
import { walkRepository } from './repository.js';

export * from './records.js';
export { convertHysteresis, convertReading, convertTolerance, valueToRaw } from './convert.js';
export { thresholdState, type SensorReading, type ThresholdState } from './reading.js';
export type { SensorThresholds } from '../ipmi/cmds/sensor/get-sensor-thresholds.js';

/** Requests in flight at once for independent reads (see src/sdr/pipeline.ts, measured in docs/benchmarks.md). */
export const DEFAULT_WINDOW = 8;

/** Bridged sensors (owner other than the BMC's 20h) cannot be read without IPMB bridging, which ipmits lacks. */
const BMC_ADDRESS = 0x20;

interface State {
  loading?: Promise<SdrRecord[]>;
  manufacturerId: number;
  /** Lines for stderr (ipmitool's messages about the -S file). */
  notes: string[];
  /** The -S file did not parse to its end: the last of `notes` says why. */
  damaged?: boolean;
  pipeline?: Pipeline;
  source?: 'file' | 'cache' | 'bmc';
}

/** This module's slot in each Context: the records of one invocation are loaded once. */
const SDR_STATE = Symbol('sdr');

const state = (ctx: Context): State => ctx.slot<State>(SDR_STATE, () => ({ manufacturerId: 0, notes: [] }));

const defaultTimeoutMs = (ctx: Context): number => (ctx.options.timeoutSec || (ctx.interfaceName === 'lan' ? 2 : 1)) * 1000;

/** The request pipeline of this invocation (one window for all sdr/sensor reads). */
export async function pipelineFor(ctx: Context): Promise<Pipeline> {
  const s = state(ctx);
  if (!s.pipeline) {
    const client = await ctx.client();
    const window = Number(ctx.deps.env.IPMITS_SDR_WINDOW) || DEFAULT_WINDOW;
    s.pipeline = new Pipeline(client, ctx.deps.clock, Math.max(1, Math.min(32, window)), defaultTimeoutMs(ctx), (l) => ctx.log.verbose(1, l));
  }
  return s.pipeline;
}

/** stderr lines produced while loading (the -S file's problems), for the report's notes. */
export const sdrNotes = (ctx: Context): string[] => state(ctx).notes;

/** Whether the -S file was damaged (garbage, truncated): the report fails (ipmitool exits 0). */
export const sdrFileDamaged = (ctx: Context): boolean => state(ctx).damaged === true;

/** Where this invocation's records came from (after loadSdrs). */
export const sdrSource = (ctx: Context): State['source'] => state(ctx).source;

export interface LoadOptions {
  /** Honour -S (default true; `sensor list` and `sdr dump` read the BMC like ipmitool). */
  useFile?: boolean;
  /** Skip the automatic cache and read the BMC (default: ctx.options.cache). */
  fresh?: boolean;
}

/** All SDR records, in repository order. Throws CommandError ("Unable to open SDR for reading") when the BMC has none to give. */
export function loadSdrs(ctx: Context, o: LoadOptions = {}): Promise<SdrRecord[]> {
  const s = state(ctx);
  if (o.fresh) return fromBmc(ctx, s, false);
  s.loading ??= load(ctx, s, o.useFile !== false);
  return s.loading;
}

async function load(ctx: Context, s: State, useFile: boolean): Promise<SdrRecord[]> {
  const file = ctx.options.sdrCacheFile;
  if (useFile && file !== undefined) {
    const r = fromFile(file, s);
    if (r) return r;
  }
  return fromBmc(ctx, s, ctx.options.cache);
}

/** ipmitool's ipmi_sdr_list_cache_fromfile: a missing file falls back to the BMC, a bad one keeps what parsed. */
function fromFile(path: string, s: State): SdrRecord[] | undefined {
  let b: Buffer;
  try {
    b = readInputFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // fopen() of a directory succeeds on Linux and fread() then finds nothing: an empty list, no message.
    if (code === 'EISDIR') {
      s.source = 'file';
      return [];
    }
    s.notes.push(code === 'ENOENT' ? `File ${path} does not exist` : `Unable to open file ${path}: ${strerror(e)}`);
    s.notes.push(`Unable to open SDR cache ${path} for reading`);
    return undefined;
  }
  const parsed = parseDump(b);
  s.notes.push(...parsed.errors);
  if (parsed.errors.length) s.damaged = true;
  s.source = 'file';
  // ipmitool keeps only sensor, locator and entity association records from the file.
  return parsed.records.map(decodeRecord).filter((r) => r.kind !== 'oem' && r.kind !== 'unknown');
}

const guidHex = (o: Outcome<Buffer>): string | null => (o.cc === 0 && o.value ? o.value.toString('hex') : null);

function cacheLocation(ctx: Context): { dir: string; name: string } | undefined {
  const dir = cacheDir(ctx.deps.env);
  const host = ctx.options.host;
  if (!dir || host === undefined) return undefined;
  return { dir, name: cacheFileName(host, ctx.options.port) };
}

async function fromBmc(ctx: Context, s: State, useCache: boolean): Promise<SdrRecord[]> {
  const p = await pipelineFor(ctx);
  const loc = useCache ? cacheLocation(ctx) : undefined;
  if (loc) {
    const c = readCache(`${loc.dir}/${loc.name}`);
    if (typeof c !== 'string') {
      const infoJob: Job<unknown, unknown> =
        c.meta.source === 'device' ? { cmd: getDeviceSdrInfo, req: undefined } : { cmd: getSdrRepositoryInfo, req: undefined };
      const [info, guid] = (await p.run([infoJob, { cmd: getSystemGuid, req: undefined }])) as [Outcome<{ raw: Buffer }>, Outcome<Buffer>];
      const infoHex = info.cc === 0 && info.value ? info.value.raw.toString('hex') : undefined;
      if (infoHex === c.meta.info && guidHex(guid) === c.meta.guid) {
        s.manufacturerId = c.meta.manufacturerId;
        s.source = 'cache';
        ctx.log.verbose(2, `SDR cache ${loc.dir}/${loc.name} is current (${c.records.length} records)`);
        return c.records.map(decodeRecord);
      }
      ctx.log.verbose(1, `SDR cache ${loc.dir}/${loc.name} is stale: reading the SDR repository`);
    } else if (c !== 'none') ctx.log.verbose(1, `SDR cache ${loc.dir}/${loc.name} ignored (${c}): reading the SDR repository`);
  }
  const client = await ctx.client();
  const [dev, info, guid] = (await p.run([
    { cmd: getDeviceId, req: undefined },
    { cmd: getSdrRepositoryInfo, req: undefined },
    { cmd: getSystemGuid, req: undefined },
  ] as Job<unknown, unknown>[])) as [Outcome<DeviceId>, Outcome<{ raw: Buffer }>, Outcome<Buffer>];
  const devid = requireDeviceId(dev);
  s.manufacturerId = devid.manufacturerId;
  const device = usesDeviceSdrs(devid);
  let infoRaw: Buffer;
  if (device) {
    const r = await tryCmd(client, getDeviceSdrInfo);
    if (!r || r.cc !== 0 || !r.value) throw new CommandError('Unable to open SDR for reading', 'command-failed', ['Err in cmd get sensor sdr info']);
    infoRaw = r.value.raw;
  } else {
    if (info.error !== undefined || info.cc === undefined) throw new CommandError('Unable to open SDR for reading', 'command-failed', ['Error obtaining SDR info']);
    if (info.cc !== 0) {
      throw new CommandError('Unable to open SDR for reading', 'command-failed', [`Error obtaining SDR info: ${describeCompletionCode(info.cc)}`]);
    }
    infoRaw = info.value!.raw;
  }
  const walk = await walkRepository(client, {
    device,
    clock: ctx.deps.clock,
    random: ctx.deps.random,
    log: (level, line) => ctx.log.verbose(level, line),
  });
  for (const e of walk.errors) ctx.log.verbose(1, e);
  s.source = 'bmc';
  if (loc && walk.errors.length === 0) {
    const meta: CacheMeta = {
      bmc: `${ctx.options.host}:${ctx.options.port}`,
      source: device ? 'device' : 'repository',
      info: infoRaw.toString('hex'),
      guid: guidHex(guid),
      manufacturerId: devid.manufacturerId,
      productId: devid.productId,
      written: new Date(ctx.deps.clock.now()).toISOString(),
    };
    const err = writeCache(loc.dir, loc.name, { meta, records: walk.records }, ctx.deps.random);
    if (err) ctx.log.verbose(1, `SDR cache not written: ${err}`);
  }
  return walk.records.map(decodeRecord);
}

function requireDeviceId(dev: Outcome<DeviceId>): DeviceId {
  if (dev.error !== undefined) {
    if (dev.error instanceof IpmiError && dev.error.layer !== 'transport') throw dev.error;
    throw new CommandError('Unable to open SDR for reading', 'command-failed', ['Get Device ID command failed']);
  }
  if (dev.cc !== 0 || !dev.value) {
    const cc = dev.cc ?? 0;
    throw new CommandError('Unable to open SDR for reading', 'command-failed', [
      `Get Device ID command failed: 0x${cc.toString(16)} ${describeCompletionCode(cc)}`,
    ]);
  }
  return dev.value;
}

/** ipmitool's rule: device SDRs only when the BMC provides them and has no SDR repository. */
function usesDeviceSdrs(d: DeviceId): boolean {
  if (!d.providesDeviceSdrs) return false;
  if (d.additionalSupport & 0x02) return false;
  if (d.additionalSupport & 0x01) return true;
  throw new CommandError('Unable to open SDR for reading', 'command-failed', ['Error obtaining SDR info']);
}

async function tryCmd<Res>(client: IpmiClient, cmd: IpmiCommand<void, Res>): Promise<{ cc: number; value?: Res } | undefined> {
  try {
    return await client.try(cmd, undefined);
  } catch (e) {
    if (e instanceof IpmiError && e.layer === 'transport' && !/--timeout/.test(e.message)) return undefined;
    throw e;
  }
}

/** Remove this BMC's cache file (with -H) or every cache file; returns the paths removed. */
export function clearSdrCache(ctx: Context): { dir: string | undefined; removed: string[] } {
  const dir = cacheDir(ctx.deps.env);
  if (!dir) return { dir, removed: [] };
  const host = ctx.options.host;
  return { dir, removed: clearCache(dir, host !== undefined ? cacheFileName(host, ctx.options.port) : undefined) };
}

// ---------------------------------------------------------------------------
// Lookups (ipmitool's ipmi_sdr_find_sdr_* over the loaded list)

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

/** FRU device locator records, repository order (fru print). */
export const fruLocators = (records: readonly SdrRecord[]): FruLocatorRecord[] => records.filter((r): r is FruLocatorRecord => r.kind === 'fru');

export const sensorRecords = (records: readonly SdrRecord[]): SensorRecord[] => records.filter(isSensorRecord);

// ---------------------------------------------------------------------------
// Readings

/** A sensor with everything a listing prints about it. */
export interface SensorData {
  record: SensorRecord;
  reading: SensorReading;
  /** Get Sensor Thresholds: undefined = not asked; null = not available (no answer, refused, empty). */
  thresholds?: SensorThresholds | null;
  /** Get Sensor Event Status / Enable replies as received; null = failed. */
  eventStatus?: Buffer | null;
  eventEnable?: Buffer | null;
}

export interface ReadWhat {
  /** Get Sensor Thresholds for threshold sensors (`sensor list`, `sensor get`). */
  thresholds?: boolean;
  /** Get Sensor Event Status and Enable (verbose output). */
  events?: boolean;
  /** Event status/enable for threshold sensors only (`sensor get` prints them only for those). */
  eventsThresholdOnly?: boolean;
}

const isBridged = (r: SensorRecord): boolean => r.ownerId !== BMC_ADDRESS || r.channel !== 0;

/** One sensor's reading (ipmitool's ipmi_sdr_read_sensor_value). */
export async function readSensor(ctx: Context, record: SensorRecord): Promise<SensorReading> {
  return (await readSensors(ctx, [record]))[0]!.reading;
}

/**
 * Readings (and thresholds / event state when asked) of many sensors, several requests in
 * flight at once (src/sdr/pipeline.ts). Results are in `records` order.
 */
export async function readSensors(ctx: Context, records: readonly SensorRecord[], what: ReadWhat = {}): Promise<SensorData[]> {
  const s = state(ctx);
  const p = await pipelineFor(ctx);
  type Slot = { kind: 'reading' | 'thresholds' | 'status' | 'enable'; index: number };
  const jobs: Job<number, unknown>[] = [];
  const slots: Slot[] = [];
  records.forEach((r, index) => {
    if (isBridged(r)) return;
    const lun = r.ownerLun;
    const add = (kind: Slot['kind'], cmd: Job<number, unknown>['cmd']): void => {
      jobs.push({ cmd, req: r.sensorNumber, lun });
      slots.push({ kind, index });
    };
    add('reading', getSensorReading as Job<number, unknown>['cmd']);
    const threshold = r.eventType === 0x01;
    if (what.thresholds && threshold) add('thresholds', getSensorThresholds as Job<number, unknown>['cmd']);
    if (what.events && (threshold || !what.eventsThresholdOnly)) {
      add('status', getSensorEventStatus as Job<number, unknown>['cmd']);
      add('enable', getSensorEventEnable as Job<number, unknown>['cmd']);
    }
  });
  const results = await p.run(jobs);
  const raw: { reading?: Outcome<RawSensorReading>; thresholds?: Outcome<SensorThresholds>; status?: Outcome<Buffer>; enable?: Outcome<Buffer> }[] = records.map(() => ({}));
  results.forEach((o, i) => {
    const slot = slots[i]!;
    (raw[slot.index] as Record<string, Outcome<unknown>>)[slot.kind] = o;
  });
  const client = await ctx.client();
  const out: SensorData[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const r = raw[i]!;
    const reply = r.reading && r.reading.error === undefined ? { cc: r.reading.cc ?? 0, ...(r.reading.value ? { data: r.reading.value.data } : {}) } : undefined;
    const reading = await interpretReading(record, reply, s.manufacturerId, async (rec, rawReading) => {
      try {
        const f = await client.try(getSensorReadingFactors, { sensorNumber: rec.sensorNumber, reading: rawReading }, { lun: rec.ownerLun });
        return f.cc === 0 ? f.value : undefined;
      } catch (e) {
        if (e instanceof IpmiError && e.layer === 'transport' && !/--timeout/.test(e.message)) return undefined;
        throw e;
      }
    });
    const d: SensorData = { record, reading };
    if (what.thresholds && record.eventType === 0x01) {
      const t = r.thresholds;
      d.thresholds = t && t.cc === 0 && t.value && t.value.length > 0 ? t.value : null;
    }
    if (r.status) d.eventStatus = r.status.cc === 0 && r.status.value ? r.status.value : null;
    if (r.enable) d.eventEnable = r.enable.cc === 0 && r.enable.value ? r.enable.value : null;
    if (what.events && isBridged(record)) {
      d.eventStatus = null;
      d.eventEnable = null;
    }
    out.push(d);
  }
  return out;
}
