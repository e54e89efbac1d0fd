/**
 * Output of a run over many hosts (src/fleet/engine.ts results):
 *   text      every line prefixed `host: ` (stdout and stderr alike), as pdsh and FreeIPMI do
 *   gather    identical stdout grouped under the folded host set with FreeIPMI's 16-dash
 *             header, fewest hosts first (`ipmi-sensors -C`, `dshbak -c`)
 *   json      one JSON object per host and line: host, ok, exitCode, data or error {kind, message}
 *   table     one row per host
 * plus the failure summary and the progress line, both on stderr.
 */
import { foldHosts } from '../fleet/hostrange.js';
import type { HostResult } from '../fleet/engine.js';

const DASHES = '----------------';

/** `label: line` for every line of `text` (a last line without newline gets one). */
export function prefixLines(label: string, text: string): string {
  if (text === '') return '';
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((l) => `${label}: ${l}\n`).join('');
}

/** --gather: hosts whose stdout is identical share one block; fewest hosts first, then by name. */
export function renderGathered(results: readonly HostResult[]): string {
  const groups = new Map<string, string[]>();
  for (const r of results) {
    if (r.stdout === '') continue;
    const g = groups.get(r.stdout);
    if (g) g.push(r.target.label);
    else groups.set(r.stdout, [r.target.label]);
  }
  const blocks = [...groups.entries()].map(([out, hosts]) => ({ out, hosts, name: foldHosts(hosts) }));
  blocks.sort((a, b) => a.hosts.length - b.hosts.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return blocks.map((b) => `${DASHES}\n${b.name}\n${DASHES}\n${b.out.endsWith('\n') ? b.out : `${b.out}\n`}`).join('');
}

/** --json: one line per host. `data` is the host's own --json document (an array when it printed several). */
export function jsonLine(r: HostResult): string {
  const ok = r.code === 0;
  const doc: Record<string, unknown> = { host: r.target.label, ok, exitCode: r.code };
  const docs = parseDocs(r.stdout);
  if (docs.length > 0) doc.data = docs.length === 1 ? docs[0] : docs;
  if (!ok || r.error) doc.error = r.error ?? errorOfStderr(r);
  doc.ms = Math.round(r.ms);
  return `${JSON.stringify(doc)}\n`;
}

/** A host's --json stdout: one document, or several (exec prints one per line). */
function parseDocs(stdout: string): unknown[] {
  const text = stdout.trim();
  if (text === '') return [];
  try {
    return [JSON.parse(text)];
  } catch {
    const docs: unknown[] = [];
    for (const line of text.split('\n')) {
      try {
        docs.push(JSON.parse(line));
      } catch {
        docs.push(line);
      }
    }
    return docs;
  }
}

/** A failure reported in the host's output, not thrown: its --json error document when there is one. */
function errorOfStderr(r: HostResult): { kind: string; message: string } {
  const last = lastLine(r.stderr);
  try {
    const e = (JSON.parse(last) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof e?.code === 'string') return { kind: e.code, message: typeof e.message === 'string' ? e.message : '' };
  } catch {
    // not a JSON line: the text itself is the message
  }
  return { kind: 'failed', message: last || `exit status ${r.code}` };
}

/** The last line of a text (its trailing newlines dropped). */
export function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1] ?? '';
}

/** stderr after the run: how many hosts failed, grouped by cause, hosts folded. Empty when all succeeded. */
export function failureSummary(results: readonly HostResult[]): string {
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length === 0) return '';
  const byCause = new Map<string, string[]>();
  for (const r of failed) {
    const cause = r.error ? `${r.error.kind}: ${r.error.message}` : `exit status ${r.code}`;
    const g = byCause.get(cause);
    if (g) g.push(r.target.label);
    else byCause.set(cause, [r.target.label]);
  }
  const lines = [...byCause.entries()].sort((a, b) => b[1].length - a[1].length).map(([cause, hosts]) => `  ${hosts.length} ${foldHosts(hosts)}: ${cause}\n`);
  return `ipmits: ${failed.length} of ${results.length} hosts failed\n${lines.join('')}`;
}

/** The progress line (drawn with \r on a terminal only; the caller decides). */
export function progressLine(p: { done: number; failed: number; running: number; total: number; elapsedMs: number }): string {
  return `\r\x1b[K${p.done}/${p.total} done, ${p.failed} failed, ${p.running} in flight, ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

export const clearProgress = '\r\x1b[K';
