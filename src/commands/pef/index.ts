/** `pef`: Platform Event Filtering (lib/ipmi_pef.c ipmi_pef_main; the 1.8.19 command set). */
import { CommandError, HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import type { Outcome } from '../../report.js';
import { toggleFilter, togglePolicy } from './enable.js';
import { filterList } from './filter.js';
import { info } from './info.js';
import { policyList } from './policy.js';
import { status } from './status.js';
import { PEF_FILTER_USAGE, PEF_POLICY_USAGE, PEF_USAGE } from './usage.js';
import { verbWords, wordList, type Words } from '../words.js';

/** Sub-commands ipmitool 1.8.19 lists but has not implemented. */
const NOT_IMPLEMENTED = new Set(['capabilities', 'event', 'pet', 'timer']);

function group(
  args: string[],
  usage: string,
  kind: string,
  list: () => Promise<Outcome>,
  toggle: (rest: string[], on: boolean) => Promise<Outcome>,
): Promise<Outcome> {
  const [sub] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', usage);
  if (sub === 'help') throw new HelpRequest(usage);
  if (sub === 'list') return list();
  if (sub === 'create' || sub === 'delete') throw new CommandError('Not implemented.', 'not-implemented');
  if (sub === 'enable' || sub === 'disable') return toggle(args.slice(1), sub === 'enable');
  throw new UsageError(`Invalid PEF ${kind} command: ${sub}`, usage);
}

const verbs: Readonly<Record<string, (ctx: Context, rest: string[]) => Promise<Outcome>>> = {
  info: (ctx) => info(ctx),
  status: (ctx) => status(ctx),
  policy: (ctx, rest) =>
    group(
      rest,
      PEF_POLICY_USAGE,
      'Policy',
      () => policyList(ctx),
      (r, on) => togglePolicy(ctx, r, on),
    ),
  filter: (ctx, rest) =>
    group(
      rest,
      PEF_FILTER_USAGE,
      'Filter',
      () => filterList(ctx),
      (r, on) => toggleFilter(ctx, r, on),
    ),
  // ipmits: the old `pef list` (ipmitool 1.8.18 and earlier) is `pef policy list`.
  list: (ctx) => policyList(ctx),
};

/** `policy` and `filter`: what group() above accepts. */
const GROUP_WORDS: Words = wordList(['list', 'enable', 'disable', 'help']);

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, { policy: GROUP_WORDS, filter: GROUP_WORDS }, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', PEF_USAGE);
  if (sub === 'help') throw new HelpRequest(PEF_USAGE);
  if (NOT_IMPLEMENTED.has(sub)) throw new CommandError('Not implemented.', 'not-implemented');
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new UsageError(`Invalid PEF command: '${sub}'\n`);
  return verb(ctx, rest);
}
