/**
 * `session info active|all|id <id>|handle <handle>`: Get Session Info (IPMI v2.0 §22.20), as
 * lib/ipmi_session.c ipmi_session_main. `all` asks slots 1..slot count and stops at the first
 * reply shorter than 3 bytes (ipmitool's rule, which also ends the list on CBh/CCh).
 */
import { CommandError, HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { parseCNumber } from '../../runtime/numbers.js';
import { getSessionInfo, parseSessionInfo, type SessionInfo, type SessionSelector } from '../../ipmi/cmds/app/get-session-info.js';
import { setSessionPrivilegeLevel } from '../../ipmi/cmds/app/set-session-privilege-level.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import { isNoResponse } from '../shared/invoke.js';
import { report, type Outcome } from '../../report.js';
import { wordList, type Words } from '../words.js';

export const SESSION_USAGE = 'Session Commands: info <active | all | id 0xnnnnnnnn | handle 0xnn>\n';

export interface SessionReport {
  sessions: SessionInfo[];
}

/** ipmitool reads at most the 18 bytes of its reply structure. */
const MAX_REPLY = 18;

type Ask = { ok: true; info: SessionInfo; length: number } | { ok: false; error: IpmiError; cc?: number; length?: number };

async function ask(ctx: Context, sel: SessionSelector): Promise<Ask> {
  const client = await ctx.client();
  let r: { cc: number; value?: Buffer };
  try {
    r = await client.try(getSessionInfo, sel, { once: false });
  } catch (e) {
    if (isNoResponse(e))
      return {
        ok: false,
        error: new IpmiError((e as IpmiError).layer, (e as IpmiError).code, 'Get Session Info command failed').withDetail((e as IpmiError).message),
      };
    throw e;
  }
  if (r.cc !== 0) {
    return { ok: false, cc: r.cc, error: new CommandError(`Get Session Info command failed: ${describeCompletionCode(r.cc)}`, 'completion-code') };
  }
  const data = r.value!.subarray(0, MAX_REPLY);
  if (data.length < 3)
    return { ok: false, length: data.length, error: new CommandError('', 'short-reply').withDetail(`Get Session Info: ${data.length}-byte reply`) };
  return { ok: true, info: parseSessionInfo(data), length: data.length };
}

/**
 * ipmits raises the session privilege only when a command needs it (docs/compatibility.md); the
 * session's own record would then show USER where ipmitool's shows the level asked with -L. So
 * the level is set first, as ipmitool does at login (a refusal leaves the session as it is).
 */
async function raiseSessionPrivilege(ctx: Context): Promise<void> {
  if (ctx.interfaceName === 'open' || ctx.options.privilege <= 2) return;
  const client = await ctx.client();
  try {
    await client.try(setSessionPrivilegeLevel, { privilege: ctx.options.privilege });
  } catch (e) {
    if (!isNoResponse(e)) throw e;
  }
}

function number(word: string | undefined, what: string): number {
  if (word === undefined) throw new UsageError(`Missing ${what} argument`, SESSION_USAGE);
  const v = parseCNumber(word);
  if (v === undefined || v < 0 || v > 0xffffffff) throw new UsageError(`HEX number expected, but '${word}' given.`, SESSION_USAGE);
  return v;
}

/** Completion: `info` and the selectors run() below accepts. */
export const words: Words = { info: wordList(['active', 'all', 'id', 'handle']), help: null };

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, which, value] = args;
  if (sub === undefined || sub === 'help') throw new HelpRequest(SESSION_USAGE);
  if (sub !== 'info') throw new UsageError(`Invalid SESSION command: ${sub}`, SESSION_USAGE);
  if (which === undefined || which === 'help') throw new HelpRequest(SESSION_USAGE);
  let sel: SessionSelector | 'all';
  if (which === 'active') sel = { by: 'current' };
  else if (which === 'all') sel = 'all';
  else if (which === 'id') sel = { by: 'id', id: number(value, 'id') };
  else if (which === 'handle') sel = { by: 'handle', handle: number(value, 'handle') & 0xff };
  else throw new UsageError(`Invalid SESSION info parameter: ${which}`, SESSION_USAGE);

  await raiseSessionPrivilege(ctx);
  if (sel !== 'all') {
    const a = await ask(ctx, sel);
    if (a.ok) return report('session.info', { sessions: [a.info] });
    const e = a.error;
    // ipmitool adds a hint for the current session, except over IPMI v1.5 "lan".
    if (sel.by === 'current' && ctx.interfaceName !== 'lan' && e.message) {
      const out = new IpmiError(e.layer, e.code, 'It is likely that the channel in use does not support sessions', [e.message]);
      if (e.detail) out.withDetail(e.detail);
      return report('session.info', { sessions: [] }, { failure: out });
    }
    return report('session.info', { sessions: [] }, { failure: e });
  }
  const sessions: SessionInfo[] = [];
  let slots = 1;
  for (let index = 1; index <= slots && index <= 0x3f; index++) {
    const a = await ask(ctx, { by: 'index', index });
    if (!a.ok) {
      // CBh/CCh with no data end the list like a short reply: no message, but a failure.
      return report('session.info', { sessions }, { failure: a.error });
    }
    sessions.push(a.info);
    slots = a.info.slotCount;
  }
  return report('session.info', { sessions });
}
