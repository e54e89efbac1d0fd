/**
 * `channel getaccess <channel> [user id]` and `channel setaccess <channel> <user id> [callin=on|off]
 * [ipmi=on|off] [link=on|off] [privilege=level]`: Get/Set User Access (IPMI v2.0 §22.26, §22.27)
 * and Get User Name (§22.29), as lib/ipmi_channel.c ipmi_get_user_access / ipmi_set_user_access.
 */
import { HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { getUserAccess, type UserAccess } from '../../ipmi/cmds/app/get-user-access.js';
import { setUserAccess } from '../../ipmi/cmds/app/set-user-access.js';
import { parseU8 } from '../../runtime/numbers.js';
import { privilegeLimitFromName } from '../../spec/privilege.js';
import type { Context } from '../../runtime/context.js';
import { userName } from '../user/list.js';
import { report, type Report } from '../../report.js';
import { parseChannelNumber, parsePrivilegeLimit, parseUserId } from '../shared/channel-args.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { CHANNEL_USAGE } from './usage.js';

export interface UserAccessEntry {
  userId: number;
  name: string;
  access: UserAccess;
}

export interface GetAccessReport {
  channel: number;
  users: UserAccessEntry[];
}

export async function getAccess(ctx: Context, args: string[]): Promise<Report<GetAccessReport>> {
  if (args.length < 1 || args.length > 2) throw new UsageError('Not enough parameters given.', CHANNEL_USAGE);
  const channel = parseChannelNumber(args[0]!);
  const only = args.length === 2 ? parseUserId(args[1]!) : 0;
  const users: UserAccessEntry[] = [];
  try {
    let max = 0;
    for (let userId = only || 1; ; userId++) {
      const access = await orSay(() => evalInvoke(ctx, getUserAccess, { channel, userId }), `Unable to Get User Access (channel ${channel} id ${userId})`);
      const name = await orSay(() => userName(ctx, userId), `Unable to Get User Name (id ${userId})`);
      if (users.length === 0) max = access.maxUserIds;
      users.push({ userId, name, access });
      if (only || userId >= max || userId >= 63) break;
    }
  } catch (e) {
    if (e instanceof IpmiError) return report('channel.getaccess', { channel, users }, { failure: e });
    throw e;
  }
  return report('channel.getaccess', { channel, users });
}

export interface SetAccessReport {
  channel: number;
  userId: number;
  callin: boolean;
  linkAuth: boolean;
  ipmiMessaging: boolean;
  privilegeLimit: number;
}

type Option = 'callin' | 'link' | 'ipmi' | 'privilege';
const OPTIONS: readonly Option[] = ['callin', 'link', 'ipmi', 'privilege'];

/** on/enable/yes and off/disable/no (ipmitool treats anything but off/disable/no as on). */
function onOff(word: string, value: string): boolean {
  if (value === 'on' || value === 'enable' || value === 'yes') return true;
  if (value === 'off' || value === 'disable' || value === 'no') return false;
  throw new UsageError(`Invalid value for ${word}: '${value}' (expected on or off)`);
}

export async function setAccess(ctx: Context, args: string[]): Promise<Report<SetAccessReport>> {
  if (args[0] === 'help') throw new HelpRequest(CHANNEL_USAGE);
  if (args.length < 3) throw new UsageError('Not enough parameters given.', CHANNEL_USAGE);
  const channel = parseChannelNumber(args[0]!);
  const userId = parseUserId(args[1]!);
  // Every option is checked before anything is sent.
  const changes: Partial<Record<Option, boolean | number>> = {};
  for (const arg of args.slice(2)) {
    const eq = arg.indexOf('=');
    const opt = OPTIONS.find((o) => eq > 0 && arg.slice(0, eq) === o);
    if (!opt) throw new UsageError(`Invalid option: ${arg}\n`);
    const value = arg.slice(eq + 1);
    if (opt === 'privilege') {
      const named = privilegeLimitFromName(value);
      if (named === undefined && parseU8(value) === undefined) throw new UsageError(`Numeric [1-15] value expected, but '${value}' given.`);
      changes.privilege = named ?? parsePrivilegeLimit(value);
    } else changes[opt] = onOff(opt, value);
  }
  const a = await orSay(() => evalInvoke(ctx, getUserAccess, { channel, userId }), `Unable to Get User Access (channel ${channel} id ${userId})`);
  const next: SetAccessReport = {
    channel,
    userId,
    callin: (changes.callin as boolean | undefined) ?? !a.callbackOnly,
    linkAuth: (changes.link as boolean | undefined) ?? a.linkAuth,
    ipmiMessaging: (changes.ipmi as boolean | undefined) ?? a.ipmiMessaging,
    privilegeLimit: (changes.privilege as number | undefined) ?? a.privilegeLimit,
  };
  await orSay(
    () =>
      evalInvoke(ctx, setUserAccess, {
        channel,
        userId,
        changeBits: true,
        callbackOnly: !next.callin,
        linkAuth: next.linkAuth,
        ipmiMessaging: next.ipmiMessaging,
        privilegeLimit: next.privilegeLimit,
        sessionLimit: 0,
      }),
    `Unable to Set User Access (channel ${channel} id ${userId})`,
  );
  return report('channel.setaccess', next);
}
