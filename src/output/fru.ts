/**
 * fru: ipmitool 1.8.19's text (lib/ipmi_fru.c: ipmi_fru_print_all, fru_area_print_*,
 * ipmi_fru_read_to_bin, ipmi_fru_write_from_bin) and the --json documents (docs/json.md).
 */
import type { FruDeviceView, FruPrint } from '../commands/fru/print.js';
import type { FruTransfer } from '../commands/fru/transfer.js';
import type { FruEdit } from '../commands/fru/edit.js';
import type { FruField, FruInventory, MultiRecord } from '../fru/parse.js';
import type { MultiRecordData } from '../fru/multirecord.js';
import { chassisTypeName, COMBINED_VOLTAGES, FRU_EPOCH_SECONDS, IANA_PICMG, multiRecordTypeName } from '../spec/fru.js';
import { unknownName } from '../spec/oem-products.js';
import { timestampFormat } from '../format/ipmi-time.js';
import { defineRenderers, type RenderOptions, type TableSpec } from './types.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** §11 Table 11-1: minutes since 1996-01-01 00:00 UTC, 0 = unspecified. */
export const mfgDateSeconds = (minutes: number): number | undefined => (minutes === 0 ? undefined : minutes * 60 + FRU_EPOCH_SECONDS);

/** ipmitool's ipmi_timestamp_string: strftime("%c %Z") in the C locale ("Thu Jun  1 10:00:00 2023 UTC"). */
export function mfgDateText(minutes: number, o: Pick<RenderOptions, 'utc'>): string {
  const s = mfgDateSeconds(minutes);
  if (s === undefined) return 'Unspecified';
  // The parts in the process's zone (or UTC with -Z); FRU dates lie in 1996-2027, so %y tells the century.
  const [md, time, zone] = timestampFormat(s, '%x|%X|%Z', { utc: o.utc }).split('|') as [string, string, string];
  const [mm, dd, yy] = md.split('/').map(Number) as [number, number, number];
  const year = yy >= 96 ? 1900 + yy : 2000 + yy;
  const wday = new Date(Date.UTC(year, mm - 1, dd)).getUTCDay();
  return `${DAYS[wday]} ${MONTHS[mm - 1]} ${String(dd).padStart(2, ' ')} ${time} ${year} ${zone}`;
}

const line = (label: string, value: string): string => ` ${label.padEnd(22)}: ${value}\n`;
const fieldLine = (label: string, f: FruField | undefined): string => (f?.text ? line(label, f.text) : '');

function areasText(inv: FruInventory, o: RenderOptions, names: Readonly<Record<number, string>>): string {
  let s = '';
  const c = inv.chassis;
  if (c) {
    s += line('Chassis Type', chassisTypeName(c.type));
    s += fieldLine('Chassis Part Number', c.partNumber) + fieldLine('Chassis Serial', c.serialNumber);
    for (const f of c.custom) s += fieldLine('Chassis Extra', f);
  }
  const b = inv.board;
  if (b) {
    s += line('Board Mfg Date', mfgDateText(b.mfgDateMinutes, o));
    s += fieldLine('Board Mfg', b.manufacturer) + fieldLine('Board Product', b.productName) + fieldLine('Board Serial', b.serialNumber);
    s += fieldLine('Board Part Number', b.partNumber);
    if (o.verbose > 0) s += fieldLine('Board FRU ID', b.fruFileId);
    for (const f of b.custom) s += fieldLine('Board Extra', f);
  }
  const p = inv.product;
  if (p) {
    s += fieldLine('Product Manufacturer', p.manufacturer) + fieldLine('Product Name', p.productName);
    s += fieldLine('Product Part Number', p.partNumber) + fieldLine('Product Version', p.productVersion);
    s += fieldLine('Product Serial', p.serialNumber) + fieldLine('Product Asset Tag', p.assetTag);
    if (o.verbose > 0) s += fieldLine('Product FRU ID', p.fruFileId);
    for (const f of p.custom) s += fieldLine('Product Extra', f);
  }
  // ipmitool decodes the multi-record area only with -v.
  if (o.verbose > 0) for (const r of inv.multiRecords) s += multiRecordText(r, names);
  return s;
}

const kv = (label: string, value: string): string => `  ${label.padEnd(27)}: ${value}\n`;
const fixed = (v: number, div: number, digits: number): string => (v / div).toFixed(digits);
const volts = (v: number): string => `${fixed(v, 100, 2)} V`;
const amps = (v: number): string => `${fixed(v, 1000, 3)} A`;
const block = (title: string, rows: [string, string][]): string => `${title}\n${rows.map(([l, v]) => kv(l, v)).join('')}`;
const combined = (v: number): string => COMBINED_VOLTAGES[v] ?? 'Unknown';

