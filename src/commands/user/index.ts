/** `user`: users of the management controller (lib/ipmi_user.c ipmi_user_main). */
import { HelpRequest, UsageError } from '../../errors.js';
import { PasswordOperation, setUserPassword } from '../../ipmi/cmds/app/set-user-password.js';
import { setUserAccess } from '../../ipmi/cmds/app/set-user-access.js';
import { setUserName } from '../../ipmi/cmds/app/set-user-name.js';
import type { Context } from '../../runtime/context.js';
import { parseChannelNumber, parsePrivilegeLimit, parseUserId } from '../shared/channel-args.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { invoke } from '../shared/invoke.js';
import { report, type Outcome, type Report } from '../../report.js';
import { list, summary, THIS_CHANNEL } from './list.js';
import { setPassword, test } from './password.js';
import { USER_USAGE } from './usage.js';
import { verbWords, wordList, type Words } from '../words.js';

export interface UserChange {
  userId: number;
  change: 'name' | 'enable' | 'disable' | 'priv';
  name?: string;
  privilegeLimit?: number;
  channel?: number;
}

const usage = (): never => {
  throw new HelpRequest(USER_USAGE, true);
};

async function setName(ctx: Context, args: string[]): Promise<Report<UserChange>> {
  if (args.length !== 2) usage();
  const userId = parseUserId(args[0]!);
  const name = Buffer.from(args[1]!, 'utf8');
  if (name.length > 16) throw new UsageError('Username is too long (> 16 bytes)');
  await invoke(
    ctx,
    setUserName,
    { userId, name },
    {
      failed: `Set User Name command failed (user ${userId}, name ${args[1]})`,
      noResponse: `Set User Name command failed (user ${userId}, name ${args[1]})`,
    },
  );
  return report('user.change', { userId, change: 'name', name: args[1]! });
}

async function enable(ctx: Context, args: string[], on: boolean): Promise<Report<UserChange>> {
  if (args.length !== 1) usage();
  const userId = parseUserId(args[0]!);
  const operation = on ? PasswordOperation.EnableUser : PasswordOperation.DisableUser;
  await orSay(() => evalInvoke(ctx, setUserPassword, { userId, operation, twentyBytes: false }), `Set User Password command failed (user ${userId})`);
  return report('user.change', { userId, change: on ? 'enable' : 'disable' });
}

async function priv(ctx: Context, args: string[]): Promise<Report<UserChange>> {
  if (args.length !== 2 && args.length !== 3) usage();
  const channel = args.length === 3 ? parseChannelNumber(args[2]!) : THIS_CHANNEL;
  const privilegeLimit = parsePrivilegeLimit(args[1]!);
  const userId = parseUserId(args[0]!);
  // Byte 1 bit 7 clear: only the privilege limit changes.
  await orSay(
    () =>
      evalInvoke(ctx, setUserAccess, {
        channel,
        userId,
        changeBits: false,
        callbackOnly: false,
        linkAuth: false,
        ipmiMessaging: false,
        privilegeLimit,
        sessionLimit: 0,
      }),
    `Set Privilege Level command failed (user ${userId})`,
  );
  return report('user.change', { userId, change: 'priv', privilegeLimit, channel });
}

const verbs: Readonly<Record<string, (ctx: Context, rest: string[]) => Promise<Outcome>>> = {
  help: async () => {
    throw new HelpRequest(USER_USAGE);
  },
  summary: (ctx, rest) => summary(ctx, rest),
  list: (ctx, rest) => list(ctx, rest),
  test: (ctx, rest) => test(ctx, rest),
  set: async (ctx, rest) => {
    if (rest[0] === 'password' && rest.length >= 2) return setPassword(ctx, rest.slice(1));
    if (rest[0] === 'name') return setName(ctx, rest.slice(1));
    return usage();
  },
  priv: (ctx, rest) => priv(ctx, rest),
  disable: (ctx, rest) => enable(ctx, rest, false),
  enable: (ctx, rest) => enable(ctx, rest, true),
};

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, { set: wordList(['password', 'name']) });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', USER_USAGE);
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new UsageError(`Invalid user command: '${sub}'\n`, USER_USAGE);
  return verb(ctx, rest);
}
