/**
 * sdr: ipmitool 1.8.19's text (lib/ipmi_sdr.c, Debian 1.8.19-4 patches: the `sdr list` value of a
 * discrete sensor is its state byte), its -c form, and the --json documents (docs/json.md).
 */
import type { SdrInfoView, SdrListData, SdrRow, SdrTableData, SdrDumpData, SdrCacheClearData } from '../commands/sdr/data.js';
import type { SensorData } from '../sdr/index.js';
import type { EventOnlyRecord, FruLocatorRecord, GenericLocatorRecord, McLocatorRecord, SdrRecord } from '../sdr/records.js';
import { unitsAreDiscrete } from '../sdr/records.js';
import { deviceTypeName, entityName } from '../spec/entity-ids.js';
import { sensorTypeName } from '../spec/sensor-events.js';
import { timestampNumeric } from '../format/ipmi-time.js';
import { sdrRowJson, sensorTable } from './sensor-json.js';
import { hx, HX, smart } from '../format/c-printf.js';
import {
  entityDot,
  entityShort,
  eventControlLine,
  eventLines,
  factorsOf,
  hysteresisLine,
  isThreshold,
  rangeLines,
  rawValue,
  statesBlock,
  statesMini,
  statusWord,
} from './sensor-text.js';
import { defineRenderers } from './types.js';
import { convertTolerance } from '../sdr/convert.js';

export interface RowMode {
  csv: boolean;
  verbose: boolean;
  extended: boolean;
}

/** s_a_str of the sdr commands (2 decimals unless integral). */
const aStr = (d: SensorData): string => (d.reading.value !== undefined ? smart(d.reading.value, 2) : '');

function csvDiscrete(d: SensorData): string {
  const r = d.record;
  const sr = d.reading;
  const e = entityDot(r.entity);
  if (!sr.valid || sr.unavailable) return `${HX(r.sensorNumber, 2)}h,ns,${e},No Reading`;
  const head = sr.analog ? `${aStr(d)},${sr.units},` : `${HX(r.sensorNumber, 2)}h,`;
  return `${head}ok,${e},${statesMini(r, sr)}`;
}

/** ipmi_sdr_print_sensor_fc. */
export function sensorFc(d: SensorData, m: RowMode): string {
  const r = d.record;
  const sr = d.reading;
  const full = r.kind === 'full' ? r : undefined;
  const f = full ? factorsOf(full, sr) : undefined;
  if (m.csv) {
    let s = `${r.name},`;
    if (!isThreshold(r)) return `${s}${csvDiscrete(d)}\n`;
    if (sr.valid) {
      if (sr.analog) s += `${smart(sr.value ?? 0, 3)},${sr.units},${statusWord(sr, m.verbose ? 'long' : m.extended ? 'extended' : 'short', 'ns')}`;
      else s += csvDiscrete(d);
    } else s += ',,ns';
    if (m.verbose) {
      s += `,${entityDot(r.entity)},${entityName(r.entity.id)},${sensorTypeName(r.sensorType)},`;
      if (full && f) {
        const v = (flag: boolean, raw: number): string => (flag ? `${rawValue(full, f, raw)},` : ',');
        const read = r.readingMask & 0xff;
        s += v((full.analogFlags & 1) !== 0, full.nominal);
        s += v((full.analogFlags & 4) !== 0, full.normalMin);
        s += v((full.analogFlags & 2) !== 0, full.normalMax);
        s += v((read & 0x20) !== 0, full.thresholds.unr);
        s += v((read & 0x10) !== 0, full.thresholds.ucr);
        s += v((read & 0x08) !== 0, full.thresholds.unc);
        s += v((read & 0x04) !== 0, full.thresholds.lnr);
        s += v((read & 0x02) !== 0, full.thresholds.lcr);
        s += v((read & 0x01) !== 0, full.thresholds.lnc);
        s += `${rawValue(full, f, full.sensorMin)},${rawValue(full, f, full.sensorMax)}`;
      } else s += ',,,,,,,,,,';
    }
    return `${s}\n`;
  }
  if (!m.verbose && !m.extended) {
    let sval: string;
    if (sr.valid) sval = sr.analog ? `${aStr(d)} ${sr.units}` : `0x${hx(sr.state1, 2)}`;
    else if (sr.scanningDisabled) sval = full ? 'disabled' : 'Not Readable';
    else sval = full ? 'no reading' : 'Not Readable';
    sval = sval.slice(0, 15);
    const status = isThreshold(r) ? statusWord(sr, 'short', 'ns') : sr.valid ? 'ok' : 'ns';
    return `${r.name.padEnd(16)} | ${sval.padEnd(17)} | ${status}\n`;
  }
  if (!m.verbose) {
    const status = isThreshold(r) ? statusWord(sr, 'extended', 'ns') : sr.valid ? 'ok' : 'ns';
    let s = `${r.name.padEnd(16)} | ${HX(r.sensorNumber, 2)}h | ${status.padEnd(3)} | ${entityShort(r.entity)} | `;
    if (sr.valid) {
      if (isThreshold(r) && sr.analog) s += `${aStr(d)} ${sr.units}`.slice(0, 15);
      else {
        const states = statesMini(r, sr);
        if (sr.analog) s += `${aStr(d)} ${sr.units}${states ? `, ${states}` : ''}`;
        else s += states;
      }
    } else s += sr.scanningDisabled ? 'Disabled' : 'No Reading';
    return `${s}\n`;
  }
  return sensorFcVerbose(d);
}

