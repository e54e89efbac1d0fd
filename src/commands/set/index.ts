/**
 * `set <option> <value>`: ipmitool's runtime variables for `shell` and `exec` (src/ipmishell.c
 * ipmi_set_main). Later lines of the same shell or exec file use the new value; a new host,
 * user, password, privilege, authentication type, port or address opens a new session.
 * Outside shell and exec it changes nothing, and prints what ipmitool prints.
 */
import type { Context } from '../../runtime/context.js';
import type { GlobalOptions } from '../../runtime/options.js';
import { parseCNumber, parseU8 } from '../../runtime/numbers.js';
import { HelpRequest, LocalError, UsageError } from '../../errors.js';
import { authTypeFromName, authTypeNames } from '../../protocol/crypto/authcode15.js';
import { own } from '../../own.js';
import { report, type Outcome } from '../../report.js';
import { verbWords, wordList, type Words } from '../words.js';
import { privilegeFromName, privilegeNames } from '../../spec/privilege.js';

export const SET_USAGE = `Usage: set <option> <value>

Options are:
    hostname <host>        Session hostname
    username <user>        Session username
    password <pass>        Session password
    privlvl <level>        Session privilege level force
    authtype <type>        Authentication type force
    localaddr <addr>       Local IPMB address
    targetaddr <addr>      Remote target IPMB address
    port <port>            Remote RMCP port
    csv [level]            enable output in comma separated format
    verbose [level]        Verbose level

`;

/** What was set, for src/output/set.ts. A password is never part of it. */
export type SetData =
  | { option: 'hostname' | 'username'; value: string }
  | { option: 'password' }
  | { option: 'privlvl' | 'authtype'; value: string }
  | { option: 'port'; value: number }
  | { option: 'localaddr' | 'targetaddr'; value: number }
  | { option: 'verbose' | 'csv'; value: number };

/** str2int: a 32-bit signed integer (base 0), or the error line. */
function int(word: string, label: string, what = ''): number {
  const v = parseCNumber(word);
  if (v === undefined || v < -0x80000000 || v > 0x7fffffff) throw new UsageError(`Given ${label} '${word}'${what} is invalid.`);
  return v;
}

type Setter = (ctx: Context, value: string) => Promise<{ data: SetData; change: Partial<GlobalOptions> }>;

const SETTERS: Readonly<Record<string, Setter>> = {
  hostname: async (_, host) => ({ data: { option: 'hostname', value: host }, change: { host } }),
  username: async (_, username) => {
    if (Buffer.byteLength(username) > 16) throw new UsageError('Username is too long (> 16 bytes)');
    return { data: { option: 'username', value: username }, change: { username } };
  },
  password: async (_, value) => ({
    data: { option: 'password' },
    change: { passwordSources: [{ kind: 'arg', value, order: 0 }] },
  }),
  privlvl: async (_, word) => {
    const level = privilegeFromName(word);
    if (level === undefined) throw new UsageError(`Invalid privilege level: ${word}`);
    return { data: { option: 'privlvl', value: privilegeNames[level]! }, change: { privilege: level, privilegeInvalid: undefined } };
  },
  authtype: async (_, word) => {
    const t = authTypeFromName(word);
    if (t === undefined) throw new UsageError(`Invalid authtype: ${word}`);
    return { data: { option: 'authtype', value: authTypeNames[t]! }, change: { authType: t, authTypeInvalid: undefined } };
  },
  port: async (_, word) => {
    const port = int(word, 'port');
    if (port < 0 || port > 65535) throw new UsageError(`Given port '${word}' is invalid.`);
    return { data: { option: 'port', value: port }, change: { port } };
  },
  localaddr: async (_, word) => {
    const a = parseU8(word);
    if (a === undefined) throw new UsageError(`Given localaddr '${word}' is invalid.`);
    return { data: { option: 'localaddr', value: a }, change: { localAddr: a } };
  },
  targetaddr: async (_, word) => {
    const a = parseU8(word);
    if (a === undefined) throw new UsageError(`Given targetaddr '${word}' is invalid.`);
    return { data: { option: 'targetaddr', value: a }, change: { targetAddr: a } };
  },
};

/** ipmitool's short names for the same options. */
const ALIASES: Readonly<Record<string, string>> = { host: 'hostname', user: 'username', pass: 'password' };

async function levelOption(ctx: Context, option: 'verbose' | 'csv', word: string | undefined): Promise<Outcome> {
  const current = option === 'verbose' ? ctx.options.verbose : ctx.options.csv ? 1 : 0;
  const value = word === undefined ? (option === 'verbose' ? current + 1 : 1) : int(word, `${option}`, ' argument');
  await ctx.lines?.update(option === 'verbose' ? { verbose: Math.max(0, value) } : { csv: value !== 0 });
  return report<SetData>('set.done', { option, value });
}

/** Completion: what run() below accepts (its SETTERS, aliases and the two levels). */
export const words: Words = { ...verbWords(SETTERS), ...wordList(Object.keys(ALIASES)), verbose: null, csv: null, help: null };

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [name, value] = args;
  if (name === undefined || name === 'help') throw new HelpRequest(SET_USAGE, true);
  if (name === 'verbose' || name === 'csv') return levelOption(ctx, name, value);
  const option = own(ALIASES, name) ?? name;
  const setter = own(SETTERS, option);
  if (!setter) throw new HelpRequest(SET_USAGE, true);
  let word = value;
  if (word === undefined) {
    // An extension: `set password` alone asks without echo, so the password is never on screen.
    if (option !== 'password') throw new HelpRequest(SET_USAGE, true);
    word = await ctx.deps.prompt('Password: ');
    if (word === undefined) throw new LocalError('Cannot prompt for a password: no terminal (give it after `set password`)', 'no-tty');
  }
  const { data, change } = await setter(ctx, word);
  await ctx.lines?.update(change);
  return report<SetData>('set.done', data);
}
