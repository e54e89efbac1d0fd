/**
 * Run one IPMI command the way ipmitool reports it: a completion code becomes
 * "<failed>: <code text>", silence becomes "<noResponse>"; the layer (and so the
 * exit status) of the underlying error is kept.
 */
import { CompletionCodeError, IpmiError } from '../../errors.js';
import type { IpmiCommand } from '../../ipmi/command.js';
import { describeCommandCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';

export interface Wording {
  /**
   * The line for a non-zero completion code: a prefix ("Get Chassis Power Status failed"
   * gives "...failed: <code text>") or the whole line built from the code's text.
   */
  failed: string | ((description: string, cc: number) => string);
  /** Line when the BMC does not answer: "Unable to get Chassis Power Status". */
  noResponse: string;
  /** Send once, never retransmit (a cold reset must not be repeated). */
  once?: boolean;
}

export async function invoke<Req, Res>(ctx: Context, cmd: IpmiCommand<Req, Res>, req: Req, w: Wording): Promise<Res> {
  const client = await ctx.client();
  let r: { cc: number; value?: Res };
  try {
    r = await client.try(cmd, req, { once: w.once === true });
  } catch (e) {
    throw noResponse(e, w.noResponse);
  }
  if (r.cc !== 0) {
    const desc = describeCommandCode(cmd, r.cc);
    const line = typeof w.failed === 'string' ? `${w.failed}: ${desc}` : w.failed(desc, r.cc);
    throw new CompletionCodeError(cmd.name, r.cc, desc, line);
  }
  return r.value as Res;
}

/** True for "no answer" failures (timeouts, unreachable), as opposed to refusals. */
export function isNoResponse(e: unknown): boolean {
  return e instanceof IpmiError && (e.layer === 'transport' || e.layer === 'device');
}

/**
 * Reword a transport failure (timeout, refused) with ipmitool's line; keep the cause for -v.
 * A local driver failure ("Unable to send command: Invalid argument") stays in front of the
 * line, as ipmitool's open interface prints it before returning no response.
 */
export function noResponse(e: unknown, line: string): unknown {
  if (e instanceof IpmiError && e.layer === 'device') {
    return new IpmiError(e.layer, e.code, line, [...e.preamble, e.message]);
  }
  if (e instanceof IpmiError && e.layer === 'transport') {
    return new IpmiError(e.layer, e.code, line, e.preamble).withDetail(e.message);
  }
  return e;
}

/** ipmitool's most common failure shape: "<what>: <code text>". */
export const colon =
  (what: string) =>
  (description: string): string =>
    `${what}: ${description}`;
