/**
 * The chaos suite (scripts/chaos.mjs) kept alive in CI: a bounded run (--smoke: a few runs per
 * scenario, about a minute) against the compiled lib/ that global-setup builds. It checks
 * the harness, not the figures: every scenario produces its table, the fault-free-enough
 * cases come out right, and the in-process damage harness reports no crash.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../support/run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-chaos-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The table rows of one section of the report, as cells. */
function rows(md: string, section: string): string[][] {
  const start = md.indexOf(`## ${section}`);
  expect(start, `section ${section}`).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + 1);
  return md
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(' | '));
}

describe('npm run chaos -- --smoke', () => {
  it('runs every bounded scenario and writes its tables', { timeout: 170_000 }, async () => {
    const out = path.join(dir, 'reliability.md');
    const only = 'loss,duplication,damaged,integrity,dead-hosts,concurrency';
    const r = await run([process.execPath, path.join(ROOT, 'scripts/chaos.mjs'), '--smoke', '--lib', path.join(ROOT, 'lib'), '--only', only, '--out', out], {
      timeoutMs: 165_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/Reproduce: `npm run chaos -- --smoke --seed 1 --only /);

    // Duplication and reordering change nothing for either client: every run correct.
    const dup = rows(md, 'Duplication and reordering').slice(1);
    expect(dup.map((c) => c[0])).toEqual(['ipmits', 'ipmitool']);
    for (const c of dup) expect(c[2], c.join(' | ')).toBe(`${c[1]} (100.0%)`);

    // The in-process damage harness ran and nothing crashed or left the documented exit codes.
    const damage = rows(md, 'Damaged replies').filter((c) => /^lan/.test(c[0]!));
    expect(damage.length).toBe(5);
    for (const c of damage) {
      expect(Number(c[2]), `damaged replies in ${c[0]}`).toBeGreaterThan(0);
      expect(c[7], `crashes in ${c[0]}`).toBe('0');
      expect(c[9], `undocumented exits in ${c[0]}`).toBe('0');
    }
    expect(md).toContain('Uncaught exceptions in the harness process: 0.');

    // No tampered or replayed reply accepted.
    const integrity = rows(md, 'Integrity: tampered and replayed replies').filter((c) => /^lan/.test(c[0]!));
    for (const c of integrity) expect(c[3], `accepted in ${c[0]}`).toBe('0');

    // A dead host: one clear line and the connection status, well before the deadline.
    const dead = rows(md, 'Dead and silent hosts').slice(1);
    expect(dead[0]!.slice(1, 4)).toEqual(['ipmits --timeout 10', '1', '3: 1']);

    // Concurrent clients: all succeed and none leaves a session.
    const conc = rows(md, 'Concurrent clients on one BMC').slice(1);
    for (const c of conc) expect([c[2], c[5]], c.join(' | ')).toEqual(['8', '0']);
  });
});
