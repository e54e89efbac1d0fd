/**
 * `sel time get` / `sel time set "<date>"|now`: Get and Set SEL Time (IPMI v2.0 §31.10, §31.11).
 * The date is read as ipmitool's strptime("%x %X") does in the C locale: mm/dd/yy HH:MM:SS.
 */
import { CommandError, HelpRequest } from '../../errors.js';
import { getSelTime } from '../../ipmi/cmds/storage/get-sel-time.js';
import { setSelTime } from '../../ipmi/cmds/storage/set-sel-time.js';
import type { Context } from '../../runtime/context.js';
import type { SelTimeView } from './data.js';
import { zoneParts, type Tm } from '../../format/ipmi-time.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';

const TIME_HELP = 'sel time commands: get set\n';

/**
 * glibc strptime with "%m/%d/%y %H:%M:%S" (the C locale's "%x %X"): numbers of up to two
 * digits after optional white space, stopping early when another digit would pass the
 * field's maximum; a space in the format matches any white space; trailing text is ignored.
 */
export function strptimeCx(s: string): Tm | undefined {
  let i = 0;
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  const num = (from: number, to: number): number | undefined => {
    while (isSpace(s[i])) i++;
    if (!/[0-9]/.test(s[i] ?? '')) return undefined;
    let v = 0;
    let n = 2;
    do {
      v = v * 10 + Number(s[i++]);
    } while (--n > 0 && v * 10 <= to && /[0-9]/.test(s[i] ?? ''));
    return v < from || v > to ? undefined : v;
  };
  // %m / %d / %y <space> %H : %M : %S, each field with its range and the text after it.
  const fields: readonly [number, number, string][] = [
    [1, 12, '/'],
    [1, 31, '/'],
    [0, 99, ' '],
    [0, 23, ':'],
    [0, 59, ':'],
    [0, 61, ''],
  ];
  const v: number[] = [];
  for (const [from, to, after] of fields) {
    const n = num(from, to);
    if (n === undefined) return undefined;
    v.push(n);
    if (after === ' ') while (isSpace(s[i])) i++;
    else if (after !== '') {
      if (s[i] !== after) return undefined;
      i++;
    }
  }
  const [month, day, yy, hour, minute, second] = v as [number, number, number, number, number, number];
  return { year: yy >= 69 ? 1900 + yy : 2000 + yy, month, day, hour, minute, second };
}

/** The zone's offset from UTC (seconds) at an instant; the process zone unless `timeZone`. */
const offsetAt = (sec: number, timeZone?: string): number => zoneParts(sec, timeZone).offsetSec;

/** mktime: broken-down local time to seconds since 1970 (out-of-range fields carry over). */
export function mktime(t: Tm, timeZone?: string): number {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) / 1000;
  let guess = asUtc - offsetAt(asUtc, timeZone);
  guess = asUtc - offsetAt(guess, timeZone);
  return guess;
}

/** ipmitool's ipmi_localtime2utc: gmtime, then mktime as if that were local time. */
export function localtime2utc(sec: number, timeZone?: string): number {
  const d = new Date(sec * 1000);
  return mktime(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
    timeZone,
  );
}

async function readTime(ctx: Context): Promise<number> {
  return invoke(ctx, getSelTime, undefined, {
    failed: (d) => `Get SEL Time command failed: ${d}`,
    noResponse: 'Get SEL Time command failed: Unknown',
  });
}

export async function time(ctx: Context, args: readonly string[]): Promise<Report<SelTimeView>> {
  const [verb, value] = args;
  if (verb === 'get') return report('sel.time', { seconds: await readTime(ctx) });
  if (verb !== 'set') throw new HelpRequest(TIME_HELP, verb !== 'help');
  if (value === undefined) throw new HelpRequest('usage: sel time set "mm/dd/yyyy hh:mm:ss"\n', true);
  let t: number;
  if (value.toLowerCase() === 'now') {
    t = localtime2utc(Math.floor(ctx.deps.clock.now() / 1000));
  } else {
    const tm = strptimeCx(value);
    const local = tm && mktime(tm);
    if (local === undefined || local < 0) throw new CommandError('Specified time could not be parsed', 'bad-time');
    t = ctx.options.utc ? local : localtime2utc(local);
  }
  await invoke(ctx, setSelTime, t, { failed: (d) => `Set SEL Time command failed: ${d}`, noResponse: 'Set SEL Time command failed: Unknown' });
  return report('sel.time', { seconds: await readTime(ctx), set: t });
}