function readingText(d: SensorData): string {
  const sr = d.reading;
  if (sr.valid) return sr.analog ? `${aStr(d)} ${sr.units}` : `${hx(sr.raw)}h`;
  return sr.scanningDisabled ? 'Disabled' : 'No Reading';
}

/** The verbose record (`sdr get`, `-v sdr list`). */
function sensorFcVerbose(d: SensorData): string {
  const r = d.record;
  const sr = d.reading;
  const full = r.kind === 'full' ? r : undefined;
  const f = full ? factorsOf(full, sr) : undefined;
  let s = `Sensor ID              : ${r.name} (0x${hx(r.sensorNumber)})\n`;
  s += ` Entity ID             : ${entityDot(r.entity)} (${entityName(r.entity.id)})\n`;
  if (!isThreshold(r)) {
    s += ` Sensor Type (Discrete): ${sensorTypeName(r.sensorType)} (0x${hx(r.sensorType, 2)})\n`;
    s += ` Sensor Reading        : ${readingText(d)}\n`;
    s += eventControlLine(r);
    s += statesBlock('States Asserted', r.sensorType, r.eventType, sr.state1, sr.state2);
    s += eventLines(d.eventStatus, r, false, true);
    s += eventLines(d.eventEnable, r, false, false);
    s += ` OEM                   : ${HX(r.oem)}\n\n`;
    return s;
  }
  s += ` Sensor Type (Threshold)  : ${sensorTypeName(r.sensorType)} (0x${hx(r.sensorType, 2)})\n`;
  s += ' Sensor Reading        : ';
  if (sr.valid) {
    if (full && f) {
      const tol = full.factors.tolerance;
      if (unitsAreDiscrete(full)) s += `0x${HX(sr.raw, 2)} (+/- 0x${HX(tol, 2)}) ${sr.units}\n`;
      else s += `${smart(sr.value ?? 0, 3)} (+/- ${smart(convertTolerance(f, tol), 3)}) ${sr.units}\n`;
    } else s += `0x${HX(sr.raw, 2)} ${sr.units}\n`;
  } else s += sr.scanningDisabled ? 'Disabled\n' : 'No Reading\n';
  s += ` Status                : ${statusWord(sr, 'long', 'Not Available')}\n`;
  if (full && f) {
    const line = (label: string, raw: number): string => ` ${label.padEnd(21)} : ${rawValue(full, f, raw)}\n`;
    if (full.analogFlags & 1) s += line('Nominal Reading', full.nominal);
    if (full.analogFlags & 4) s += line('Normal Minimum', full.normalMin);
    if (full.analogFlags & 2) s += line('Normal Maximum', full.normalMax);
    if (full.init & 0x10) {
      const read = full.readingMask & 0xff;
      const t = full.thresholds;
      if (read & 0x20) s += line('Upper non-recoverable', t.unr);
      if (read & 0x10) s += line('Upper critical', t.ucr);
      if (read & 0x08) s += line('Upper non-critical', t.unc);
      if (read & 0x04) s += line('Lower non-recoverable', t.lnr);
      if (read & 0x02) s += line('Lower critical', t.lcr);
      if (read & 0x01) s += line('Lower non-critical', t.lnc);
    }
  }
  s += hysteresisLine(r, f, r.positiveHysteresis, 'Positive Hysteresis');
  s += hysteresisLine(r, f, r.negativeHysteresis, 'Negative Hysteresis');
  if (full && f) s += rangeLines(full, f);
  s += eventControlLine(r);
  const names = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'];
  // Mask bit order lnc, lcr, lnr, unc, ucr, unr; printed lnr, lcr, lnc, unc, ucr, unr.
  const order = [2, 1, 0, 3, 4, 5];
  const list = (mask: number): string => order.map((bit, i) => ((mask >> bit) & 1 ? `${names[i]} ` : '')).join('');
  const access = (r.capabilities >> 2) & 0x03;
  const thresholdsLine = (label: string, mask: number): string =>
    ` ${label} : ${access === 0 ? 'No Thresholds' : access === 3 ? 'Thresholds Fixed' : list(mask)}\n`;
  s += thresholdsLine('Readable Thresholds  ', r.readingMask & 0xff);
  s += thresholdsLine('Settable Thresholds  ', r.readingMask >> 8);
  const status = ((r.assertionMask >> 12) & 0x07) | (((r.deassertionMask >> 12) & 0x07) << 3);
  if (status) s += ` Threshold Read Mask   : ${list(status)}\n`;
  s += eventLines(d.eventStatus, r, true, true);
  s += eventLines(d.eventEnable, r, true, false);
  return `${s}\n`;
}

