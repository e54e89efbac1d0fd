/**
 * `--table` over many hosts: one row per host. A module of its own: the table renderer brings
 * cli-table3 and chalk (~77 KB of code), which a fleet run without --table never loads.
 */
import type { HostResult } from '../fleet/engine.js';
import { lastLine } from './fleet.js';
import { renderTables } from './table.js';

/** --table: host, status, exit, the output (lines joined by ' | ') or the error. */
export function renderFleetTable(results: readonly HostResult[], color: boolean): string {
  const rows = results.map((r) => {
    const out = r.stdout.trimEnd().split('\n').filter(Boolean).join(' | ');
    return [
      r.target.label,
      r.code === 0 ? 'ok' : (r.error?.kind ?? 'failed'),
      String(r.code),
      r.code === 0 || !r.error ? out || lastLine(r.stderr) : r.error.message,
    ];
  });
  return renderTables([{ head: ['host', 'status', 'exit', 'result'], rows }], color);
}
