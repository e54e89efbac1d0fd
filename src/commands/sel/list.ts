/**
 * `sel list|elist [N | first N | last N]`, `sel save <file>`, `sel writeraw <file>`: the SEL
 * walk (src/sel/reader.ts) after Get SEL Info, as ipmitool's __ipmi_sel_savelist_entries.
 */
import { nodeFs } from '../../node-fs.js';
import { LocalError, UsageError, type IpmiError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { walkSel } from '../../sel/reader.js';
import { saveFileLine } from '../../sel/save-file.js';
import { swapRawFileLayout, type SelRecord } from '../../sel/record.js';
import type { SelFileView, SelListView } from './data.js';
import { report, type Report } from '../../report.js';
import { entriesOf, namesGap, oemContext, sdrLookup, selInfo, selSource } from './common.js';
import { strerror } from '../../strerror.js';
import { progressLine } from '../shared/progress.js';

/** ipmitool's str2int: strtol base 0, the whole string, 32-bit signed. */
export function str2int(s: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  const v =
    (m[1] === '-' ? -1 : 1) * (/^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : Number(body));
  return v < -0x80000000 || v > 0x7fffffff ? undefined : v;
}

/** The count argument: positive = the first N records, negative = the last N, 0 = all. */
export function listCount(args: readonly string[]): number {
  let countArg: string | undefined;
  let sign = 1;
  if (args.length === 1) countArg = args[0];
  else if (args.length === 2) {
    countArg = args[1];
    if (args[0] === 'last') sign = -1;
    else if (args[0] !== 'first') throw new UsageError('Unknown sel list option');
  }
  if (countArg === undefined) return 0;
  const n = str2int(countArg);
  if (n === undefined) throw new UsageError(`Numeric argument required; got '${countArg}'`);
  return n * sign;
}

interface Read {
  records: SelRecord[];
  notes: string[];
  failure?: IpmiError;
  /** SEL Info said the log is empty. */
  empty: boolean;
}

async function readSel(ctx: Context, count: number, showProgress: boolean, beforeWalk?: () => void): Promise<Read> {
  const info = await selInfo(ctx);
  if (info.entries === 0) return { records: [], notes: ['SEL has no entries'], empty: true };
  beforeWalk?.();
  const bar = showProgress ? progressLine(ctx, 'Reading SEL', 'records') : undefined;
  const walk = await walkSel(await selSource(ctx), {
    ...(count > 0 ? { limit: count } : {}),
    ...(bar ? { onRecord: (n: number) => bar.update(n, info.entries) } : {}),
    log: (line: string) => ctx.log.verbose(1, line),
  });
  bar?.end();
  // ipmitool skips the first (entries - N) records for "last N".
  const records = count < 0 ? walk.records.slice(Math.max(0, info.entries + Math.max(count, -info.entries))) : walk.records;
  // The failure's own line is printed with it.
  const notes = walk.failure ? walk.notes.slice(0, -1) : walk.notes;
  return { records, notes, empty: false, ...(walk.failure ? { failure: walk.failure } : {}) };
}

export async function list(ctx: Context, args: readonly string[], extended: boolean): Promise<Report<SelListView>> {
  const count = listCount(args);
  const r = await readSel(ctx, count, false);
  const oem = await oemContext(ctx)(r.records);
  const names = extended ? sdrLookup(ctx) : undefined;
  const entries = await entriesOf(r.records, oem, names);
  // A failed SEL read is the failure; else names missing because the SDR read failed (issue 15).
  const failure = r.failure ?? namesGap(names);
  return report('sel.list', { entries }, { notes: r.notes, ...(failure ? { failure } : {}) });
}

/** Create or truncate the output file first (ipmitool opens it before reading the SEL). */
function writable(file: string): void {
  try {
    nodeFs().writeFileSync(file, '', { flag: 'w' });
  } catch (e) {
    throw new LocalError(`Unable to open file ${file} for write: ${strerror(e)}`, 'file');
  }
}

/**
 * `sel save`: the list on stdout and the event file that `sel add` and `event file` read
 * ("0x04 0x01 ... # <type> #0xNN <text>"); `sel writeraw`: the records in ipmitool's binary
 * layout (src/sel/record.ts swapRawFileLayout).
 */
export async function save(ctx: Context, file: string, form: 'text' | 'raw'): Promise<Report<SelFileView>> {
  // ipmitool opens the file after Get SEL Info (an empty SEL leaves it alone), before reading.
  const r = await readSel(ctx, 0, true, () => writable(file));
  if (r.empty) return report(form === 'raw' ? 'sel.writeraw' : 'sel.save', { file, entries: [] }, { notes: r.notes });
  const oem = await oemContext(ctx)(r.records);
  const entries = await entriesOf(r.records, oem);
  const body =
    form === 'raw' ? Buffer.concat(r.records.map((x) => swapRawFileLayout(x.raw))) : Buffer.from(r.records.map((x) => saveFileLine(x, oem)).join(''), 'latin1');
  try {
    nodeFs().writeFileSync(file, body);
  } catch (e) {
    throw new LocalError(`Unable to write file ${file}: ${strerror(e)}`, 'file');
  }
  return report(form === 'raw' ? 'sel.writeraw' : 'sel.save', { file, entries }, { notes: r.notes, ...(r.failure ? { failure: r.failure } : {}) });
}
