/**
 * The option table against commander 14, the parser it replaced (a dev dependency kept as the
 * reference): the same flags, the same seeded random command lines, and the same functions run in
 * the same order with the same values, the same operands, or the same error for the same option.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/support/prng.js';
import { UsageError } from '../errors.js';
import { globalOptionTable, newOptionState } from './global-options.js';
import { OptionTable } from './option-table.js';

const SPECS = globalOptionTable(newOptionState()).specs;

type Outcome = { events: string[]; operands: string[] } | { error: 'unknown' | 'missing'; option: string };

function viaTable(argv: string[]): Outcome {
  const events: string[] = [];
  const table = new OptionTable();
  for (const spec of SPECS) table.option(spec, '', (v) => void events.push(`${spec.split(' ')[0]}=${v}`));
  try {
    return { events, operands: table.parse(argv) };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const unknown = /^ipmits: (?:unrecognized option '(.*)'|invalid option -- '(.*)')$/.exec(e.message);
    if (unknown) return { error: 'unknown', option: unknown[1] ?? `-${unknown[2]}` };
    const missing = /^ipmits: (?:option '(.*)' requires an argument|option requires an argument -- '(.*)')$/.exec(e.message);
    if (missing) return { error: 'missing', option: missing[1] ?? `-${missing[2]}` };
    throw e;
  }
}

function viaCommander(argv: string[]): Outcome {
  const events: string[] = [];
  const p = new Command()
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .helpOption(false)
    .allowExcessArguments(true)
    .argument('[command...]');
  for (const spec of SPECS) {
    const takesValue = spec.includes(' ');
    p.option(spec, '', (v: string | undefined) => void events.push(`${spec.split(' ')[0]}=${takesValue ? v : ''}`));
  }
  try {
    p.parse(argv, { from: 'user' });
    return { events, operands: p.args };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    const option = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1] ?? '';
    if (e.code === 'commander.unknownOption') return { error: 'unknown', option };
    if (e.code === 'commander.optionMissingArgument') return { error: 'missing', option };
    throw e;
  }
}

const FLAGS = SPECS.map((s) => s.split(' ')[0]!);
const SHORT = FLAGS.filter((f) => !f.startsWith('--')).map((f) => f.slice(1));
const WORDS = [
  'power',
  'status',
  'sdr',
  'elist',
  '-5',
  '-1.5',
  '',
  '-',
  '--',
  '---',
  '-x',
  '--bogus',
  '--json=1',
  '--format=json',
  '--timeout=3',
  '--no-cache=0',
  'a b',
  "it's",
  '-H',
  '-P',
];

function randomWord(next: () => number): string {
  const r = next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  if (r < 0.35) return pick(FLAGS);
  if (r < 0.55) return pick(WORDS);
  if (r < 0.8) {
    // a cluster of short options, sometimes with a value glued on or a letter that is no option
    let w = '-';
    const n = 1 + Math.floor(next() * 4);
    for (let i = 0; i < n; i++) w += next() < 0.1 ? pick(['x', 'q', '9', '-', '=']) : pick(SHORT);
    return next() < 0.3 ? w + pick(['3', 'admin', '', '-2']) : w;
  }
  return pick(['127.0.0.1', 'lanplus', 'admin', '3', '0x20', 'json', 'bmc[1-4]']);
}

describe('option table, held to commander 14 on the global option set', () => {
  it('declares every global option once', () => {
    expect(new Set(FLAGS).size).toBe(FLAGS.length);
    expect(FLAGS).toEqual(expect.arrayContaining(['-H', '-P', '-v', '-C', '--json', '--no-cache', '--color', '--no-color', '--timeout']));
  });

  it.each([
    [['-vvC3', 'power', 'status']],
    [['power', '-H', 'h', 'status', '--', '-v']],
    [['-P', '-5', '--format=json']],
    [['-x', '-H', 'h', 'power']],
    [['-vx', '-C']],
    [['--bogus=3', '-H']],
    [['-H']],
    [['--json=1']],
    [['-4', '-5']],
  ])('agrees on %j', (argv) => {
    expect(viaTable(argv)).toEqual(viaCommander(argv));
  });

  it('agrees on 5,000 seeded random command lines', () => {
    const next = prng(0x1b2c);
    const seen = { ok: 0, unknown: 0, missing: 0 };
    for (let n = 0; n < 5000; n++) {
      const argv = Array.from({ length: Math.floor(next() * 8) }, () => randomWord(next));
      const mine = viaTable(argv);
      expect(mine, JSON.stringify(argv)).toEqual(viaCommander(argv));
      seen['error' in mine ? mine.error : 'ok']++;
    }
    // the lines reach every outcome, not only errors
    expect(seen.ok).toBeGreaterThan(500);
    expect(seen.unknown).toBeGreaterThan(500);
    expect(seen.missing).toBeGreaterThan(100);
  });
});
