/** `mc` (alias `bmc`): management controller status and global enables. Help texts are ipmitool's. */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import type { Outcome } from '../../report.js';
import { ENABLE_OPTIONS } from '../../spec/mc.js';
import { getenables, setenables } from './enables.js';
import { MODES, guid } from './guid.js';
import { verbWords, wordList, type Words } from '../words.js';
import { info } from './info.js';
import { reset } from './reset.js';
import { selftest } from './selftest.js';
import { SYSINFO_SHORT_HELP, getsysinfo, setsysinfo } from './sysinfo.js';
import { WATCHDOG_SET_WORDS, watchdog } from './watchdog.js';

export const MC_HELP = `MC Commands:
  reset <warm|cold>
  guid [auto|smbios|ipmi|rfc4122|dump]
  info
  watchdog <get|reset|off>
  selftest
  getenables
  setenables <option=on|off> ...
${ENABLE_OPTIONS.map((o) => `    ${o.option.padEnd(20)}  ${o.description}\n`).join('')}${SYSINFO_SHORT_HELP}`;

type Verb = (ctx: Context, args: string[]) => Promise<Outcome>;

const verbs: Readonly<Record<string, Verb>> = {
  reset: (ctx, args) => reset(ctx, args),
  info: (ctx, args) => info(ctx, args),
  guid: (ctx, args) => guid(ctx, args),
  getenables: (ctx, args) => getenables(ctx, args),
  setenables: (ctx, args) => setenables(ctx, args, MC_HELP),
  selftest: (ctx, args) => selftest(ctx, args),
  watchdog: (ctx, args) => watchdog(ctx, args),
  getsysinfo: (ctx, args) => getsysinfo(ctx, args),
  setsysinfo: (ctx, args) => setsysinfo(ctx, args),
};

/** Completion: the verbs above and their fixed arguments. */
export const words: Words = verbWords(
  verbs,
  {
    reset: wordList(['warm', 'cold']),
    guid: wordList(Object.keys(MODES)),
    watchdog: { get: null, reset: null, off: null, set: WATCHDOG_SET_WORDS, help: null },
    setenables: ENABLE_OPTIONS.flatMap((o) => [`${o.option}=on`, `${o.option}=off`]),
  },
  { help: null },
);

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', MC_HELP);
  if (sub === 'help') throw new HelpRequest(MC_HELP);
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new UsageError(`Invalid mc/bmc command: ${sub}`, MC_HELP);
  return verb(ctx, rest);
}