/** fru_area_print_multirec: power supply, DC output, DC load and OEM records; other types print nothing. */
function multiRecordText(r: MultiRecord, names: Readonly<Record<number, string>>): string {
  const d = r.decoded;
  if (!d) return '';
  switch (d.kind) {
    case 'powerSupply': {
      const tach = d.predictiveFail
        ? d.rpsThreshold
          ? d.tachPulses
            ? "'Two pulses per rotation'"
            : "'One pulse per rotation'"
          : d.tachPulses
            ? "'Failure on pin de-assertion'"
            : "'Failure on pin assertion'"
        : '';
      const flags =
        (d.predictiveFail ? "'Predictive fail' " : '') +
        (d.powerFactorCorrection ? "'Power factor correction' " : '') +
        (d.autoswitch ? "'Autoswitch voltage' " : '') +
        (d.hotSwap ? "'Hot swap' " : '') +
        tach;
      return (
        ' Power Supply Record\n' +
        kv('Capacity', `${d.capacity} W`) +
        kv('Peak VA', `${d.peakVa} VA`) +
        kv('Inrush Current', `${d.inrushCurrent} A`) +
        kv('Inrush Interval', `${d.inrushIntervalMs} ms`) +
        kv('Input Voltage Range 1', `${Math.trunc(d.lowInput1 / 100)}-${Math.trunc(d.highInput1 / 100)} V`) +
        kv('Input Voltage Range 2', `${Math.trunc(d.lowInput2 / 100)}-${Math.trunc(d.highInput2 / 100)} V`) +
        kv('Input Frequency Range', `${d.lowFrequency}-${d.highFrequency} Hz`) +
        kv('A/C Dropout Tolerance', `${d.dropoutToleranceMs} ms`) +
        kv('Flags', flags) +
        kv('Peak capacity', `${d.peakCapacity} W`) +
        kv('Peak capacity holdup', `${d.peakHoldUpSeconds} s`) +
        (d.combinedCapacity === 0
          ? kv('Combined capacity', 'not specified')
          : kv('Combined capacity', `${d.combinedCapacity} W (${combined(d.combinedVoltage1)} and ${combined(d.combinedVoltage2)})`)) +
        (d.predictiveFail ? kv('Fan lower threshold', `${d.rpsThreshold} RPS`) : '')
      );
    }
    case 'dcOutput':
      return block(' DC Output Record', [
        ['Output Number', String(d.outputNumber)],
        ['Standby power', d.standby ? 'Yes' : 'No'],
        ['Nominal voltage', volts(d.nominalVoltage)],
        ['Max negative deviation', volts(d.maxNegativeDeviation)],
        ['Max positive deviation', volts(d.maxPositiveDeviation)],
        ['Ripple and noise pk-pk', `${d.rippleNoiseMv} mV`],
        ['Minimum current draw', amps(d.minCurrent)],
        ['Maximum current draw', amps(d.maxCurrent)],
      ]);
    case 'dcLoad':
      return block(' DC Load Record', [
        ['Output Number', String(d.outputNumber)],
        ['Nominal voltage', volts(d.nominalVoltage)],
        ['Min voltage allowed', volts(d.minVoltage)],
        ['Max voltage allowed', volts(d.maxVoltage)],
        ['Ripple and noise pk-pk', `${d.rippleNoiseMv} mV`],
        ['Minimum current load', amps(d.minCurrent)],
        ['Maximum current load', amps(d.maxCurrent)],
      ]);
    case 'oem':
      // PICMG records are decoded by ipmitool in detail; ipmits prints the heading only (docs/compatibility.md).
      if (d.manufacturerId === IANA_PICMG) return '  PICMG Extension Record\n';
      return `  OEM (${names[d.manufacturerId] ?? unknownName(d.manufacturerId)}) Record\n`;
    default:
      return '';
  }
}

function deviceText(d: FruDeviceView, all: boolean, o: RenderOptions, names: Readonly<Record<number, string>>): string {
  let s = all && d.description !== undefined ? `FRU Device Description : ${d.description}\n` : '';
  switch (d.status) {
    case 'skipped':
      return s;
    case 'absent':
      s += ` Device not present (${d.reason})\n`;
      break;
    case 'unsupported':
      s += ` ${d.reason}\n`;
      break;
    case 'ok':
      s += areasText(d.inventory!, o, names);
      break;
    default:
      break;
  }
  return all ? `${s}\n` : s;
}

