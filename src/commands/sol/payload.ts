/** `sol payload enable|disable|status [channel] [userid]`: Set/Get User Payload Access (IPMI v2.0 §24.6, §24.7). */
import { CommandError, HelpRequest } from '../../errors.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { getUserPayloadAccess } from '../../ipmi/cmds/app/get-user-payload-access.js';
import { SOL_PAYLOAD_BIT, setUserPayloadAccess } from '../../ipmi/cmds/app/set-user-payload-access.js';
import type { Context } from '../../runtime/context.js';
import { isNoResponse } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { CURRENT_CHANNEL, SOL_USAGE, parseChannel, parseUserId } from './args.js';

export interface SolPayload {
  action: 'enable' | 'disable' | 'status';
  channel: number;
  userId: number;
  /** status: SOL is enabled for the user. */
  enabled?: boolean;
}

export async function payload(ctx: Context, args: string[]): Promise<Report<SolPayload>> {
  if (args.length === 0 || args.length > 3) throw new HelpRequest(SOL_USAGE, true);
  // ipmitool checks the numbers before the action word.
  const channel = args.length >= 2 ? parseChannel(args[1]!) : CURRENT_CHANNEL;
  const userId = args.length === 3 ? parseUserId(args[2]!) : 1;
  const action = args[0];
  if (action !== 'enable' && action !== 'disable' && action !== 'status') throw new HelpRequest(SOL_USAGE, true);
  const client = await ctx.client();
  const who = `user ${userId} on channel ${channel}`;
  if (action === 'status') {
    let r;
    try {
      r = await client.try(getUserPayloadAccess, { channel, userId });
    } catch (e) {
      if (isNoResponse(e)) throw new CommandError('Error. No valid response received.', 'no-response');
      throw e;
    }
    if (r.cc !== 0) throw new CommandError(`Error getting SOL payload status for ${who}: ${describeCompletionCode(r.cc)}`, 'completion-code');
    if (r.value!.length !== 4) throw new CommandError(`Error parsing SOL payload status for ${who}`, 'decode');
    return report('sol.payload', { action, channel, userId, enabled: (r.value!.standard & SOL_PAYLOAD_BIT) !== 0 });
  }
  const what = `Error ${action === 'enable' ? 'en' : 'dis'}abling SOL payload for ${who}`;
  let r;
  try {
    r = await client.try(setUserPayloadAccess, { channel, userId, disable: action === 'disable', standard: SOL_PAYLOAD_BIT });
  } catch (e) {
    if (isNoResponse(e)) throw new CommandError(what, 'no-response');
    throw e;
  }
  if (r.cc !== 0) throw new CommandError(`${what}: ${describeCompletionCode(r.cc)}`, 'completion-code');
  return report('sol.payload', { action, channel, userId });
}
