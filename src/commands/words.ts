/** A family's completion words from its dispatcher table (src/report.ts Words): one list of verbs, kept by the dispatcher. */
import type { Words, WordsAfter } from '../runtime/command-set.js';

export type { Words, WordsAfter };

/**
 * The verbs of `verbs` (the dispatcher's own table) with what may follow each (`args`, by
 * verb), plus words the dispatcher handles before its table (`extra`, e.g. help).
 */
export function verbWords(verbs: object, args: Readonly<Record<string, WordsAfter>> = {}, extra: Words = {}): Words {
  const out: Record<string, WordsAfter> = {};
  for (const v of Object.keys(verbs)) out[v] = Object.hasOwn(args, v) ? args[v]! : null;
  return { ...out, ...extra };
}

/** Words from a list, nothing after each. */
export function wordList(list: readonly string[], after: WordsAfter = null): Words {
  return Object.fromEntries(list.map((w) => [w, after]));
}

/** An options table (option -> its values, '<name>' for any value, or null for none) as a words options list. */
export function optionList(options: Readonly<Record<string, readonly string[] | null>>): readonly string[] {
  return Object.entries(options).map(([flag, values]) => (values ? [flag, ...values].join(' ') : flag));
}
