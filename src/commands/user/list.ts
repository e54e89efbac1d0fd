/** `user summary [channel]` and `user list [channel]`: Get User Access and Get User Name per user (IPMI v2.0 §22.27, §22.29). */
import { CompletionCodeError, HelpRequest, IpmiError } from '../../errors.js';
import { getUserAccess, type UserAccess } from '../../ipmi/cmds/app/get-user-access.js';
import { getUserName } from '../../ipmi/cmds/app/get-user-name.js';
import type { Context } from '../../runtime/context.js';
import { parseChannelNumber } from '../shared/channel-args.js';
import { evalInvoke } from '../shared/ccode-wording.js';
import { report, type Report } from '../../report.js';
import { USER_USAGE } from './usage.js';

/** Current channel (IPMI v2.0 §6.3). */
export const THIS_CHANNEL = 0x0e;

export interface UserSummary {
  channel: number;
  maxUserIds: number;
  enabledUserIds: number;
  fixedNameUserIds: number;
}

export interface UserEntry {
  userId: number;
  /** Up to the first NUL; "" for an empty slot (or a BMC answering CCh for it). */
  name: string;
  access: UserAccess;
}

export interface UserList {
  channel: number;
  users: UserEntry[];
}

function channelArg(args: string[]): number {
  if (args.length > 1) throw new HelpRequest(USER_USAGE, true);
  return args.length === 1 ? parseChannelNumber(args[0]!) : THIS_CHANNEL;
}

export async function summary(ctx: Context, args: string[]): Promise<Report<UserSummary>> {
  const channel = channelArg(args);
  const a = await evalInvoke(ctx, getUserAccess, { channel, userId: 1 });
  return report('user.summary', { channel, maxUserIds: a.maxUserIds, enabledUserIds: a.enabledUserIds, fixedNameUserIds: a.fixedNameUserIds });
}

/** The name of a user; CCh (no such user on some BMCs) reads as empty, as in ipmitool. */
export async function userName(ctx: Context, userId: number): Promise<string> {
  try {
    const n = await evalInvoke(ctx, getUserName, { userId });
    const nul = n.raw.indexOf(0);
    return (nul < 0 ? n.raw : n.raw.subarray(0, nul)).toString('latin1');
  } catch (e) {
    if (e instanceof CompletionCodeError && e.cc === 0xcc) return '';
    throw e;
  }
}

export async function list(ctx: Context, args: string[]): Promise<Report<UserList>> {
  const channel = channelArg(args);
  const users: UserEntry[] = [];
  try {
    for (let userId = 1; ; userId++) {
      const access = await evalInvoke(ctx, getUserAccess, { channel, userId });
      users.push({ userId, name: await userName(ctx, userId), access });
      if (userId >= access.maxUserIds || userId >= 63) break;
    }
  } catch (e) {
    // The users read so far are printed before the error, as ipmitool does.
    if (e instanceof IpmiError) return report('user.list', { channel, users }, { failure: e });
    throw e;
  }
  return report('user.list', { channel, users });
}
