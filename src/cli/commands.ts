/**
 * The command registry as verbs see it (runtime/command-set.ts): the families of registry.ts
 * (listed as `help` lists them, then the hidden ones and the aliases) and the global options
 * as the usage text lists them, with the value sets the option parser accepts. Completion and
 * the interactive shell get it through LineHost.commands; nothing here is a second list.
 */
import { supportedSuiteIds } from '../protocol/rmcpplus/cipher-suites.js';
import { authTypeNames } from '../protocol/auth-type.js';
import type { CommandSet, FamilyInfo, GlobalOptionWord } from '../runtime/command-set.js';
import { sessionPrivilegeNames } from '../spec/privilege.js';
import { INTERFACE_NAMES } from '../runtime/options.js';
import { FORMATS, VALUE_LONG } from './global-options.js';
import { aliases, families, findFamily, hiddenFamilies } from './registry.js';
import { optionUsage } from './usage.js';
import { VALUE_FLAGS } from './value-flags.js';

/** Values of the options that take one from a fixed set; '@host' and '@group' come from the inventory. */
const OPTION_VALUES: Readonly<Record<string, readonly string[]>> = {
  '-I': INTERFACE_NAMES,
  '-L': [...sessionPrivilegeNames],
  '-C': supportedSuiteIds.map(String),
  '-A': Object.values(authTypeNames),
  '--format': FORMATS,
  '-H': ['@host', '@group'],
};

/** The usage text's option lines: "       -I intf        Interface to use". */
export function globalOptionWords(usage = optionUsage()): GlobalOptionWord[] {
  const out: GlobalOptionWord[] = [];
  for (const line of usage.split('\n')) {
    const m = /^ {7}(-[A-Za-z0-9]|--[a-z][\w-]*)(?: (\S+))?\s+(.*)$/.exec(line);
    if (!m) continue;
    const flag = m[1]!;
    const takesValue = flag.startsWith('--') ? VALUE_LONG.has(flag) : VALUE_FLAGS.has(flag[1]!);
    const values = OPTION_VALUES[flag];
    out.push({ flag, desc: m[3]!.trim(), takesValue, ...(values ? { values } : {}) });
  }
  return out;
}

function familyInfos(): FamilyInfo[] {
  const listed = families.map((f) => ({ name: f.name, desc: f.desc, listed: true, load: f.load }));
  const hidden = hiddenFamilies.map((f) => ({ name: f.name, listed: false, load: f.load }));
  const aliased = Object.keys(aliases).flatMap((a) => {
    const f = findFamily(a);
    return f ? [{ name: a, listed: false, load: f.load }] : [];
  });
  return [...listed, ...hidden, ...aliased];
}

/** Built when asked for (completion only), from the registry and the usage text. */
export function commandSet(): CommandSet {
  return { families: familyInfos(), options: globalOptionWords() };
}
