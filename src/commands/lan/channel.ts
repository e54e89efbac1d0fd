/**
 * Finding and checking LAN channels the way ipmitool does (lib/ipmi_lanp.c is_lan_channel,
 * find_lan_channel): one Get Channel Info per channel; 1-14 only; 802.3 or "other" LAN medium.
 */
import { CompletionCodeError, IpmiError } from '../../errors.js';
import { getChannelInfo } from '../../ipmi/cmds/app/get-channel-info.js';
import { isLanMedium } from '../../spec/channel.js';
import type { Context } from '../../runtime/context.js';
import { evalInvoke } from '../shared/ccode-wording.js';

export const CHANNEL_MAX = 0x0e;

export interface MediumProbe {
  medium?: number;
  /** ipmitool's line for a failed probe (none for 0xCC, which it treats as "no such channel"). */
  line?: string;
  error?: IpmiError;
}

/** ipmi_get_channel_medium(): the medium, or the reason there is none. */
export async function channelMedium(ctx: Context, channel: number): Promise<MediumProbe> {
  try {
    const info = await evalInvoke(ctx, getChannelInfo, { channel });
    return { medium: info.medium };
  } catch (e) {
    if (!(e instanceof IpmiError)) throw e;
    if (e instanceof CompletionCodeError) {
      return e.cc === 0xcc ? { error: e } : { error: e, line: `Get Channel Info command failed: ${e.description}` };
    }
    return { error: e, line: e.message };
  }
}

export interface LanCheck {
  ok: boolean;
  /** stderr lines printed while checking. */
  lines: string[];
  /** The last probe failure, so a transport problem keeps its exit status. */
  error?: IpmiError;
}

/** is_lan_channel(): channels outside 1..14 are refused without asking the BMC. */
export async function isLanChannel(ctx: Context, channel: number): Promise<LanCheck> {
  if (channel < 1 || channel > CHANNEL_MAX) return { ok: false, lines: [] };
  const p = await channelMedium(ctx, channel);
  return {
    ok: p.medium !== undefined && isLanMedium(p.medium),
    lines: p.line ? [p.line] : [],
    ...(p.error && !(p.error instanceof CompletionCodeError) ? { error: p.error } : {}),
  };
}

/** find_lan_channel(1): the first LAN channel among 1..13, or 0. */
export async function findLanChannel(ctx: Context): Promise<{ channel: number; lines: string[]; error?: IpmiError }> {
  const lines: string[] = [];
  for (let ch = 1; ch < CHANNEL_MAX; ch++) {
    const c = await isLanChannel(ctx, ch);
    lines.push(...c.lines);
    if (c.ok) return { channel: ch, lines };
    // No answer at all: asking the next channels would only wait again.
    if (c.error) return { channel: 0, lines, error: c.error };
  }
  return { channel: 0, lines };
}

/** The error for a channel that is not LAN: the probe lines, then `message`; a refused probe is a command failure. */
export function notLan(check: { lines: string[]; error?: IpmiError }, message: string, sent: boolean): IpmiError {
  const layer = check.error?.layer ?? (sent ? 'command' : 'usage');
  const out = new IpmiError(layer, check.error?.code ?? (sent ? 'not-lan-channel' : 'invalid-channel'), message, check.lines);
  if (check.error?.detail) out.withDetail(check.error.detail);
  return out;
}
