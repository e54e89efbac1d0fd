/**
 * Every report kind a verb produces has a renderer that src/output/index.ts finds, for each
 * output format (text always; csv, json and table are the renderer's own or derived from text
 * and JSON), and every renderer renders a kind some verb produces. The kinds are read from the
 * source: the literal first argument of each report(...) call.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonOf } from './index.js';
import type { OutputModule, Renderer } from './types.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** report('fam.verb', ...), report(cond ? 'a.b' : 'a.c', ...) and fru's failedAfter('fru.read', ...). */
function reportedKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    if (file.startsWith(path.join(SRC, 'output'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\b(?:report|failedAfter)(?:<[^>]*>)?\(\s*([^,]+),/g)) {
      for (const lit of call[1]!.matchAll(/'([a-z_]+(?:\.[a-z_-]+)+)'/g)) kinds.set(lit[1]!, path.relative(SRC, file));
    }
  }
  return kinds;
}

/** Every renderer defined in src/output, by kind, with the module that defines it. */
async function definedRenderers(): Promise<Map<string, { module: string; r: Renderer<unknown> }[]>> {
  const out = new Map<string, { module: string; r: Renderer<unknown> }[]>();
  for (const file of sourceFiles(path.join(SRC, 'output'))) {
    if (!readFileSync(file, 'utf8').includes('defineRenderers(')) continue;
    const m = (await import(file)) as { renderers?: OutputModule };
    for (const [kind, r] of Object.entries(m.renderers ?? {})) {
      out.set(kind, [...(out.get(kind) ?? []), { module: path.basename(file), r }]);
    }
  }
  return out;
}

const OPTIONS = { verbose: 0, utc: true, color: false };

describe('renderer coverage', async () => {
  const kinds = reportedKinds();
  const renderers = await definedRenderers();

  it("the scan finds the verbs' kinds (a broken scan must not pass)", () => {
    expect(kinds.size).toBeGreaterThan(80);
    expect(kinds.get('chassis.power.status')).toBe('commands/chassis/power.ts');
    expect(kinds.has('sel.writeraw') && kinds.has('sel.save') && kinds.has('fru.read')).toBe(true);
  });

  it.each([...kinds])('%s (%s): found by the output registry, with text, csv, json and table', async (kind) => {
    // src/output/index.ts resolves the renderer (a missing one throws 'no renderer for <kind>'); given no
    // data, a json() of its own may only fail reading it (TypeError), not for want of a module.
    const found = await jsonOf({ kind, data: undefined }, OPTIONS).then(
      () => 'rendered',
      (e: unknown) => (e instanceof TypeError ? 'rendered' : String(e)),
    );
    expect(found).toBe('rendered');
    const defs = renderers.get(kind) ?? [];
    expect(
      defs.map((d) => d.module),
      'defined exactly once',
    ).toHaveLength(1);
    const r = defs[0]!.r;
    // text is required; csv falls back to text, json to the data, table to a table of the JSON.
    expect(typeof r.text).toBe('function');
    for (const f of ['csv', 'json', 'table'] as const) expect(['undefined', 'function']).toContain(typeof r[f]);
  });

  it('every renderer renders a kind some verb reports (no dead renderers)', () => {
    expect([...renderers.keys()].filter((k) => !kinds.has(k))).toEqual([]);
  });
});