function eventOnly(r: EventOnlyRecord, m: RowMode): string {
  const e = r.entity;
  if (m.verbose) {
    return (
      `Sensor ID              : ${r.name} (0x${hx(r.sensorNumber)})\n` +
      `Entity ID              : ${entityDot(e)} (${entityName(e.id)})\n` +
      `Sensor Type            : ${sensorTypeName(r.sensorType)} (0x${hx(r.sensorType, 2)})\n\n`
    );
  }
  if (m.csv) return `${r.name},${HX(r.sensorNumber, 2)}h,ns,${entityDot(e)},Event-Only\n`;
  if (m.extended) return `${r.name.padEnd(16)} | ${HX(r.sensorNumber, 2)}h | ns  | ${entityShort(e)} | Event-Only\n`;
  return `${r.name.padEnd(16)} | Event-Only        | ns\n`;
}

/** "Device ID : %s" prints the whole ID field up to its NUL, not just the length code's bytes. */
const idFieldText = (f: Buffer): string => {
  const z = f.indexOf(0);
  return (z < 0 ? f : f.subarray(0, z)).toString('latin1');
};

const yes = (v: number): string => (v ? 'Yes' : 'No');

function mcLocator(r: McLocatorRecord, m: RowMode): string {
  const e = r.entity;
  const stat = (r.powerStateNotification & 1) !== 0;
  if (!m.verbose) {
    if (m.csv) return `${r.name},00h,ok,${entityDot(e)}\n`;
    if (m.extended) return `${r.name.padEnd(16)} | 00h | ok  | ${entityShort(e)} | ${stat ? 'Static' : 'Dynamic'} MC @ ${HX(r.slaveAddress, 2)}h\n`;
    return `${r.name.padEnd(16)} | ${stat ? 'Static' : 'Dynamic'} MC @ ${HX(r.slaveAddress, 2)}h ${stat ? ' ' : ''} | ok\n`;
  }
  const gen = ['Enable', 'Disable', 'Do Not Init Controller', 'Reserved'][r.globalInit & 0x03];
  const c = r.capabilities;
  return [
    `Device ID              : ${idFieldText(r.idField)}`,
    `Entity ID              : ${entityDot(e)} (${entityName(e.id)})`,
    `Device Slave Address   : ${HX(r.slaveAddress, 2)}h`,
    `Channel Number         : ${HX(r.channel, 1)}h`,
    `ACPI System P/S Notif  : ${r.powerStateNotification & 4 ? '' : 'Not '}Required`,
    `ACPI Device P/S Notif  : ${r.powerStateNotification & 2 ? '' : 'Not '}Required`,
    `Controller Presence    : ${stat ? 'Static' : 'Dynamic'}`,
    `Logs Init Agent Errors : ${yes(r.globalInit & 0x08)}`,
    `Event Message Gen      : ${gen}`,
    'Device Capabilities',
    ` Chassis Device        : ${yes(c & 0x80)}`,
    ` Bridge                : ${yes(c & 0x40)}`,
    ` IPMB Event Generator  : ${yes(c & 0x20)}`,
    ` IPMB Event Receiver   : ${yes(c & 0x10)}`,
    ` FRU Inventory Device  : ${yes(c & 0x08)}`,
    ` SEL Device            : ${yes(c & 0x04)}`,
    ` SDR Repository        : ${yes(c & 0x02)}`,
    ` Sensor Device         : ${yes(c & 0x01)}`,
    '',
    '',
  ].join('\n');
}

