/**
 * ipmitool 1.8.19's timestamp formats (lib/ipmi_time.c) in the C locale: `%x` is
 * mm/dd/yy, `%X` is HH:MM:SS, `%Z` the zone's abbreviation. Local time follows TZ
 * like the C library (the abbreviation comes from the zone's TZif file), -Z prints
 * UTC with the zone "GMT" (gmtime). Stamps below 0x20000000 count seconds since the
 * BMC started (IPMI v2.0 §37.1).
 */
// node:fs for the zone files is loaded when a zone is first read (src/node-fs.ts): renderers import
// this module without formatting a time (output/mc.ts for `mc info`).
import { nodeFs } from '../node-fs.js';

export const IPMI_TIME_UNSPECIFIED = 0xffffffff;
export const IPMI_TIME_INIT_DONE = 0x20000000;
const SECONDS_A_DAY = 86400;

export interface TimeOptions {
  /** -Z: UTC, zone printed as GMT. */
  utc: boolean;
  /** An IANA zone name; default: the process's (TZ, else /etc/localtime). */
  timeZone?: string;
}

/** Broken-down time: month 1-12, the year in full. */
export interface Tm {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

interface Parts extends Tm {
  /** 1-366 */
  yday: number;
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');

function utcParts(sec: number): Parts {
  const d = new Date(sec * 1000);
  const year = d.getUTCFullYear();
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    yday: Math.floor((Date.UTC(year, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(year, 0, 1)) / 86400000) + 1,
  };
}

/** Local broken-down time in a zone (the process zone when undefined) and its offset from UTC. */
export function zoneParts(sec: number, timeZone: string | undefined): { parts: Parts; offsetSec: number } {
  const f = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const get = (parts: Intl.DateTimeFormatPart[], t: string): number => Number(parts.find((x) => x.type === t)?.value ?? 0);
  const fp = f.formatToParts(new Date(sec * 1000));
  const local = Date.UTC(get(fp, 'year'), get(fp, 'month') - 1, get(fp, 'day'), get(fp, 'hour'), get(fp, 'minute'), get(fp, 'second'));
  const parts = utcParts(local / 1000);
  return { parts, offsetSec: local / 1000 - sec };
}

/** strftime for the few conversions ipmitool uses, C locale. */
function strftime(fmt: string, t: Parts, zone: string): string {
  return fmt.replace(/%([xXZyjHMS])/g, (_, c: string) => {
    switch (c) {
      case 'x':
        return `${p2(t.month)}/${p2(t.day)}/${p2(t.year % 100)}`;
      case 'X':
        return `${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
      case 'Z':
        return zone;
      case 'y':
        return p2(t.year % 100);
      case 'j':
        return p3(t.yday);
      case 'H':
        return p2(t.hour);
      case 'M':
        return p2(t.minute);
      default:
        return p2(t.second);
    }
  });
}

/** ipmi_timestamp_numeric: "%x %X %Z", or "S+ ..." for pre-init stamps, "Unspecified" for FFFFFFFFh. */
export function timestampNumeric(stamp: number, o: TimeOptions): string {
  return timestampFormat(stamp, '%x %X %Z', o);
}

/** ipmitool's ipmi_timestamp_fmt family: `fmt` applies to stamps after BMC initialisation. */
export function timestampFormat(stamp: number, fmt: string, o: TimeOptions): string {
  const s = stamp >>> 0;
  if (s === IPMI_TIME_UNSPECIFIED) return 'Unspecified';
  if (s < IPMI_TIME_INIT_DONE) {
    return strftime(s < SECONDS_A_DAY ? 'S+ %H:%M:%S' : 'S+ %y/%j %H:%M:%S', utcParts(s), 'GMT');
  }
  if (o.utc) return strftime(fmt, utcParts(s), 'GMT');
  const { parts, offsetSec } = zoneParts(s, o.timeZone);
  return strftime(fmt, parts, zoneAbbreviation(s, offsetSec, o.timeZone));
}

// ---------------------------------------------------------------------------
// Zone abbreviations (RFC 8536 TZif), as the C library's tm_zone.

/** The abbreviation in effect at `sec` (whose UTC offset is `offsetSec`) in a zone. */
export function zoneAbbreviation(sec: number, offsetSec: number, timeZone?: string): string {
  const name = timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  // TZ="" or a zone Node cannot use (a POSIX rule string, an unknown name): Node keeps UTC.
  if (!name || name === 'Etc/Unknown') return 'UTC';
  const fromFile = tzifAbbreviation(name, sec, offsetSec);
  if (fromFile !== undefined) return fromFile;
  try {
    const short = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' })
      .formatToParts(new Date(sec * 1000))
      .find((x) => x.type === 'timeZoneName')?.value;
    return short ?? name;
  } catch {
    return 'UTC';
  }
}

function readZone(name: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(name) || name.includes('..')) return undefined;
  for (const dir of ['/usr/share/zoneinfo', '/usr/lib/zoneinfo', '/usr/share/lib/zoneinfo']) {
    try {
      return nodeFs().readFileSync(`${dir}/${name}`);
    } catch {
      // try the next directory
    }
  }
  return undefined;
}

interface Tzif {
  times: number[];
  types: number[];
  infos: { utoff: number; isdst: boolean; abbr: string }[];
  footer: string;
}

export function parseTzif(b: Buffer): Tzif | undefined {
  if (b.length < 44 || b.toString('latin1', 0, 4) !== 'TZif') return undefined;
  const counts = (o: number): number[] => [0, 1, 2, 3, 4, 5].map((i) => b.readUInt32BE(o + 20 + i * 4));
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0) as [number, number, number, number, number, number];
  let o = 44;
  let timeSize = 4;
  if (b[4]! >= 0x32) {
    // version 2+: skip the 32-bit block, read the 64-bit one
    o += timecnt * 4 + timecnt + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    if (b.length < o + 44 || b.toString('latin1', o, o + 4) !== 'TZif') return undefined;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(o) as [number, number, number, number, number, number];
    o += 44;
    timeSize = 8;
  }
  const need = timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  if (b.length < o + need) return undefined;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++) times.push(timeSize === 8 ? Number(b.readBigInt64BE(o + i * 8)) : b.readInt32BE(o + i * 4));
  o += timecnt * timeSize;
  const types = [...b.subarray(o, o + timecnt)];
  o += timecnt;
  const chars = o + typecnt * 6;
  const infos = [];
  for (let i = 0; i < typecnt; i++) {
    const at = o + i * 6;
    const idx = b[at + 5]!;
    const end = b.indexOf(0, chars + idx);
    infos.push({ utoff: b.readInt32BE(at), isdst: b[at + 4] === 1, abbr: b.toString('latin1', chars + idx, end < 0 ? chars + charcnt : end) });
  }
  o = chars + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const nl = b.indexOf(0x0a, o + 1);
  const footer = timeSize === 8 && b[o] === 0x0a && nl > o ? b.toString('latin1', o + 1, nl) : '';
  return { times, types, infos, footer };
}

/** Names in a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3", "<+03>-3"): [std, dst?]. */
function footerNames(tz: string): string[] {
  const names: string[] = [];
  const re = /<([^>]*)>|([A-Za-z]{3,})/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tz.split(',')[0]!)) && names.length < 2) names.push(m[1] ?? m[2]!);
  return names;
}

function tzifAbbreviation(name: string, sec: number, offsetSec: number): string | undefined {
  const buf = readZone(name);
  const z = buf && parseTzif(buf);
  if (!z || z.infos.length === 0) return undefined;
  const n = z.times.length;
  if ((n === 0 || sec >= z.times[n - 1]!) && z.footer) {
    const [std, dst] = footerNames(z.footer);
    if (std === undefined) return undefined;
    if (dst === undefined) return std;
    // Which of the two is in effect: the one whose offset the clock shows.
    const stdInfo = z.infos.find((i) => i.abbr === std && !i.isdst);
    if (stdInfo) return stdInfo.utoff === offsetSec ? std : dst;
    return undefined;
  }
  let type = 0;
  for (let i = 0; i < n && z.times[i]! <= sec; i++) type = z.types[i]!;
  return z.infos[type]?.abbr;
}
