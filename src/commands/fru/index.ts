/** `fru`: print (list), read, write, edit (field). Help texts and argument checks are ipmitool's (lib/ipmi_fru.c ipmi_fru_main). */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import type { Outcome } from '../../report.js';
import { own } from '../../own.js';
import { print } from './print.js';
import { HELP, read, write } from './transfer.js';
import { EDIT_HELP, edit } from './edit.js';
import { verbWords, type Words } from '../words.js';

export const FRU_HELP = 'FRU Commands:  print read write upgEkey edit internaluse get\n';
const PRINT_HELP = 'fru print [fru id] - print information about FRU(s)\n';

type Verb = (ctx: Context, args: string[]) => Promise<Outcome>;

/** Verbs that take `help` as their first argument (exit 0). */
const verbs: Readonly<Record<string, { run: Verb; help: string }>> = {
  print: { run: print, help: PRINT_HELP },
  list: { run: print, help: PRINT_HELP },
  read: { run: read, help: HELP.read },
  write: { run: write, help: HELP.write },
  edit: { run: edit, help: EDIT_HELP },
};

/** ipmitool's other fru verbs, which ipmits does not implement. */
const NOT_IMPLEMENTED = ['upgEkey', 'internaluse', 'get'];

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, {}, { help: null });

export function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) return print(ctx, []);
  if (sub === 'help') throw new HelpRequest(FRU_HELP);
  const verb = own(verbs, sub);
  if (verb) {
    if (rest[0] === 'help') throw new HelpRequest(verb.help);
    return verb.run(ctx, sub === 'print' || sub === 'list' ? rest.slice(0, 1) : rest);
  }
  if (NOT_IMPLEMENTED.includes(sub)) throw new UsageError(`fru ${sub} is not supported by ipmits`, undefined, 'unsupported-command');
  throw new UsageError(`Invalid FRU command: ${sub}`, FRU_HELP);
}
