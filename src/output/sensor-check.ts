/**
 * `sensor check` (an ipmits addition, no ipmitool text to match): one line per sensor that is
 * not nominal, nothing when all are, in the words of monitoring plugins:
 *
 *   WARNING: CPU2 Temp: 88 degrees C (Upper Non-Critical)
 *   CRITICAL: FAN4: 480 RPM (Lower Critical)
 *   CRITICAL: PS2 Status: Presence detected, Failure detected
 *   UNKNOWN: Fan9: not found
 *
 * The exit status (0-3) carries the verdict (src/cli/exit-codes.ts).
 */
import type { CheckData, CheckProblem } from '../commands/sensor/check.js';
import { sensorJson } from './sensor-json.js';
import { statesMini, statusWord } from './sensor-text.js';
import { defineRenderers, type TableSpec } from './types.js';

/** A reading without trailing zeros: 12.12, 480, -3.5. */
export const number = (v: number): string => String(Number(v.toFixed(3)));

function detail(p: CheckProblem): string {
  const d = p.sensor;
  if (p.reason || !d) return p.reason ?? p.health.state;
  const crossed = p.health.threshold && p.health.threshold !== 'ok' ? statusWord(d.reading, 'long', '') : '';
  const value = d.reading.value;
  if (value !== undefined) return `${number(value)}${d.reading.units ? ` ${d.reading.units}` : ''}${crossed ? ` (${crossed})` : ''}`;
  return crossed || statesMini(d.record, d.reading) || p.health.state;
}

export function checkText(d: CheckData): string {
  if (d.error !== undefined) return `UNKNOWN: ${d.error}\n`;
  return d.problems.map((p) => `${p.health.state.toUpperCase()}: ${p.name}: ${detail(p)}\n`).join('');
}

export function checkJson(d: CheckData): unknown {
  return {
    verdict: d.verdict,
    counts: d.counts,
    problems: d.problems.map((p) =>
      p.sensor ? { ...sensorJson(p.sensor), reason: p.reason } : { name: p.name, state: p.health.state, stateCode: p.health.code, reason: p.reason },
    ),
    error: d.error,
  };
}

/** --table: the verdict and counts, then one row per problem (the JSON's nested sensor records would not fit a cell). */
export function checkTable(d: CheckData): TableSpec[] {
  const summary: TableSpec = {
    rows: [['verdict', d.verdict], ...Object.entries(d.counts).map(([k, n]) => [k, String(n)]), ...(d.error !== undefined ? [['error', d.error]] : [])],
  };
  if (d.problems.length === 0) return [summary];
  return [summary, { title: 'problems', head: ['state', 'sensor', 'detail'], rows: d.problems.map((p) => [p.health.state, p.name, detail(p)]) }];
}

export const renderers = defineRenderers({
  'sensor.check': { text: checkText, json: checkJson, table: checkTable },
});
