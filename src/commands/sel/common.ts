/** Shared by the sel verbs: ipmitool's wording, SEL Info, turning records into entries. */
import { CommandError, IpmiError, TransportError } from '../../errors.js';
import { getDeviceId } from '../../ipmi/cmds/app/get-device-id.js';
import { getSelInfo, type SelInfo } from '../../ipmi/cmds/storage/get-sel-info.js';
import { parseU16 } from '../../runtime/numbers.js';
import type { Context } from '../../runtime/context.js';
import { needsOemContext, selEntry, type SelEntry, type SelSensor, type SensorLookup } from '../../sel/entry.js';
import type { SelRecord } from '../../sel/record.js';
import { convertReading, findSensor, type EventOnlyRecord, type SdrRecord, type SensorRecord } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { unitString } from '../../spec/units.js';
import type { SelSource } from '../../sel/reader.js';
import { clientSelSource } from '../../sel/client-source.js';
import type { OemContext } from '../../spec/sensor-events.js';
import { colon, invoke } from '../shared/invoke.js';

export const SEL_HELP = 'SEL Commands:  info clear delete list elist get add time save readraw writeraw interpret\n';

/** Get SEL Info with ipmitool's failure lines. */
export function selInfo(ctx: Context): Promise<SelInfo> {
  return invoke(ctx, getSelInfo, undefined, { failed: colon('Get SEL Info command failed'), noResponse: 'Get SEL Info command failed' });
}

/** Get SEL Entry through the session, for the SEL walk. */
export async function selSource(ctx: Context): Promise<SelSource> {
  return clientSelSource(await ctx.client());
}

/** A record ID argument as ipmitool reads it (strtoul base 0, up to FFFFh). */
export function recordIdArg(arg: string): number | undefined {
  return parseU16(arg);
}

/**
 * The manufacturer, for OEM sensor types only (C0h-FFh, ipmitool names them per vendor):
 * Get Device ID is sent the first time a record needs it. PICMG and VITA extensions are
 * not probed.
 */
export function oemContext(ctx: Context): (records: readonly SelRecord[]) => Promise<OemContext> {
  let known: OemContext | undefined;
  return async (records) => {
    if (known) return known;
    if (!records.some(needsOemContext)) return {};
    try {
      const d = await invoke(ctx, getDeviceId, undefined, { failed: colon('Get Device ID command failed'), noResponse: 'Get Device ID command failed' });
      known = { manufacturerId: d.manufacturerId };
    } catch (e) {
      if (e instanceof TransportError) throw e;
      known = {};
    }
    return known;
  };
}

/** Entries for records; `sensors` looks up the SDR names (elist, `sel get`). */
export async function entriesOf(records: readonly SelRecord[], oem: OemContext, sensors?: SensorLookup): Promise<SelEntry[]> {
  const out: SelEntry[] = [];
  for (const r of records) {
    const sensor = sensors && r.kind === 'system' ? await sensors.find(r.generatorId, r.sensorNumber, r.sensorType) : undefined;
    out.push(selEntry(r, oem, sensor));
  }
  return out;
}

/** SDR names for SEL events, and why some may be missing. */
export interface SdrNames extends SensorLookup {
  /**
   * Why names may be missing although the BMC has them (empty until the SDRs were asked for): the
   * SDR read got no answer or ended early (issue 15). A listing with such gaps is incomplete.
   */
  gaps(): string[];
}

/**
 * SDR names for SEL events (`elist`, `sel get`, `event`): ipmitool's ipmi_sdr_find_sdr_bynumtype
 * over the whole repository, read once. When the BMC has no SDRs to give the events are shown
 * without names, as ipmitool does; when the read got no answer or ended early (loss, reservations
 * cancelled by other clients) the names shown are what was read and `gaps` says why the rest are missing.
 */
export function sdrLookup(ctx: Context): SdrNames {
  let records: Promise<SdrRecord[]> | undefined;
  const failed: string[] = [];
  return {
    async find(generatorId, sensorNumber, sensorType) {
      records ??= sdrOf(ctx)
        .load()
        .catch((e: unknown) => {
          if (!(e instanceof IpmiError) || e.layer !== 'command') throw e;
          if (e.code === 'no-response') failed.push(...e.preamble, e.message);
          return [];
        });
      const r = findSensor(await records, { ownerId: generatorId, sensorNumber, sensorType });
      return r ? selSensor(r) : undefined;
    },
    gaps: () => (records === undefined ? [] : [...failed, ...sdrOf(ctx).incomplete]),
  };
}

/** A listing whose sensor names are incomplete fails (exit 1, code `incomplete`): never a silent short name list. */
export function namesGap(names: SdrNames | undefined): CommandError | undefined {
  const gaps = names?.gaps() ?? [];
  if (gaps.length === 0) return undefined;
  return new CommandError(`${gaps.at(-1)!}: sensor names may be missing`, 'incomplete', gaps.slice(0, -1));
}

/** What SEL output needs of an SDR record (IPMI v2.0 §43.1-43.3). */
export function selSensor(r: SensorRecord | EventOnlyRecord): SelSensor {
  const s: SelSensor = { name: r.name, recordType: r.type, units: '', record: r };
  if (r.kind === 'full') {
    s.convert = (raw) => convertReading(r.factors, raw);
    s.units = unitString((r.units1 & 0x01) !== 0, (r.units1 >> 1) & 0x03, r.baseUnit, r.modifierUnit);
  }
  return s;
}
