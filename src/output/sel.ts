/**
 * sel: the views of its verbs and their renderers: ipmitool 1.8.19's text (lib/ipmi_sel.c),
 * its -c form, and the --json documents (docs/json.md). One entry's lines are in sel-entry.ts.
 */
import type { SelInfo } from '../ipmi/cmds/storage/get-sel-info.js';
import type { SelAddView, SelDeleteView, SelFileView, SelGetView, SelInfoView, SelListView, SelTimeView } from '../commands/sel/data.js';
import type { EventOnlyRecord } from '../sdr/index.js';
import { entityName } from '../spec/entity-ids.js';
import { sensorTypeName } from '../spec/sensor-events.js';
import { renderers as fruRenderers } from './fru.js';
import { sensorFc } from './sensor.js';
import { timestampNumeric } from '../format/ipmi-time.js';
import { defineRenderers, type RenderOptions } from './types.js';
import { entriesTable, entryExtendedVerbose, entryJson, entryLine, entryVerbose, isoOf } from './sel-entry.js';
import { hex2 } from '../format/c-printf.js';

// ---------------------------------------------------------------------------
// sel info

const SUPPORTED_CMDS: readonly [number, string][] = [
  [0x08, 'Delete'],
  [0x04, 'Partial Add'],
  [0x02, 'Reserve'],
  [0x01, 'Get Alloc Info'],
];

/** Percent used: ipmitool's estimate from entries*16 and free bytes; "unknown" when free space is 65535 or more. */
function percentUsed(i: SelInfo): number | undefined {
  // ipmitool multiplies in 16 bits: 4096 entries and more wrap around.
  const used = (i.entries * 16) & 0xffff;
  const total = i.freeBytes + used;
  if (total >= 65535) return undefined;
  return i.entries ? Math.trunc(100 * (used / total)) : 0;
}

const addDelTime = (t: number, o: RenderOptions): string => (t === 0xffffffff || t === 0 ? 'Not Available' : timestampNumeric(t, { utc: o.utc }));

function infoText(v: SelInfoView, o: RenderOptions): string {
  const i = v.info;
  const pct = percentUsed(i);
  const cmds = SUPPORTED_CMDS.filter(([m]) => i.operationSupport & m).map(([, n]) => `'${n}' `);
  let s =
    'SEL Information\n' +
    `Version          : ${i.version & 0xf}.${(i.version >> 4) & 0xf} (${i.version === 0x51 || i.version === 0x02 ? 'v1.5, v2 compliant' : 'Unknown'})\n` +
    `Entries          : ${i.entries}\n` +
    `Free Space       : ${i.freeBytes} bytes ${i.freeBytes === 65535 ? 'or more' : ''}\n` +
    `Percent Used     : ${pct === undefined ? 'unknown' : `${pct}%`}\n` +
    `Last Add Time    : ${addDelTime(i.lastAddTime, o)}\n` +
    `Last Del Time    : ${addDelTime(i.lastEraseTime, o)}\n` +
    `Overflow         : ${i.operationSupport & 0x80 ? 'true' : 'false'}\n` +
    `Supported Cmds   : ${cmds.length ? cmds.join('') : 'None'}\n`;
  if (v.alloc) {
    const a = v.alloc;
    s +=
      `# of Alloc Units : ${a.allocationUnits}\n` +
      `Alloc Unit Size  : ${a.unitSize}\n` +
      `# Free Units     : ${a.freeUnits}\n` +
      `Largest Free Blk : ${a.largestFreeBlock}\n` +
      `Max Record Size  : ${a.maxRecordSize}\n`;
  }
  return s;
}

const isoOrNull = (t: number): string | null => (t === 0xffffffff || t === 0 ? null : isoOf(t));

function infoJson(v: SelInfoView): unknown {
  const i = v.info;
  return {
    version: `${i.version & 0xf}.${(i.version >> 4) & 0xf}`,
    entries: i.entries,
    freeBytes: i.freeBytes,
    freeBytesOrMore: i.freeBytes === 65535,
    percentUsed: percentUsed(i) ?? null,
    lastAddTime: isoOrNull(i.lastAddTime),
    lastAddTimeSec: i.lastAddTime === 0xffffffff || i.lastAddTime === 0 ? null : i.lastAddTime,
    lastDeleteTime: isoOrNull(i.lastEraseTime),
    lastDeleteTimeSec: i.lastEraseTime === 0xffffffff || i.lastEraseTime === 0 ? null : i.lastEraseTime,
    overflow: (i.operationSupport & 0x80) !== 0,
    supportedCommands: SUPPORTED_CMDS.filter(([m]) => i.operationSupport & m).map(([, n]) => n),
    allocation: v.alloc ?? null,
  };
}

