/** `channel`: channel information, user access per channel, cipher suites, Kg (lib/ipmi_channel.c ipmi_channel_main). */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { own } from '../../own.js';
import type { Outcome } from '../../report.js';
import { getAccess, setAccess } from './access.js';
import { authcap } from './authcap.js';
import { getCiphers } from './ciphers.js';
import { info } from './info.js';
import { setKg } from './setkg.js';
import { CHANNEL_USAGE } from './usage.js';
import { verbWords, type Words } from '../words.js';

const verbs: Readonly<Record<string, (ctx: Context, args: string[]) => Promise<Outcome>>> = {
  authcap,
  getaccess: getAccess,
  setaccess: setAccess,
  info,
  getciphers: getCiphers,
  setkg: setKg,
};

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, {}, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', CHANNEL_USAGE);
  if (sub === 'help') throw new HelpRequest(CHANNEL_USAGE);
  const verb = own(verbs, sub);
  if (!verb) throw new UsageError(`Invalid CHANNEL command: ${sub}\n`, CHANNEL_USAGE);
  return verb(ctx, rest);
}
