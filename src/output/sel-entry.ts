/**
 * One SEL entry as ipmitool 1.8.19 prints it (lib/ipmi_sel.c ipmi_sel_print_std_entry,
 * ..._verbose, ..._extended_entry_verbose), its -c form and its --json object; the C printf
 * and date formatting those lines need. Used by sel and event (src/output/sel.ts, event.ts).
 */
import { hex } from '../ipmi/codec.js';
import type { SelEntry } from '../sel/entry.js';
import { FULL_SENSOR_RECORD } from '../sel/entry.js';
import type { SelRecord, SystemEventRecord } from '../sel/record.js';
import { eventTypeName } from '../spec/sensor-events.js';
import { IPMI_TIME_INIT_DONE, IPMI_TIME_UNSPECIFIED, timestampFormat } from '../format/ipmi-time.js';
import type { RenderOptions, TableSpec } from './types.js';
import { hex2 } from '../format/c-printf.js';

/**
 * printf("%.*f") as glibc prints it: the exact binary value rounded half to even. JavaScript's
 * toFixed rounds exact ties away from zero (2.5 -> "3", 0.125 -> "0.13"; glibc: "2", "0.12").
 * |v| as an exact fraction num/den (den a power of two).
 */
function exactFraction(v: number): { num: bigint; den: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  return exp >= 0 ? { num: mantissa << BigInt(exp), den: 1n } : { num: mantissa, den: 1n << BigInt(-exp) };
}

