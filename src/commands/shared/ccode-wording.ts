/**
 * ipmitool's eval_ccode() wording (lib/helper.c): most channel, user and PEF commands print
 * "IPMI command failed: <code text>" (or "IPMI response is NULL." when nothing came back,
 * "Unexpected data length received." for a short reply) and then a line of their own.
 */
import { DecodeError, IpmiError } from '../../errors.js';
import type { IpmiCommand } from '../../ipmi/command.js';
import type { Context } from '../../runtime/context.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { invoke } from './invoke.js';

/**
 * One request with eval_ccode's wording (the generic completion-code text, as ipmitool prints it;
 * the command-specific text stays in the error's `description`); the layer (and so the exit status) is kept.
 */
export async function evalInvoke<Req, Res>(ctx: Context, cmd: IpmiCommand<Req, Res>, req: Req): Promise<Res> {
  try {
    return await invoke(ctx, cmd, req, { failed: (_d, cc) => `IPMI command failed: ${describeCompletionCode(cc)}`, noResponse: 'IPMI response is NULL.' });
  } catch (e) {
    if (e instanceof DecodeError) throw new IpmiError('decode', 'decode', 'Unexpected data length received.').withDetail(e.message);
    throw e;
  }
}

/** The failure with a second line after it (ipmitool's "Unable to ..." after eval_ccode). */
export function followedBy(e: unknown, line: string): unknown {
  if (!(e instanceof IpmiError)) return e;
  const out = new IpmiError(e.layer, e.code, line, [...e.preamble, ...(e.message ? [e.message] : [])]);
  if (e.detail) out.withDetail(e.detail);
  return out;
}

/** Run `fn`; on failure add `line` after ipmitool's first line. */
export async function orSay<T>(fn: () => Promise<T>, line: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw followedBy(e, line);
  }
}
