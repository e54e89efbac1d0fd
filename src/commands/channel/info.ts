/**
 * `channel info [channel]`: Get Channel Info (IPMI v2.0 §22.24), and for a LAN channel Get
 * Channel Access, volatile then non-volatile (§22.23), as lib/ipmi_channel.c ipmi_get_channel_info.
 */
import { HelpRequest, IpmiError } from '../../errors.js';
import { getChannelAccess, type ChannelAccess } from '../../ipmi/cmds/app/get-channel-access.js';
import { getChannelInfo, type ChannelInfo } from '../../ipmi/cmds/app/get-channel-info.js';
import { isLanMedium } from '../../spec/channel.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { parseChannelNumber } from '../shared/channel-args.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { CHANNEL_USAGE } from './usage.js';

export interface ChannelInfoReport {
  info: ChannelInfo;
  /** Only for LAN channels; a missing one was not read (or failed: see the failure). */
  volatile?: ChannelAccess;
  nonVolatile?: ChannelAccess;
}

export async function info(ctx: Context, args: string[]): Promise<Report<ChannelInfoReport>> {
  if (args.length > 1) throw new HelpRequest(CHANNEL_USAGE, true);
  const channel = args.length === 1 ? parseChannelNumber(args[0]!) : 0x0e;
  const i = await orSay(() => evalInvoke(ctx, getChannelInfo, { channel }), 'Unable to Get Channel Info');
  const out: ChannelInfoReport = { info: i };
  if (!isLanMedium(i.medium)) return report('channel.info', out);
  try {
    out.volatile = await orSay(() => evalInvoke(ctx, getChannelAccess, { channel: i.channel, volatile: true }), 'Unable to Get Channel Access (volatile)');
    out.nonVolatile = await orSay(
      () => evalInvoke(ctx, getChannelAccess, { channel: i.channel, volatile: false }),
      'Unable to Get Channel Access (non-volatile)',
    );
  } catch (e) {
    // What was read is printed before the error, as ipmitool does.
    if (e instanceof IpmiError) return report('channel.info', out, { failure: e });
    throw e;
  }
  return report('channel.info', out);
}