// ---------------------------------------------------------------------------
// Lists and the other verbs

export function listText(v: SelListView, o: RenderOptions): string {
  return v.entries.map((e) => (o.verbose > 0 ? entryVerbose(e, o) : entryLine(e, false, o))).join('');
}

export function listCsv(v: SelListView, o: RenderOptions): string {
  return v.entries.map((e) => (o.verbose > 0 ? entryVerbose(e, o) : entryLine(e, true, o))).join('');
}

const listJson = (v: SelListView): unknown => ({ entries: v.entries.map(entryJson) });

/** ipmi_sdr_print_sensor_eventonly with verbose set. */
const eventOnlyText = (r: EventOnlyRecord): string =>
  `Sensor ID              : ${r.name} (0x${r.sensorNumber.toString(16)})\n` +
  `Entity ID              : ${r.entity.id}.${r.entity.instance} (${entityName(r.entity.id)})\n` +
  `Sensor Type            : ${sensorTypeName(r.sensorType)} (0x${hex2(r.sensorType)})\n\n`;

function getText(v: SelGetView, o: RenderOptions, csv = false): string {
  return v.items
    .map((it) => {
      let s = entryExtendedVerbose(it.entry, o);
      // ipmitool prints the sensor with verbose set, as one CSV line under -c.
      if (it.sensor) s += sensorFc(it.sensor, csv, true);
      if (it.eventOnly) s += eventOnlyText(it.eventOnly);
      if (it.frus.length) s += fruRenderers['fru.print'].text({ all: true, devices: it.frus, manufacturerNames: {} }, o);
      return it.separator ? `${s}----------------------\n\n` : s;
    })
    .join('');
}

const fileRenderer = {
  text: listText,
  csv: listCsv,
  table: (v: SelFileView, o: RenderOptions) => entriesTable(v.entries, o),
  json: (v: SelFileView) => ({ file: v.file, entries: v.entries.map(entryJson) }),
};

export const renderers = defineRenderers({
  'sel.info': { text: infoText, json: infoJson },
  'sel.list': { text: listText, csv: listCsv, json: listJson, table: (v: SelListView, o: RenderOptions) => entriesTable(v.entries, o) },
  'sel.save': fileRenderer,
  'sel.writeraw': fileRenderer,
  'sel.readraw': fileRenderer,
  'sel.get': {
    text: (v: SelGetView, o: RenderOptions) => getText(v, o),
    csv: (v: SelGetView, o: RenderOptions) => getText(v, o, true),
    json: (v: SelGetView) => ({ entries: v.items.map((it) => entryJson(it.entry)) }),
    table: (v: SelGetView, o: RenderOptions) =>
      entriesTable(
        v.items.map((it) => it.entry),
        o,
      ),
  },
  /** A line ipmitool prints on stdout without a newline (Reserve SEL refused). */
  'sel.stdout': { text: (v: { text: string }) => v.text, json: (v: { text: string }) => ({ message: v.text }) },
  'sel.add': {
    text: listText,
    csv: listCsv,
    json: (v: SelAddView) => ({ file: v.file, added: v.added, entries: v.entries.map(entryJson) }),
    table: (v: SelAddView, o: RenderOptions) => entriesTable(v.entries, o),
  },
  'sel.clear': {
    text: () => 'Clearing SEL.  Please allow a few seconds to erase.\n',
    json: (v: { completed: boolean | null }) => ({ cleared: true, completed: v.completed }),
  },
  'sel.delete': {
    text: (v: SelDeleteView) => v.deleted.map((id) => `Deleted entry ${id}\n`).join(''),
    json: (v: SelDeleteView) => ({ deleted: v.deleted, failed: v.failed }),
  },
  'sel.time': {
    text: (v: SelTimeView, o: RenderOptions) => `${timestampNumeric(v.seconds, { utc: o.utc })}\n`,
    json: (v: SelTimeView) => ({ time: isoOf(v.seconds), timeSec: v.seconds, ...(v.set !== undefined ? { setSec: v.set } : {}) }),
  },
});
