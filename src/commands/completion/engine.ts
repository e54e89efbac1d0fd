/**
 * What may come next on an ipmits command line: the one completion engine behind the shell
 * scripts (`ipmits __complete`) and the interactive shell's tab key. It reads the command
 * registry (CommandSet: families, global options and their values) and each family's words
 * (Family.words, built from its dispatcher table); names come from local caches through
 * `names` (SDR cache, inventory), never from a BMC.
 */
import type { CommandSet, GlobalOptionWord, Words, WordsAfter } from '../../runtime/command-set.js';

export interface Candidate {
  word: string;
  desc?: string;
}

/** Where dynamic names come from: '@sensor' (SDR cache of -H/-p, or -S), '@host' and '@group' (inventory). */
export type NameSource = (kind: string, at: NameContext) => Promise<string[]>;

export interface NameContext {
  host?: string;
  port?: string;
  sdrFile?: string;
  inventory?: string;
}

const NEGATIVE = /^-\d/;

/** An options list item: "--action reset poweroff" takes one of those values; "--countdown <sec>" any value; "--force" none. */
function optionItem(item: string): { flag: string; values: string[] | undefined } {
  const [flag, ...values] = item.split(' ');
  return { flag: flag!, values: values.length === 0 ? undefined : values.filter((v) => !v.startsWith('<')) };
}

function isOptions(w: WordsAfter): w is readonly string[] {
  return Array.isArray(w);
}

/** Follow one typed word down the words tree. */
function step(tree: WordsAfter | undefined, word: string): WordsAfter | undefined {
  if (!tree || isOptions(tree)) return tree;
  const words = tree as Words;
  if (Object.hasOwn(words, word)) return words[word];
  const dynamic = Object.keys(words).find((k) => k.startsWith('@'));
  return dynamic !== undefined ? words[dynamic] : null;
}

async function expand(words: readonly string[], at: NameContext, names: NameSource): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const w of words) {
    if (w.startsWith('@')) for (const n of await names(w, at).catch(() => [])) out.push({ word: n });
    else out.push({ word: w });
  }
  return out;
}

/**
 * Candidates for `current`, given the words before it (after the program name). Global
 * options may come anywhere (as ipmitool's getopt permutes them); a family's own options
 * (an options list in its words) come after its verb.
 */
export async function complete(set: CommandSet, before: readonly string[], current: string, names: NameSource): Promise<Candidate[]> {
  const at: NameContext = {};
  let family: string | undefined;
  let tree: WordsAfter | undefined;
  let expecting: { values: readonly string[] | undefined; flag: string } | undefined;
  const option = (flag: string): GlobalOptionWord | undefined => set.options.find((o) => o.flag === flag);

  for (const w of before) {
    if (expecting) {
      if (expecting.flag === '-H') at.host = w;
      else if (expecting.flag === '-p') at.port = w;
      else if (expecting.flag === '-S') at.sdrFile = w;
      else if (expecting.flag === '--inventory') at.inventory = w;
      expecting = undefined;
      continue;
    }
    if (w.startsWith('-') && w.length > 1 && !NEGATIVE.test(w)) {
      if (tree && isOptions(tree)) {
        const item = tree.map(optionItem).find((o) => o.flag === w);
        if (item) {
          if (item.values !== undefined) expecting = { flag: w, values: item.values };
          continue;
        }
      }
      const o = option(w) ?? (w.startsWith('--') ? undefined : option(w.slice(0, 2)));
      if (o?.takesValue) {
        if (o.flag === w) expecting = { flag: w, values: o.values };
        else if (o.flag === '-H') at.host = w.slice(2); // getopt's -Hhost
      }
      continue;
    }
    if (family === undefined) {
      family = w;
      const info = set.families.find((f) => f.name === w);
      tree = info ? ((await info.load()).words ?? null) : null;
      continue;
    }
    tree = step(tree, w);
  }

  let out: Candidate[];
  if (expecting) out = await expand(expecting.values ?? [], at, names);
  else if (current.startsWith('-')) {
    const own = tree && isOptions(tree) ? tree.map((i) => ({ word: optionItem(i).flag })) : [];
    out = [...own, ...set.options.map((o) => ({ word: o.flag, desc: o.desc }))];
  } else if (family === undefined) {
    out = [...set.families.filter((f) => f.listed).map((f) => ({ word: f.name, ...(f.desc ? { desc: f.desc } : {}) })), { word: 'help' }];
  } else if (!tree) out = [];
  else if (isOptions(tree))
    out = await expand(
      tree.map((i) => optionItem(i).flag),
      at,
      names,
    );
  else out = await expand(Object.keys(tree), at, names);
  const seen = new Set<string>();
  return out.filter((c) => c.word.startsWith(current) && !seen.has(c.word) && seen.add(c.word));
}