function deviceTail(r: FruLocatorRecord | GenericLocatorRecord): string[] {
  return [
    `Channel Number         : ${HX(r.channel, 1)}h`,
    `LUN.Bus                : ${HX(r.lun, 1)}h.${HX(r.bus, 1)}h`,
    `Device Type.Modifier   : ${HX(r.deviceType, 1)}h.${HX(r.deviceTypeModifier, 1)}h (${deviceTypeName(r.deviceType, r.deviceTypeModifier)})`,
    `OEM                    : ${HX(r.oem, 2)}h`,
    '',
    '',
  ];
}

function fruLocator(r: FruLocatorRecord, m: RowMode): string {
  const e = r.entity;
  if (!m.verbose) {
    if (m.csv) return `${r.name},00h,ns,${entityDot(e)}\n`;
    if (m.extended) return `${r.name.padEnd(16)} | 00h | ns  | ${entityShort(e)} | ${r.logical ? 'Logical' : 'Physical'} FRU @${HX(r.fruDeviceId, 2)}h\n`;
    return `${r.name.padEnd(16)} | ${r.logical ? 'Log' : 'Phy'} FRU @${HX(r.fruDeviceId, 2)}h ${hx(e.id, 2)}.${hx(e.instance)} | ok\n`;
  }
  return [
    `Device ID              : ${idFieldText(r.idField)}`,
    `Entity ID              : ${entityDot(e)} (${entityName(e.id)})`,
    `Device Access Address  : ${HX(r.accessAddress, 2)}h`,
    `${r.logical ? 'Logical FRU Device     ' : 'Slave Address          '}: ${HX(r.fruDeviceId, 2)}h`,
    ...deviceTail(r),
  ].join('\n');
}

function genericLocator(r: GenericLocatorRecord, m: RowMode): string {
  const e = r.entity;
  if (!m.verbose) {
    if (m.csv) return `${r.name},00h,ns,${entityDot(e)}\n`;
    if (m.extended) {
      return `${r.name.padEnd(16)} | 00h | ns  | ${entityShort(e)} | Generic Device @${HX(r.accessAddress, 2)}h:${HX(r.slaveAddress, 2)}h.${r.oem}\n`;
    }
    return `${r.name.padEnd(16)} | Generic @${HX(r.accessAddress, 2)}:${HX(r.slaveAddress, 2)}.${String(r.oem).padEnd(2)} | ok\n`;
  }
  return [
    `Device ID              : ${idFieldText(r.idField)}`,
    `Entity ID              : ${entityDot(e)} (${entityName(e.id)})`,
    `Device Access Address  : ${HX(r.accessAddress, 2)}h`,
    `Device Slave Address   : ${HX(r.slaveAddress, 2)}h`,
    `Address Span           : ${HX(r.addressSpan, 2)}h`,
    ...deviceTail(r),
  ].join('\n');
}

/** ipmi_sdr_print_listentry: one record in the mode asked for (entity association, OEM and unknown records print nothing). */
export function sdrRow(row: SdrRow, m: RowMode): string {
  const r: SdrRecord = row.record;
  switch (r.kind) {
    case 'full':
    case 'compact':
      return row.sensor ? sensorFc(row.sensor, m) : '';
    case 'eventonly':
      return eventOnly(r, m);
    case 'mc':
      return mcLocator(r, m);
    case 'fru':
      return fruLocator(r, m);
    case 'generic':
      return genericLocator(r, m);
    default:
      return '';
  }
}

const rows = (d: SdrListData, csv: boolean): string => d.rows.map((row) => sdrRow(row, { csv, verbose: d.verbose, extended: d.extended })).join('');

// ---------------------------------------------------------------------------
// sdr type list / sdr entity list / sdr info

function typeTableText(d: SdrTableData): string {
  let s = d.prefix ?? '';
  if (d.table === 'types') {
    s += 'Sensor Types:\n';
    for (let x = 1; x < 0x2c; x += 2) {
      s += `\t${sensorTypeName(x).padEnd(25)} (0x${hx(x, 2)})   ${sensorTypeName(x + 1).padEnd(25)} (0x${hx(x + 1, 2)})\n`;
    }
    return s;
  }
  s += '\nEntity IDs:\n\n';
  const list = d.entities;
  for (let i = 0; i < list.length; i += 2) {
    const [v1, n1] = list[i]!;
    const next = list[i + 1];
    s += next
      ? `  ${String(v1).padStart(4)}  ${n1.padEnd(32)}    ${String(next[0]).padStart(4)}  ${next[1].padEnd(32)}\n`
      : `  ${String(v1).padStart(4)}  ${n1.padEnd(32)}\n`;
  }
  return `${s}\n`;
}