function printText(p: FruPrint, o: RenderOptions): string {
  return p.devices.map((d) => deviceText(d, p.all, o, p.manufacturerNames)).join('');
}

// ---------------------------------------------------------------------------
// JSON (docs/json.md "fru")

const fieldJson = (f: FruField | undefined): unknown => (f ? { value: f.value, encoding: f.encoding, raw: f.raw.toString('hex') } : null);

function multiRecordJson(r: MultiRecord, names: Readonly<Record<number, string>>): unknown {
  return {
    offset: r.offset,
    type: r.type,
    typeName: multiRecordTypeName(r.type),
    formatVersion: r.formatVersion,
    endOfList: r.endOfList,
    length: r.length,
    headerChecksumOk: r.headerChecksumOk,
    dataChecksumOk: r.dataChecksumOk ?? null,
    data: r.data.toString('hex'),
    decoded: r.decoded ? decodedJson(r.decoded, names) : null,
  };
}

function decodedJson(d: MultiRecordData, names: Readonly<Record<number, string>>): unknown {
  switch (d.kind) {
    case 'oem':
      return { kind: d.kind, manufacturerId: d.manufacturerId, manufacturerName: names[d.manufacturerId] ?? null, data: d.data.toString('hex') };
    case 'compatibility':
      return { ...d, codeRangeMask: d.codeRangeMask.toString('hex') };
    case 'powerSupply':
      return {
        ...d,
        inputVoltageRange1: [d.lowInput1 / 100, d.highInput1 / 100],
        inputVoltageRange2: [d.lowInput2 / 100, d.highInput2 / 100],
        combinedVoltage1Name: d.combinedCapacity ? (COMBINED_VOLTAGES[d.combinedVoltage1] ?? null) : null,
        combinedVoltage2Name: d.combinedCapacity ? (COMBINED_VOLTAGES[d.combinedVoltage2] ?? null) : null,
      };
    default:
      return d;
  }
}

function area<A extends { offset: number; length: number; version: number; checksumOk: boolean | undefined; custom: FruField[] }>(
  a: A | undefined,
  rest: (a: A) => Record<string, unknown>,
): unknown {
  if (!a) return null;
  return { offset: a.offset, length: a.length, version: a.version, checksumOk: a.checksumOk ?? null, ...rest(a), custom: a.custom.map(fieldJson) };
}

export function inventoryJson(inv: FruInventory, names: Readonly<Record<number, string>> = {}): Record<string, unknown> {
  const h = inv.header;
  return {
    header: h
      ? {
          version: h.version,
          checksumOk: h.checksumOk,
          offsets: { internalUse: h.internalUse, chassis: h.chassis, board: h.board, product: h.product, multiRecord: h.multiRecord },
        }
      : null,
    internalUse: inv.internalUse ? { offset: inv.internalUse.offset, version: inv.internalUse.version, data: inv.internalUse.data.toString('hex') } : null,
    chassis: area(inv.chassis, (c) => ({
      type: c.type,
      typeName: chassisTypeName(c.type),
      partNumber: fieldJson(c.partNumber),
      serialNumber: fieldJson(c.serialNumber),
    })),
    board: area(inv.board, (b) => {
      const s = mfgDateSeconds(b.mfgDateMinutes);
      return {
        language: b.language,
        mfgDate: s === undefined ? null : new Date(s * 1000).toISOString(),
        mfgDateMinutes: b.mfgDateMinutes,
        manufacturer: fieldJson(b.manufacturer),
        productName: fieldJson(b.productName),
        serialNumber: fieldJson(b.serialNumber),
        partNumber: fieldJson(b.partNumber),
        fruFileId: fieldJson(b.fruFileId),
      };
    }),
    product: area(inv.product, (p) => ({
      language: p.language,
      manufacturer: fieldJson(p.manufacturer),
      productName: fieldJson(p.productName),
      partNumber: fieldJson(p.partNumber),
      version: fieldJson(p.productVersion),
      serialNumber: fieldJson(p.serialNumber),
      assetTag: fieldJson(p.assetTag),
      fruFileId: fieldJson(p.fruFileId),
    })),
    multiRecords: inv.multiRecords.map((r) => multiRecordJson(r, names)),
    problems: inv.problems,
  };
}

function deviceJson(d: FruDeviceView, names: Readonly<Record<number, string>>): unknown {
  return {
    id: d.id,
    description: d.description ?? null,
    source: d.source,
    locator: d.locator ?? null,
    status: d.status,
    reason: d.reason?.trim() ?? null,
    size: d.size ?? null,
    access: d.byWords === undefined ? null : d.byWords ? 'words' : 'bytes',
    ...(d.inventory ? inventoryJson(d.inventory, names) : {}),
  };
}

