/** `sol`: Serial-over-LAN configuration and the console. Help texts are ipmitool's. */
import { HelpRequest } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import type { Outcome } from '../../report.js';
import { activate } from './activate.js';
import { SOL_USAGE } from './args.js';
import { deactivate } from './deactivate.js';
import { info } from './info.js';
import { looptest } from './looptest.js';
import { payload } from './payload.js';
import { set } from './set.js';
import { verbWords, type Words } from '../words.js';

type Verb = (ctx: Context, args: string[]) => Promise<Outcome>;

const verbs: Readonly<Record<string, Verb>> = { info, set, payload, activate, deactivate, looptest };

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, {}, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'help') throw new HelpRequest(SOL_USAGE);
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new HelpRequest(SOL_USAGE, true);
  return verb(ctx, rest);
}
