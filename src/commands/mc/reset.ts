/** `mc reset warm|cold`. IPMI v2.0 §20.2, §20.3. */
import { HelpRequest, UsageError } from '../../errors.js';
import { coldReset } from '../../ipmi/cmds/app/cold-reset.js';
import { warmReset } from '../../ipmi/cmds/app/warm-reset.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { noMoreArgs } from './args.js';
import { colon, invoke, isNoResponse } from '../shared/invoke.js';

export const RESET_USAGE = 'usage: mc reset <warm|cold>\n';

export interface McReset {
  kind: 'warm' | 'cold';
  /** Cold reset only: the BMC went away without answering (expected, IPMI v2.0 §20.2). */
  answered: boolean;
}

export async function reset(ctx: Context, args: string[]): Promise<Report<McReset>> {
  const [kind, ...rest] = args;
  if (kind === undefined) throw new UsageError('Not enough parameters given.', RESET_USAGE);
  if (kind === 'help') throw new HelpRequest(RESET_USAGE);
  if (kind !== 'warm' && kind !== 'cold') throw new UsageError(`Invalid mc/bmc reset command: ${kind}`, RESET_USAGE);
  noMoreArgs(rest, `mc reset ${kind}`);
  const wording = { failed: colon('MC reset command failed'), noResponse: 'MC reset command failed.' };
  if (kind === 'warm') {
    await invoke(ctx, warmReset, undefined, wording);
    return report('mc.reset', { kind, answered: true });
  }
  // Sent once (a retransmission could reset the BMC again as it comes back), and the
  // session is dropped without Close Session: after a cold reset the BMC has forgotten it.
  // A refused reset leaves the session as it was, so only then is it closed normally.
  const client = await ctx.client();
  let answered = true;
  try {
    await invoke(ctx, coldReset, undefined, { ...wording, once: true });
  } catch (e) {
    // A BMC that resets before answering is doing what it was asked (IPMI v2.0 §20.2).
    if (!isNoResponse(e)) throw e;
    answered = false;
  }
  client.transport.abandon();
  return report('mc.reset', { kind, answered });
}