/** C's "%.<digits>f" of a double. */
export function cFixed(v: number, digits: number): string {
  const negative = v < 0 || Object.is(v, -0);
  if (Number.isNaN(v)) return negative ? '-nan' : 'nan';
  if (!Number.isFinite(v)) return negative ? '-inf' : 'inf';
  const { num, den } = exactFraction(v);
  const scaled = num * 10n ** BigInt(digits);
  let q = scaled / den;
  const twice = (scaled % den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q++;
  let s = q.toString();
  if (digits > 0) {
    s = s.padStart(digits + 1, '0');
    s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  }
  return negative ? `-${s}` : s;
}

/** C's "%.*f" with 0 decimals for whole numbers and `digits` otherwise (ipmitool's reading format). */
export function cFixedOrWhole(v: number, digits: number): string {
  return cFixed(v, v === Math.trunc(v) ? 0 : digits);
}

// ---------------------------------------------------------------------------
// Timestamps (lib/ipmi_time.c): "%x" and "%X %Z"; stamps before BMC initialisation count
// seconds since the BMC started and are printed from gmtime ("S+ %y/%j", "... GMT").

const p2 = (n: number): string => String(n).padStart(2, '0');

function initParts(stamp: number): { yj: string; hms: string } {
  const d = new Date(stamp * 1000);
  const yday = Math.floor((stamp - Date.UTC(d.getUTCFullYear(), 0, 1) / 1000) / 86400) + 1;
  return {
    yj: `${p2(d.getUTCFullYear() % 100)}/${String(yday).padStart(3, '0')}`,
    hms: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
  };
}

const isPreInit = (stamp: number): boolean => stamp >>> 0 < IPMI_TIME_INIT_DONE;

/** ipmi_timestamp_date. */
export function selDate(stamp: number, o: RenderOptions): string {
  if (stamp >>> 0 !== IPMI_TIME_UNSPECIFIED && isPreInit(stamp)) return `S+ ${initParts(stamp).yj}`;
  return timestampFormat(stamp, '%x', { utc: o.utc });
}

/** ipmi_timestamp_time. */
export function selTime(stamp: number, o: RenderOptions): string {
  if (stamp >>> 0 !== IPMI_TIME_UNSPECIFIED && isPreInit(stamp)) return `${initParts(stamp).hms} GMT`;
  return timestampFormat(stamp, '%X %Z', { utc: o.utc });
}

// ---------------------------------------------------------------------------
// One record per line (ipmi_sel_print_std_entry), text and -c.

/** The manufacturer ID as ipmitool prints it: most significant byte first. */
const manufacturerHex = (id: number): string => hex2((id >> 16) & 0xff) + hex2((id >> 8) & 0xff) + hex2(id & 0xff);

/** Record type F0h: ipmitool prints bytes 5-15 as a Linux kernel panic string ("%.11s"). */
function panicString(r: SelRecord): string {
  const b = r.raw.subarray(5, 16);
  const end = b.indexOf(0);
  return b.subarray(0, end < 0 ? b.length : end).toString('latin1');
}

/** The sensor column: "<type> <SDR name>" with an SDR, else "<type>[ #0xNN]". */
function sensorColumn(e: SelEntry, r: SystemEventRecord): string {
  if (e.sensor) return `${e.sensorTypeName} ${e.sensor.name}`;
  return r.sensorNumber !== 0 ? `${e.sensorTypeName} #0x${hex2(r.sensorNumber)}` : `${e.sensorTypeName}`;
}

/** " | Reading 96 > Threshold 95 degrees C": float values, 0 or 2 decimals (ipmitool's float trigger_reading). */
function readingColumn(e: SelEntry, r: SystemEventRecord): string | undefined {
  const t = e.threshold;
  if (!t) return undefined;
  const trigger = Math.fround(t.trigger);
  let s = `Reading ${cFixedOrWhole(trigger, 2)}`;
  if (t.threshold !== undefined) {
    // Odd offsets are "going high" (Table 42-2); a deassertion inverts the comparison.
    let high = (r.eventData[0] & 0x0f) % 2 === 1;
    if (r.deassertion) high = !high;
    s += ` ${high ? '>' : '<'} Threshold ${cFixedOrWhole(Math.fround(t.threshold), 2)} ${t.units}`;
  }
  return s;
}

export function entryLine(e: SelEntry, csv: boolean, o: RenderOptions): string {
  const r = e.record;
  const sep = csv ? ',' : ' | ';
  let s = csv ? `${r.recordId.toString(16)},` : `${r.recordId.toString(16).padStart(4)} | `;
  if (r.recordType === 0xf0) return `${s}${csv ? ',,' : ''}Linux kernel panic: ${panicString(r)}\n`;
  if (r.kind !== 'oem') {
    if (isPreInit(r.timestamp)) {
      s += ` Pre-Init ${csv ? ',' : ' |'}${String(r.timestamp).padStart(10, '0')}${csv ? ',' : '| '}`;
    } else {
      s += `${selDate(r.timestamp, o)}${sep}${selTime(r.timestamp, o)}${sep}`;
    }
  } else if (csv) s += ',,';
  if (r.kind === 'oem-timestamped') return `${s}OEM record ${hex2(r.recordType)}${sep}${manufacturerHex(r.manufacturerId)}${sep}${hex(r.oemData)}\n`;
  if (r.kind === 'oem') return `${s}OEM record ${hex2(r.recordType)}${sep}${hex(r.oemData)}\n`;
  s += `${sensorColumn(e, r)}${sep}${e.description ?? ''}${sep}${r.deassertion ? 'Deasserted' : 'Asserted'}`;
  const reading = readingColumn(e, r);
  if (reading !== undefined) s += `${sep}${reading}`;
  else if (e.memory) s += `${sep}CPU ${e.memory.cpu} DIMM ${e.memory.dimm}`;
  return `${s}\n`;
}

// ---------------------------------------------------------------------------
// -v: one block per record (ipmi_sel_print_std_entry_verbose / _extended_entry_verbose).

/** ipmitool's hex2ascii: bytes outside 40h-7Eh become '.'. */
const printable = (b: Buffer): string => [...b].map((c) => (c < 0x40 || c > 0x7e ? '.' : String.fromCharCode(c))).join('');

const hex3 = (d: readonly number[]): string => d.map(hex2).join('');

/**
 * The Timestamp line. ipmitool 1.8.19 prints the date twice (both helpers share one static
 * buffer, issue #398); ipmits prints the date and the time.
 */
const timestampLine = (stamp: number, o: RenderOptions): string => ` Timestamp             : ${selDate(stamp, o)} ${selTime(stamp, o)}\n`;

function systemHeader(e: SelEntry, r: SystemEventRecord): string {
  return (
    ` Generator ID          : ${r.generatorId.toString(16).padStart(4, '0')}\n` +
    ` EvM Revision          : ${hex2(r.evmRevision)}\n` +
    ` Sensor Type           : ${e.sensorTypeName}\n` +
    ` Sensor Number         : ${hex2(r.sensorNumber)}\n` +
    ` Event Type            : ${eventTypeName(r.eventType)}\n` +
    ` Event Direction       : ${r.deassertion ? 'Deassertion Event' : 'Assertion Event'}\n`
  );
}

/** `-v sel list`: no SDR lookup. */
export function entryVerbose(e: SelEntry, o: RenderOptions): string {
  const r = e.record;
  let s = `SEL Record ID          : ${r.recordId.toString(16).padStart(4, '0')}\n`;
  if (r.recordType === 0xf0) {
    return `${s} Record Type           : Linux kernel panic (OEM record f0)\n Panic string          : ${panicString(r)}\n\n`;
  }
  s += ` Record Type           : ${hex2(r.recordType)}${r.kind === 'oem-timestamped' ? '  (OEM timestamped)' : r.kind === 'oem' ? '  (OEM non-timestamped)' : ''}\n`;
  if (r.kind !== 'oem') s += timestampLine(r.timestamp, o);
  if (r.kind === 'oem-timestamped') {
    return `${s} Manufactacturer ID    : ${manufacturerHex(r.manufacturerId)}\n OEM Defined           : ${hex(r.oemData)} [${printable(r.oemData)}]\n\n`;
  }
  if (r.kind === 'oem') return `${s} OEM Defined           : ${hex(r.oemData)} [${printable(r.oemData)}]\n\n`;
  return `${s}${systemHeader(e, r)} Event Data            : ${hex3(r.eventData)}\n Description           : ${e.description ?? ''}\n\n`;
}

/** The meaning of event data 2 or 3 for threshold events (§29.7 Table 29-6). */
function thresholdDataLines(e: SelEntry, r: SystemEventRecord): string {
  const [d1, d2, d3] = r.eventData;
  const t = e.threshold;
  const value = (label: string, v: number | undefined): string => ` ${label}: ${cFixed(v ?? 0, 3)}${t?.units ?? ''}\n`;
  const line = (code: number, byte: number, label: string, v: number | undefined): string => {
    switch (code) {
      case 1:
        return value(label, v);
      case 2:
        return ` OEM Data              : ${hex2(byte)}\n`;
      case 3:
        return ` Sensor Extension Code : ${hex2(byte)}\n`;
      default:
        return '';
    }
  };
  return line((d1 >> 6) & 3, d2, 'Trigger Reading       ', t?.trigger) + line((d1 >> 4) & 3, d3, 'Trigger Threshold     ', t?.threshold);
}

/** `sel get`, `-v event`: with the sensor's SDR when there is one (without, the plain -v block). */
export function entryExtendedVerbose(e: SelEntry, o: RenderOptions): string {
  const r = e.record;
  if (!e.sensor || r.kind !== 'system') return entryVerbose(e, o);
  let s =
    `SEL Record ID          : ${r.recordId.toString(16).padStart(4, '0')}\n` +
    ` Record Type           : ${hex2(r.recordType)}\n` +
    timestampLine(r.timestamp, o) +
    `${systemHeader(e, r)} Event Data (RAW)      : ${hex3(r.eventData)}\n`;
  const t = r.eventType;
  if (t === 0x01 && e.sensor.recordType === FULL_SENSOR_RECORD) s += thresholdDataLines(e, r);
  else if (t >= 0x02 && t <= 0x0c) {
    // generic discrete: nothing more
  } else if (t === 0x6f) {
    if (e.memory) s += ` Event Data            : CPU ${e.memory.cpu} DIMM ${e.memory.dimm}\n`;
    else if (!(r.sensorType === 0x2b && r.eventData[0] === 0xc1)) s += ' Event Interpretation  : Missing\n';
  } else if (!(t >= 0x70 && t <= 0x7f)) s += ` Event Data            : ${hex3(r.eventData)}\n`;
  return `${s} Description           : ${e.description ?? ''}\n\n`;
}

// ---------------------------------------------------------------------------
// JSON

export const isoOf = (stamp: number): string | null =>
  stamp >>> 0 === IPMI_TIME_UNSPECIFIED || isPreInit(stamp) ? null : new Date(stamp * 1000).toISOString().replace('.000Z', 'Z');

export function entryJson(e: SelEntry): Record<string, unknown> {
  const r = e.record;
  const sys = r.kind === 'system' ? r : undefined;
  const stamped = r.kind !== 'oem' ? r.timestamp : undefined;
  return {
    id: r.recordId,
    recordType: r.recordType,
    kind: r.kind,
    timestamp: stamped === undefined ? null : isoOf(stamped),
    timestampSec: stamped ?? null,
    preInit: stamped !== undefined && isPreInit(stamped),
    generatorId: sys ? sys.generatorId : null,
    evmRevision: sys ? sys.evmRevision : null,
    sensorType: sys ? sys.sensorType : null,
    sensorTypeName: e.sensorTypeName ?? null,
    sensorNumber: sys ? sys.sensorNumber : null,
    sensorName: e.sensor?.name ?? null,
    eventType: sys ? sys.eventType : null,
    eventTypeName: sys ? eventTypeName(sys.eventType) : null,
    direction: sys ? (sys.deassertion ? 'deasserted' : 'asserted') : null,
    event: r.recordType === 0xf0 ? `Linux kernel panic: ${panicString(r)}` : (e.description?.trimEnd() ?? null),
    eventData: sys ? hex3(sys.eventData) : null,
    reading: e.threshold
      ? { trigger: e.threshold.triggerGiven ? e.threshold.trigger : null, threshold: e.threshold.threshold ?? null, units: e.threshold.units }
      : null,
    memory: e.memory ?? null,
    manufacturerId: r.kind === 'oem-timestamped' ? r.manufacturerId : null,
    oemData: r.kind === 'system' ? null : hex(r.oemData),
    raw: hex(r.raw),
  };
}

/** --table: one row per record, the columns a reader scans (the JSON has every field). */
export function entriesTable(entries: readonly SelEntry[], o: RenderOptions): TableSpec[] {
  const rows = entries.map((e) => {
    const r = e.record;
    const when = r.kind === 'oem' ? '' : isPreInit(r.timestamp) ? `Pre-Init ${r.timestamp}` : `${selDate(r.timestamp, o)} ${selTime(r.timestamp, o)}`;
    if (r.kind !== 'system') {
      const data = r.kind === 'oem-timestamped' ? `${manufacturerHex(r.manufacturerId)} ${hex(r.oemData)}` : hex(r.oemData);
      return [
        r.recordId.toString(16),
        when,
        `OEM record ${hex2(r.recordType)}`,
        r.recordType === 0xf0 ? `Linux kernel panic: ${panicString(r)}` : data,
        '',
        '',
      ];
    }
    const line = entryLine(e, true, o).trimEnd().split(',');
    return [
      r.recordId.toString(16),
      when,
      sensorColumn(e, r),
      (e.description ?? '').trimEnd(),
      r.deassertion ? 'Deasserted' : 'Asserted',
      line.length > 6 ? line.slice(6).join(',') : '',
    ];
  });
  return [{ head: ['ID', 'Time', 'Sensor', 'Event', 'Direction', 'Detail'], rows }];
}
