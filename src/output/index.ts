/** Picks the renderer for a Report (by the family prefix of its kind) and the format. */
import { UsageError } from '../errors.js';
import { own } from '../own.js';
import type { Report } from '../report.js';
import type { OutputFormat } from '../runtime/options.js';
import { renderJson } from './json.js';
import type { OutputModule, RenderOptions } from './types.js';

const modules: Readonly<Record<string, () => Promise<{ renderers: OutputModule }>>> = {
  chassis: () => import('./chassis.js'),
  channel: () => import('./channel.js'),
  dcmi: () => import('./dcmi.js'),
  lan: () => import('./lan.js'),
  event: () => import('./event.js'),
  mc: () => import('./mc.js'),
  sdr: () => import('./sdr.js'),
  sensor: () => import('./sensor.js'),
  fru: () => import('./fru.js'),
  pef: () => import('./pef.js'),
  raw: () => import('./raw.js'),
  session: () => import('./session.js'),
  sel: () => import('./sel.js'),
  user: () => import('./user.js'),
  sol: () => import('./sol.js'),
  set: () => import('./set.js'),
  echo: () => import('./echo.js'),
  completion: () => import('./completion.js'),
};

/** Kinds rendered by a module of their own (ipmits additions kept out of the ipmitool renderers). */
const kindModules: Readonly<Record<string, () => Promise<{ renderers: OutputModule }>>> = {
  'sensor.check': () => import('./sensor-check.js'),
};

/** --format prometheus: the kinds that have it. */
const prometheusModules: Readonly<Record<string, () => Promise<{ prometheus(data: unknown): string }>>> = {
  'sensor.list': () => import('./sensor-prometheus.js'),
};

export interface RenderMode extends RenderOptions {
  format: OutputFormat;
  /** -c given. */
  csv: boolean;
}

async function rendererFor(kind: string) {
  const family = kind.split('.')[0]!;
  const load = own(kindModules, kind) ?? own(modules, family);
  const r = load ? (await load()).renderers[kind] : undefined;
  if (!r) throw new Error(`no renderer for ${kind}`);
  return r;
}

/** The JSON document of one report (also the source of the default table). */
export async function jsonOf(report: Report, o: RenderOptions): Promise<unknown> {
  const r = await rendererFor(report.kind);
  return r.json ? r.json(report.data, o) : report.data;
}

export async function renderReport(report: Report, mode: RenderMode): Promise<string> {
  const r = await rendererFor(report.kind);
  switch (mode.format) {
    case 'json':
      return renderJson(r.json ? r.json(report.data, mode) : report.data);
    case 'table': {
      // chalk and cli-table3 only for --table
      const { renderTables, tablesFromJson } = await import('./table.js');
      return renderTables(r.table ? r.table(report.data, mode) : tablesFromJson(r.json ? r.json(report.data, mode) : report.data), mode.color);
    }
    case 'prometheus': {
      const load = own(prometheusModules, report.kind);
      if (!load) throw new UsageError('--format prometheus is only available for `sensor list`');
      return (await load()).prometheus(report.data);
    }
    case 'csv':
    case 'text':
      if ((mode.csv || mode.format === 'csv') && r.csv) return r.csv(report.data, mode);
      return r.text(report.data, mode);
  }
}
