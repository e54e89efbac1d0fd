/**
 * `user set password <id> [<password> [16|20]]` and `user test <id> <16|20> [<password>]`
 * (Set User Password, IPMI v2.0 §22.30). Without a password on the command line the terminal is
 * asked (twice for a new password), never echoing; the password never appears in output or errors.
 */
import { CompletionCodeError, HelpRequest, IpmiError, LocalError, UsageError } from '../../errors.js';
import { parseCNumber, parseU8 } from '../../runtime/numbers.js';
import { PasswordOperation, setUserPassword } from '../../ipmi/cmds/app/set-user-password.js';
import type { Context } from '../../runtime/context.js';
import { parseUserId } from '../shared/channel-args.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { report, type Report } from '../../report.js';
import { USER_USAGE } from './usage.js';

const MAX = 20;

const promptLine = (userId: number): string => `Password for user ${userId}: `;

async function ask(ctx: Context, userId: number): Promise<string> {
  const v = await ctx.deps.prompt(promptLine(userId));
  if (v === undefined) throw new LocalError('Cannot prompt for the password: no terminal (give it on the command line)', 'no-tty');
  return v;
}

export interface PasswordSet {
  userId: number;
  /** 16 or 20: the password field size used. */
  size: number;
}

export async function setPassword(ctx: Context, args: string[]): Promise<Report<PasswordSet>> {
  // args: <id> [<password> [16|20]]
  if (args.length > 3) throw new HelpRequest(USER_USAGE, true);
  const userId = parseUserId(args[0]!);
  let size: number | undefined;
  if (args.length === 3) {
    const s = parseU8(args[2]!);
    if (s !== 16 && s !== 20) throw new UsageError(`Invalid password length '${args[2]}'`);
    size = s;
  }
  if (args[1] !== undefined) checkLength(Buffer.byteLength(args[1], 'utf8'), size);
  let password = args[1];
  if (password === undefined) {
    password = await ask(ctx, userId);
    const again = await ask(ctx, userId);
    if (password !== again || Buffer.byteLength(password, 'utf8') > MAX)
      throw new UsageError(`Passwords do not match or are longer than ${MAX}`, undefined, 'invalid-password');
  }
  const bytes = Buffer.from(password, 'utf8');
  const field = checkLength(bytes.length, size);
  await orSay(
    () => evalInvoke(ctx, setUserPassword, { userId, operation: PasswordOperation.SetPassword, twentyBytes: field === 20, password: bytes }),
    `Set User Password command failed (user ${userId})`,
  );
  return report('user.password', { userId, size: field });
}

/** The field size: as asked, else 20 when the password needs it (ipmitool's rule). */
function checkLength(length: number, size: number | undefined): number {
  const field = size ?? (length > 16 ? 20 : 16);
  if (length > field) throw new UsageError(`Password is too long (> ${field} bytes)`, undefined, 'invalid-password');
  return field;
}

export interface PasswordTest {
  userId: number;
  size: number;
  /** success, incorrect (80h), wrong-size (81h), unknown (anything else). */
  result: 'success' | 'incorrect' | 'wrong-size' | 'unknown';
}

export async function test(ctx: Context, args: string[]): Promise<Report<PasswordTest>> {
  if (args.length !== 2 && args.length !== 3) throw new HelpRequest(USER_USAGE, true);
  const userId = parseUserId(args[0]!);
  const size = parseCNumber(args[1]!);
  if (size !== 16 && size !== 20) throw new UsageError(`Given password length '${args[1]}' is invalid.\nExpected value is either 16 or 20.`);
  if (args[2] !== undefined) checkLength(Buffer.byteLength(args[2], 'utf8'), size);
  const password = args[2] ?? (await ask(ctx, userId));
  const bytes = Buffer.from(password, 'utf8');
  checkLength(bytes.length, size);
  let result: PasswordTest['result'] = 'success';
  let failure: IpmiError | undefined;
  try {
    await evalInvoke(ctx, setUserPassword, { userId, operation: PasswordOperation.TestPassword, twentyBytes: size === 20, password: bytes });
  } catch (e) {
    if (!(e instanceof IpmiError)) throw e;
    result = e instanceof CompletionCodeError ? (e.cc === 0x80 ? 'incorrect' : e.cc === 0x81 ? 'wrong-size' : 'unknown') : 'unknown';
    // ipmitool's verdict is on stdout; the exit status says it failed (no second message).
    failure = new IpmiError(e.layer, e instanceof CompletionCodeError ? 'password-test' : e.code, '');
    if (e.message) failure.withDetail(e.message);
  }
  return report('user.test', { userId, size, result }, failure ? { failure } : {});
}
