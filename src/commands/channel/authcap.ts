/**
 * `channel authcap <channel> <privilege>`: Get Channel Authentication Capabilities (IPMI v2.0
 * §22.13), asked with the "IPMI v2.0 data" bit, then once more without it, as ipmitool does.
 */
import { HelpRequest, IpmiError } from '../../errors.js';
import { getChannelAuthCapabilities, type ChannelAuthCapabilities } from '../../ipmi/cmds/app/get-channel-auth-capabilities.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { parseChannelNumber, parsePrivilegeLimit } from '../shared/channel-args.js';
import { CHANNEL_USAGE } from './usage.js';

export interface AuthCapReport {
  channel: number;
  privilege: number;
  caps: ChannelAuthCapabilities;
}

export async function authcap(ctx: Context, args: string[]): Promise<Report<AuthCapReport>> {
  if (args.length !== 2) throw new HelpRequest(CHANNEL_USAGE, true);
  const channel = parseChannelNumber(args[0]!);
  const privilege = parsePrivilegeLimit(args[1]!);
  const wording = {
    failed: (_d: string, cc: number) => `Get Channel Authentication Capabilities failed: ${describeCompletionCode(cc)}`,
    noResponse: 'Unable to Get Channel Authentication Capabilities',
  };
  let caps: ChannelAuthCapabilities;
  try {
    caps = await invoke(ctx, getChannelAuthCapabilities, { channel, privilege, v2Data: true }, wording);
  } catch (e) {
    if (!(e instanceof IpmiError) || e.layer === 'usage') throw e;
    caps = await invoke(ctx, getChannelAuthCapabilities, { channel, privilege, v2Data: false }, wording);
  }
  return report('channel.authcap', { channel, privilege, caps });
}
