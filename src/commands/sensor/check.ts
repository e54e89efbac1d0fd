/**
 * `sensor check [name...]` (an ipmits addition): every sensor (or the named ones) read once,
 * one result per sensor that is not nominal, and a verdict in the monitoring-plugin
 * convention: 0 all nominal, 1 warning, 2 critical, 3 unknown (no reading, a named sensor
 * that does not exist, or no answer from the BMC at all). Health is src/sdr/health.ts;
 * sensors with scanning disabled are not monitored and never count.
 */
import type { Context } from '../../runtime/context.js';
import { HelpRequest, IpmiError } from '../../errors.js';
import { health, type Health } from '../../sdr/health.js';
import { findByName, isSensorRecord, readSensors, sensorRecords, type SensorData, type SensorRecord } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { report, type Outcome, type Verdict } from '../../report.js';

export const CHECK_USAGE = 'usage: sensor check [<id> ...]\n';

/** One sensor that is not nominal: the sensor as read, or a name that was asked for and not found. */
export interface CheckProblem {
  name: string;
  health: Health;
  sensor?: SensorData;
  /** Why there is no reading ('not found', 'no answer', 'completion code c3h', 'reading unavailable'). */
  reason?: string;
}

export interface CheckData {
  verdict: Verdict;
  /** Sensors looked at, by health (disabled = scanning disabled, not counted in the verdict). */
  counts: Record<'nominal' | 'warning' | 'critical' | 'unknown' | 'disabled', number>;
  problems: CheckProblem[];
  /** The failure that stopped the check (the BMC could not be read), when there was one. */
  error?: string;
}

const RANK: Readonly<Record<Verdict, number>> = { ok: 0, warning: 1, unknown: 2, critical: 3 };
const VERDICT_OF: readonly Verdict[] = ['ok', 'warning', 'critical', 'unknown'];

/** The worst verdict: critical, then unknown, then warning (a sensor we cannot read hides more than a warning). */
export function worst(a: Verdict, b: Verdict): Verdict {
  return RANK[b] > RANK[a] ? b : a;
}

function reasonOf(d: SensorData): string | undefined {
  const r = d.reading;
  if (r.valid) return undefined;
  if (!r.answered) return 'no answer';
  if (r.cc !== undefined) return `completion code ${r.cc.toString(16)}h`;
  return 'reading unavailable';
}

/** Health of every sensor read; the problems in repository order. */
export function evaluate(sensors: readonly SensorData[], missing: readonly string[] = []): CheckData {
  const counts: CheckData['counts'] = { nominal: 0, warning: 0, critical: 0, unknown: 0, disabled: 0 };
  const problems: CheckProblem[] = [];
  let verdict: Verdict = 'ok';
  for (const d of sensors) {
    const h = health(d.record, d.reading);
    counts[h.state]++;
    if (h.code === null || h.code === 0) continue;
    verdict = worst(verdict, VERDICT_OF[h.code]!);
    const p: CheckProblem = { name: d.record.name, health: h, sensor: d };
    const reason = reasonOf(d);
    if (reason) p.reason = reason;
    problems.push(p);
  }
  for (const name of missing) {
    counts.unknown++;
    verdict = worst(verdict, 'unknown');
    problems.push({ name, health: { state: 'unknown', code: 3 }, reason: 'not found' });
  }
  return { verdict, counts, problems };
}

async function sensorsToCheck(ctx: Context, names: readonly string[]): Promise<{ records: SensorRecord[]; missing: string[] }> {
  const all = await sdrOf(ctx).load();
  if (names.length === 0) return { records: sensorRecords(all), missing: [] };
  const records: SensorRecord[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const r = findByName(all, name);
    if (r && isSensorRecord(r)) records.push(r);
    else missing.push(name);
  }
  return { records, missing };
}

export async function check(ctx: Context, args: string[]): Promise<Outcome> {
  if (args[0] === 'help') throw new HelpRequest(CHECK_USAGE);
  try {
    const { records, missing } = await sensorsToCheck(ctx, args);
    const data = evaluate(await readSensors(sdrOf(ctx), records), missing);
    // Problems with a -S file; an SDR walk that ended early leaves sensors unchecked: UNKNOWN at best.
    const incomplete = sdrOf(ctx).incomplete;
    const notes = [...sdrOf(ctx).notes, ...incomplete];
    if (incomplete.length) data.verdict = worst(data.verdict, 'unknown');
    return report('sensor.check', data, { verdict: data.verdict, ...(notes.length ? { notes } : {}) });
  } catch (e) {
    // A check that cannot read the BMC is UNKNOWN (3), whatever the cause (no -H, no answer, refused).
    if (!(e instanceof IpmiError)) throw e;
    const data: CheckData = { verdict: 'unknown', counts: { nominal: 0, warning: 0, critical: 0, unknown: 0, disabled: 0 }, problems: [], error: e.message };
    return report('sensor.check', data, { failure: e, verdict: 'unknown' });
  }
}
