/**
 * The layer order of src/ (docs/architecture.md), enforced: every import in a source file of
 * src/ (static, `import type`, `export ... from`, dynamic `import()`) goes to its own layer or
 * a lower one, and no two top-level entries of src/ import each other, directly or round a
 * circle. Test files are left out: a test may drive any layer (sel/cli.test.ts runs main()).
 * A new top-level entry of src/ fails here until it is given a layer below and in the doc.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Top down. An entry may import from its own layer and those after it, never from one before. */
const LAYERS: readonly (readonly string[])[] = [
  // the entrances: the command line (argv, dispatch, usage, exit codes) and the library (index.ts)
  ['cli', 'index'],
  // verbs and their renderers (output imports the families' report types from commands, never the reverse)
  ['commands', 'output'],
  // the runtime contract and the domain code over an IpmiClient
  ['runtime', 'report', 'sdr', 'sel', 'fru', 'sol', 'fleet', 'exporter', 'watchdog'],
  ['transport'],
  ['session'],
  ['protocol'],
  ['ipmi'],
  // the ground: tables, formatting, the I/O and crypto seams, the error types, tiny helpers
  ['spec', 'format', 'io', 'native', 'primitives', 'errors', 'strerror', 'read-input', 'node-fs', 'own'],
];

const layerOf = new Map<string, number>(LAYERS.flatMap((entries, i) => entries.map((e) => [e, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The top-level entry of src/ a file belongs to: its folder, or its own name for a file at the root. */
function entryOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? parts[0]!.replace(/\.ts$/, '') : parts[0]!;
}

/** Relative module specifiers of every import form (comments are stripped first, strings kept). */
function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const forms = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from, import type {..} from, export * from
    /\bimport\s*['"]([^'"]+)['"]/g, // import './side-effect.js'
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('./lazy.js')
  ];
  for (const re of forms) for (const m of code.matchAll(re)) out.push(m[1]!);
  return out.filter((s) => s.startsWith('.'));
}

interface Edge {
  from: string;
  to: string;
  file: string;
  target: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      if (!target.startsWith(SRC + path.sep)) continue;
      const from = entryOf(file);
      const to = entryOf(target);
      if (from !== to) out.push({ from, to, file: path.relative(SRC, file), target: path.relative(SRC, target) });
    }
  }
  return out;
}

/** Strongly connected groups of more than one entry (Tarjan). */
function circles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
        if (w === v) break;
      }
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layers of src/ (docs/architecture.md)', () => {
  const all = edges();

  it('reads every import form, type-only and dynamic ones included', () => {
    const src = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export * from './c.js';",
      "export { d, type E } from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "// import { g } from './g.js';",
      "/* import { h } from './h.js'; */",
      "import { i } from 'node:fs';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('every top-level entry of src/ has a layer', () => {
    const entries = readdirSync(SRC)
      .filter((n) => !n.endsWith('.test.ts'))
      .map((n) => n.replace(/\.ts$/, ''));
    expect(entries.filter((e) => !layerOf.has(e))).toEqual([]);
  });

  it('no import runs up a layer', () => {
    const up = all.filter((e) => layerOf.get(e.to)! < layerOf.get(e.from)!).map((e) => `${e.file} -> ${e.target}`);
    expect(up).toEqual([]);
  });

  it('no circle between the top-level entries of src/', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    const found = circles(graph).map((group) => {
      const inside = all.filter((e) => group.includes(e.from) && group.includes(e.to));
      return `${group.join(' <-> ')}: ${inside
        .slice(0, 4)
        .map((e) => `${e.file} -> ${e.target}`)
        .join(', ')}`;
    });
    expect(found).toEqual([]);
  });

  it('the check can fail: it sees the imports that hold the layers together', () => {
    expect(all.some((e) => e.from === 'cli' && e.to === 'commands')).toBe(true);
    expect(all.some((e) => e.from === 'transport' && e.to === 'session')).toBe(true);
    expect(
      circles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toEqual([['a', 'b']]);
  });
});
