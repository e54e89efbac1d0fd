/**
 * The command registry as the entrance (src/cli) describes it to the verbs that need it
 * (completion, the interactive shell's tab completion), passed down through LineHost so no
 * verb imports the cli layer: family names and loaders, global options and their values.
 */

/**
 * Completion words: each key a word; its value what may follow: more Words, a list of options
 * that may come in any order ("--force"; "--action reset poweroff" takes one of those values,
 * "--countdown <sec>" any value), or null (nothing fixed).
 * A word '@sensor', '@host' or '@group' stands for names read from the SDR cache or the
 * inventory; a word ending in '=' is completed without a space after it.
 */
export type Words = { readonly [word: string]: WordsAfter };
export type WordsAfter = Words | readonly string[] | null;

export interface FamilyInfo {
  readonly name: string;
  /** `help`'s one-line description. */
  readonly desc?: string;
  /** Listed by `help` (hidden: echo, aliases, the completion helper). */
  readonly listed: boolean;
  /** The family module; its `words` are its verbs and their fixed arguments. */
  load(): Promise<{ readonly words?: Words }>;
}

export interface GlobalOptionWord {
  /** '-I', '--json'. */
  readonly flag: string;
  /** The usage text's description. */
  readonly desc: string;
  readonly takesValue: boolean;
  /** The values it takes, when they are a fixed set (or '@host'). */
  readonly values?: readonly string[];
}

export interface CommandSet {
  readonly families: readonly FamilyInfo[];
  readonly options: readonly GlobalOptionWord[];
}
