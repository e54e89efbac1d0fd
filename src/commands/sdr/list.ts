/**
 * The sdr listings: `sdr [list|elist] [filter]`, `sdr type <type>`, `sdr entity <id>[.<inst>]`,
 * `sdr get <name>...` (ipmitool 1.8.19 lib/ipmi_sdr.c: ipmi_sdr_print_sdr, _print_type,
 * _print_entity, _print_entry_byid). Records come from the invocation's SdrSource (cache, -S file or the BMC);
 * full and compact records get their reading (plus event status/enable for the verbose layout).
 */
import type { Context } from '../../runtime/context.js';
import { HelpRequest, UsageError } from '../../errors.js';
import { findByName, readSensors, type SdrRecord, type SensorRecord } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { isSensorRecord, SdrType } from '../../sdr/records.js';
import { entityByName } from '../../spec/entity-ids.js';
import { SENSOR_TYPE_NAMES } from '../../spec/sensor-events.js';
import { report, type Outcome } from '../../report.js';
import type { SdrListData, SdrRow } from './data.js';
import { ending, sdrEnding } from '../shared/sdr-ending.js';

/** `sdr list` filter words and the record types they select (0xfe full+compact, 0xff all). */
export const LIST_FILTERS: Readonly<Record<string, number>> = {
  all: 0xff,
  full: SdrType.Full,
  compact: SdrType.Compact,
  event: SdrType.EventOnly,
  mcloc: SdrType.McLocator,
  fru: SdrType.FruLocator,
  generic: SdrType.GenericLocator,
};

/** Rows for `records`, readings fetched for the sensors among them. */
async function rowsOf(ctx: Context, records: readonly SdrRecord[], verbose: boolean): Promise<SdrRow[]> {
  const sensors = records.filter(isSensorRecord);
  const data = await readSensors(sdrOf(ctx), sensors, verbose ? { events: true } : {});
  const bySensor = new Map<SensorRecord, (typeof data)[number]>();
  for (const [i, s] of sensors.entries()) bySensor.set(s, data[i]!);
  return records.map((record) => {
    const sensor = isSensorRecord(record) ? bySensor.get(record) : undefined;
    return sensor ? { record, sensor } : { record };
  });
}

/** `errors`: about names asked for; they make the exit status non-zero (ipmitool exits 0, docs/compatibility.md). */
function listReport(ctx: Context, rows: SdrRow[], extended: boolean, verbose: boolean, errors: string[] = []): Outcome {
  const data: SdrListData = { extended, verbose, rows };
  const sensors = rows.flatMap((r) => (r.sensor ? [r.sensor] : []));
  return report('sdr.list', data, sdrEnding(sdrOf(ctx), sensors, errors, 'sensor-not-found'));
}

/** `sdr`, `sdr list|elist [filter]`. */
export async function list(ctx: Context, extended: boolean, filter: string | undefined, verb: string): Promise<Outcome> {
  let type = 0xfe;
  if (filter !== undefined) {
    const usage = `usage: sdr ${verb} [all|full|compact|event|mcloc|fru|generic]\n`;
    if (filter === 'help') throw new HelpRequest(usage);
    const t = Object.hasOwn(LIST_FILTERS, filter) ? LIST_FILTERS[filter] : undefined;
    if (t === undefined) throw new UsageError(`Invalid SDR ${verb} command: ${filter}`, usage);
    type = t;
  }
  const records = (await sdrOf(ctx).load()).filter((r) => {
    if (type === 0xff) return true;
    if (type === 0xfe) return r.type === SdrType.Full || r.type === SdrType.Compact;
    return r.type === type;
  });
  return listReport(ctx, await rowsOf(ctx, records, ctx.options.verbose > 0), extended, ctx.options.verbose > 0);
}

/**
 * A sensor type word: a name from the table (any case) or, as ipmitool's str2uchar after a
 * lower-case "0x", hex digits worth at most 255 ("0x001" is 1; "0X01" is a name, not found).
 */
