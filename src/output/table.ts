/** --table: cli-table3 boxes; colour only when allowed. A default view is derived from the JSON document. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { TableSpec } from './types.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cell).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function isFlat(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every((v) => typeof v !== 'object' || v === null || Array.isArray(v));
}

/** Key/value table for an object, column table for an array of flat objects. */
export function tablesFromJson(doc: unknown): TableSpec[] {
  if (Array.isArray(doc)) {
    const rows = doc.filter(isFlat);
    const head = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return [{ head, rows: rows.map((r) => head.map((k) => cell(r[k]))) }];
  }
  if (typeof doc === 'object' && doc !== null) {
    const scalars: string[][] = [];
    const nested: TableSpec[] = [];
    for (const [k, v] of Object.entries(doc)) {
      if (Array.isArray(v) && v.length && v.every(isFlat)) nested.push(...tablesFromJson(v).map((t) => ({ ...t, title: k })));
      else if (typeof v === 'object' && v !== null && !Array.isArray(v)) nested.push(...tablesFromJson(v).map((t) => ({ ...t, title: t.title ?? k })));
      else scalars.push([k, cell(v)]);
    }
    return [...(scalars.length ? [{ rows: scalars }] : []), ...nested];
  }
  return [{ rows: [[cell(doc)]] }];
}

export function renderTables(specs: TableSpec[], color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return specs
    .map((s) => {
      const t = new Table({
        ...(s.head ? { head: s.head.map((h) => chalk.bold(h)) } : {}),
        style: { head: [], border: color ? ['grey'] : [] },
      });
      for (const r of s.rows) t.push(s.head ? r : [chalk.bold(r[0] ?? ''), ...r.slice(1)]);
      return `${s.title ? `${chalk.bold(s.title)}\n` : ''}${t.toString()}\n`;
    })
    .join('');
}
