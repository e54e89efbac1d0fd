/**
 * `sel get <id>...`: each record with its sensor's SDR (ipmitool's
 * ipmi_sel_print_extended_entry_verbose), read by record ID (Get SEL Entry, IPMI v2.0 §31.5);
 * then, as ipmitool, the sensor's `sensor get` record and the FRUs of the sensor's entity.
 */
import { HelpRequest, IpmiError } from '../../errors.js';
import { describeCompletionCode as describe } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import type { SelEntry } from '../../sel/entry.js';
import { parseSelRecord } from '../../sel/record.js';
import type { SelGetItem, SelGetView } from './data.js';
import { readSensors, type EntityRef } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { locatorView, readDevice, type FruDeviceView } from '../fru/print.js';
import { report, type Report } from '../../report.js';
import { ending } from '../shared/sdr-ending.js';
import { entriesOf, namesGap, oemContext, recordIdArg, sdrLookup, selSource } from './common.js';

export async function get(ctx: Context, args: readonly string[]): Promise<Report<SelGetView>> {
  if (args.length === 0) throw new HelpRequest('usage: sel get <entry>\n', true);
  if (args[0] === 'help') throw new HelpRequest('usage: sel get <id>...<id>\n', true);
  const source = await selSource(ctx);
  const oem = oemContext(ctx);
  const sensors = sdrLookup(ctx);
  const items: SelGetItem[] = [];
  const errors: string[] = [];
  for (const [i, arg] of args.entries()) {
    const id = recordIdArg(arg);
    if (id === undefined) {
      errors.push(`Given SEL ID '${arg}' is invalid.`);
      continue;
    }
    let r: Awaited<ReturnType<typeof source.entry>>;
    try {
      r = await source.entry(id);
    } catch (e) {
      if (!(e instanceof IpmiError) || e.layer !== 'transport') throw e;
      errors.push(`Get SEL Entry ${id.toString(16)} command failed`);
      continue;
    }
    if (r.cc !== 0 || !r.reply) {
      errors.push(`Get SEL Entry ${id.toString(16)} command failed: ${describe(r.cc)}`);
      continue;
    }
    const record = parseSelRecord(r.reply.record);
    // ipmitool takes an all-zero record (type 00h, sensor 0 of type 0) for a missing one.
    if (record.kind === 'system' && record.recordType === 0 && record.sensorType === 0 && record.sensorNumber === 0) {
      errors.push(`SEL Entry 0x${id.toString(16)} not found`);
      continue;
    }
    // ipmitool looks the sensor up for every record type.
    const [entry] = await entriesOf([record], await oem([record]), sensors);
    items.push(await withSensor(ctx, entry!, i < args.length - 1));
  }
  // The last error line is the failure's message (the --json error document carries it).
  const gap = errors.length === 0 ? namesGap(sensors) : undefined;
  return report('sel.get', { items }, gap ? { failure: gap } : ending([], errors, 'sel-get-failed'));
}

const sameEntity = (a: EntityRef, b: EntityRef): boolean => a.id === b.id && a.instance === b.instance;

/**
 * What ipmitool prints after the entry when the sensor has an SDR: the sensor's record (as
 * `sensor get`), the FRU devices located for the same entity (as `fru print`), and a
 * separator when more IDs follow.
 */
async function withSensor(ctx: Context, entry: SelEntry, more: boolean): Promise<SelGetItem> {
  const rec = entry.sensor?.record;
  if (!rec) return { entry, frus: [], separator: false };
  const item: SelGetItem = { entry, frus: [], separator: more };
  if (rec.kind === 'eventonly') item.eventOnly = rec;
  else item.sensor = (await readSensors(sdrOf(ctx), [rec], { thresholds: true, events: true, eventsThresholdOnly: true }))[0]!;
  for (const r of await sdrOf(ctx).load()) {
    if (r.kind !== 'fru' || !sameEntity(r.entity, rec.entity)) continue;
    const v: FruDeviceView | undefined = locatorView(r, ctx.options.verbose);
    if (v) item.frus.push(v.status === 'ok' ? await readDevice(ctx, v) : v);
  }
  return item;
}