export function sensorTypeCode(word: string): number | 'invalid' | undefined {
  if (word.startsWith('0x')) {
    const m = /^0x([0-9a-f]+)$/i.exec(word);
    const v = m ? parseInt(m[1]!, 16) : Number.NaN;
    return v <= 0xff ? v : 'invalid';
  }
  const lower = word.toLowerCase();
  for (let x = 1; x < SENSOR_TYPE_NAMES.length; x++) if (SENSOR_TYPE_NAMES[x]!.toLowerCase() === lower) return x;
  return undefined;
}

/** `sdr type <type>`: full, compact and event-only records of that sensor type, elist layout. */
export async function byType(ctx: Context, word: string): Promise<Outcome> {
  const code = sensorTypeCode(word);
  if (code === 'invalid') throw new UsageError(`Given type of sensor "${word}" is either invalid or out of range.`);
  // ipmitool prints the error and the type table and exits 0; ipmits exits non-zero (docs/compatibility.md).
  if (code === undefined)
    return report('sdr.table', { table: 'types', entities: [] }, ending([], [`Sensor Type "${word}" not found.`], 'sensor-type-not-found'));
  const records = (await sdrOf(ctx).load()).filter((r) => {
    if (r.kind === 'full' || r.kind === 'compact' || r.kind === 'eventonly') return r.sensorType === code;
    return false;
  });
  return listReport(ctx, await rowsOf(ctx, records, ctx.options.verbose > 0), true, ctx.options.verbose > 0);
}

/** C's sscanf("%u"): optional blanks and sign, then digits (the value wraps to 32 bits). */
function scanU(s: string): { value: number; rest: string } | undefined {
  const m = /^\s*([+-]?)(\d+)/.exec(s);
  if (!m) return undefined;
  let v = Number(BigInt(m[2]!) & 0xffffffffn);
  if (m[1] === '-') v = (0x100000000 - v) % 0x100000000;
  return { value: v, rest: s.slice(m[0].length) };
}

/** ipmitool's entity argument: "id.instance", "id" (every instance) or an entity name. */
export function parseEntity(word: string): { id: number; instance: number } | undefined {
  const a = scanU(word);
  if (a) {
    if (a.rest.startsWith('.')) {
      const b = scanU(a.rest.slice(1));
      if (b) return { id: a.value & 0xff, instance: b.value & 0x7f };
    }
    return { id: a.value & 0xff, instance: 0x7f };
  }
  const id = entityByName(word);
  return id === undefined ? undefined : { id, instance: 0x7f };
}

/** `sdr entity <id>[.<instance>]`: every sensor and locator record of that entity, elist layout. */
export async function byEntity(ctx: Context, word: string): Promise<Outcome> {
  const e = parseEntity(word);
  if (!e) throw new UsageError(`Invalid entity: ${word}`);
  const records = (await sdrOf(ctx).load()).filter((r) => {
    if (!('entity' in r)) return false;
    return r.entity.id === e.id && (e.instance === 0x7f || r.entity.instance === e.instance);
  });
  return listReport(ctx, await rowsOf(ctx, records, ctx.options.verbose > 0), true, ctx.options.verbose > 0);
}

/** `sdr get <name>...`: the verbose record of each; an unknown name is reported and skipped (exit 0, as ipmitool). */
export async function get(ctx: Context, names: string[]): Promise<Outcome> {
  if (names.length === 0) throw new UsageError('No Sensor ID supplied');
  const records = await sdrOf(ctx).load();
  const found: SdrRecord[] = [];
  const notes: string[] = [];
  for (const n of names) {
    const r = findByName(records, n);
    if (r) found.push(r);
    else notes.push(`Unable to find sensor id '${n}'`);
  }
  return listReport(ctx, await rowsOf(ctx, found, true), false, true, notes);
}