function printTable(p: FruPrint): TableSpec[] {
  const out: TableSpec[] = [];
  for (const d of p.devices) {
    const rows: string[][] = [];
    const add = (a: string, f: string, v: string | undefined): void => {
      if (v) rows.push([a, f, v]);
    };
    const inv = d.inventory;
    if (d.status !== 'ok' || !inv) add('', 'status', `${d.status}${d.reason ? `: ${d.reason.trim()}` : ''}`);
    if (inv?.chassis) {
      const c = inv.chassis;
      add('chassis', 'type', chassisTypeName(c.type));
      add('chassis', 'part number', c.partNumber?.value);
      add('chassis', 'serial number', c.serialNumber?.value);
      for (const f of c.custom) add('chassis', 'extra', f.value);
    }
    if (inv?.board) {
      const b = inv.board;
      const s = mfgDateSeconds(b.mfgDateMinutes);
      add('board', 'mfg date', s === undefined ? 'unspecified' : new Date(s * 1000).toISOString());
      add('board', 'manufacturer', b.manufacturer?.value);
      add('board', 'product', b.productName?.value);
      add('board', 'serial number', b.serialNumber?.value);
      add('board', 'part number', b.partNumber?.value);
      add('board', 'FRU file ID', b.fruFileId?.value);
      for (const f of b.custom) add('board', 'extra', f.value);
    }
    if (inv?.product) {
      const q = inv.product;
      add('product', 'manufacturer', q.manufacturer?.value);
      add('product', 'name', q.productName?.value);
      add('product', 'part number', q.partNumber?.value);
      add('product', 'version', q.productVersion?.value);
      add('product', 'serial number', q.serialNumber?.value);
      add('product', 'asset tag', q.assetTag?.value);
      add('product', 'FRU file ID', q.fruFileId?.value);
      for (const f of q.custom) add('product', 'extra', f.value);
    }
    for (const r of inv?.multiRecords ?? []) add('multi-record', multiRecordTypeName(r.type), `${r.length} bytes at offset ${r.offset}`);
    for (const pr of inv?.problems ?? []) add('problem', '', pr);
    out.push({ title: `FRU ${d.id}${d.description ? `: ${d.description}` : ''}`, head: ['area', 'field', 'value'], rows });
  }
  return out;
}

// ---------------------------------------------------------------------------
// read / write

function transferHead(t: FruTransfer, o: RenderOptions): string {
  let s = o.verbose > 0 ? `FRU ID           : ${t.id}\nFRU File         : ${t.file}\n` : '';
  if (t.size !== undefined && o.verbose > 0) s += `Fru Size   = ${t.size} bytes\nFru Access = ${t.byWords ? 1 : 0}h\n`;
  if (t.size !== undefined) s += `Fru Size         : ${t.size} bytes\n`;
  return s;
}

const transferJson = (t: FruTransfer): unknown => ({
  id: t.id,
  file: t.file,
  size: t.size ?? null,
  access: t.byWords === undefined ? null : t.byWords ? 'words' : 'bytes',
  ...(t.written !== undefined ? { written: t.written } : {}),
  done: t.done,
});

export const renderers = defineRenderers({
  'fru.print': {
    text: printText,
    json: (p: FruPrint) => p.devices.map((d) => deviceJson(d, p.manufacturerNames)),
    table: printTable,
  },
  'fru.read': {
    text: (t: FruTransfer, o: RenderOptions) => transferHead(t, o) + (t.done ? 'Done\n' : ''),
    json: transferJson,
  },
  'fru.edit': {
    text: (e: FruEdit, o: RenderOptions) => {
      let s = o.verbose > 0 ? `FRU ID           : ${e.id}\n` : '';
      if (e.refused !== undefined) return `${s}${e.refused}\n`;
      if (e.old === undefined) return s;
      s += e.resized ? 'String size are not equal, resizing fru to fit new string\n' : `Updating Field '${e.old}' with '${e.value}' ...\n`;
      return s;
    },
    json: (e: FruEdit) => ({
      id: e.id,
      section: e.section,
      index: e.index,
      value: e.value,
      old: e.old ?? null,
      resized: e.resized ?? null,
      refused: e.refused?.trim() ?? null,
      done: e.done,
    }),
  },
  'fru.write': {
    text: (t: FruTransfer, o: RenderOptions) => transferHead(t, o) + (t.written !== undefined ? `Size to Write    : ${t.written} bytes\n` : ''),
    json: transferJson,
  },
});