function infoText(d: SdrInfoView, o: { utc: boolean }): string {
  const i = d.info;
  const free =
    i.freeSpace === 0 ? 'none (full)' : i.freeSpace === 0xffff ? 'unspecified' : i.freeSpace === 0xfffe ? '> 64Kb - 2 bytes' : `${i.freeSpace} bytes`;
  const op = i.operations;
  const modal = ['unspecified', 'non-modal', 'modal', 'modal and non-modal'][(op >> 5) & 0x03];
  const yn = (bit: number): string => (op & bit ? 'yes' : 'no');
  return [
    `SDR Version                         : 0x${hx(i.version)}`,
    `Record Count                        : ${i.recordCount}`,
    `Free Space                          : ${free}`,
    `Most recent Addition                : ${op & 0x04 ? timestampNumeric(i.addTimestamp, { utc: o.utc }) : 'NA'}`,
    `Most recent Erase                   : ${op & 0x08 ? timestampNumeric(i.eraseTimestamp, { utc: o.utc }) : 'NA'}`,
    `SDR overflow                        : ${yn(0x80)}`,
    `SDR Repository Update Support       : ${modal}`,
    `Delete SDR supported                : ${yn(0x08)}`,
    `Partial Add SDR supported           : ${yn(0x04)}`,
    `Reserve SDR repository supported    : ${yn(0x02)}`,
    `SDR Repository Alloc info supported : ${yn(0x01)}`,
    '',
  ].join('\n');
}

function infoJson(d: SdrInfoView): unknown {
  const i = d.info;
  const op = i.operations;
  return {
    version: `${(i.version & 0x0f).toString(16)}.${(i.version >> 4).toString(16)}`,
    versionCode: i.version,
    recordCount: i.recordCount,
    freeSpace: i.freeSpace >= 0xfffe ? null : i.freeSpace,
    freeSpaceCode: i.freeSpace,
    mostRecentAddition: op & 0x04 ? new Date(i.addTimestamp * 1000).toISOString() : null,
    mostRecentErase: op & 0x08 ? new Date(i.eraseTimestamp * 1000).toISOString() : null,
    addTimestamp: i.addTimestamp,
    eraseTimestamp: i.eraseTimestamp,
    overflow: (op & 0x80) !== 0,
    updateSupport: ['unspecified', 'non-modal', 'modal', 'modal and non-modal'][(op >> 5) & 0x03],
    deleteSupported: (op & 0x08) !== 0,
    partialAddSupported: (op & 0x04) !== 0,
    reserveSupported: (op & 0x02) !== 0,
    allocationInfoSupported: (op & 0x01) !== 0,
  };
}

const listJson = (d: SdrListData) => d.rows.filter((r) => r.record.kind !== 'entity' && r.record.kind !== 'oem' && r.record.kind !== 'unknown').map(sdrRowJson);

export const renderers = defineRenderers({
  'sdr.list': {
    text: (d: SdrListData) => rows(d, false),
    csv: (d: SdrListData) => rows(d, true),
    json: listJson,
    table: (d: SdrListData) => sensorTable(listJson(d), false),
  },
  'sdr.table': {
    text: typeTableText,
    json: (d: SdrTableData) =>
      d.table === 'types'
        ? Array.from({ length: 0x2c }, (_, i) => ({ code: i + 1, name: sensorTypeName(i + 1) }))
        : d.entities.map(([code, name]) => ({ code, name })),
  },
  'sdr.info': { text: infoText, json: infoJson },
  'sdr.dump': {
    text: (d: SdrDumpData) => `Dumping Sensor Data Repository to '${d.file}'\n`,
    json: (d: SdrDumpData) => ({ file: d.file, records: d.records, bytes: d.bytes }),
  },
  'sdr.cache.clear': {
    text: (d: SdrCacheClearData) => d.removed.map((p) => `Removed ${p}\n`).join(''),
    json: (d: SdrCacheClearData) => ({ directory: d.dir ?? null, removed: d.removed }),
  },
});
