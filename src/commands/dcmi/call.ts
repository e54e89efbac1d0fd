/**
 * One DCMI request with ipmitool's chk_rsp() wording: "\n    DCMI request failed because: <text>
 * (<cc>)" (DCMI codes 80h-8Fh from DCMI v1.5 Table 6-2, others the IPMI text). A BMC that does not
 * know the DCMI group at all (C1h, as ipmi_sim) gets one clear line instead.
 */
import { CommandError, DecodeError, IpmiError } from '../../errors.js';
import type { IpmiCommand } from '../../ipmi/command.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { dcmiCompletionCodes } from '../../ipmi/cmds/group/dcmi.js';
import type { Context } from '../../runtime/context.js';
import { isNoResponse } from '../shared/invoke.js';
import { unknownValue } from '../../format/c-printf.js';

export const NO_DCMI = 'This BMC does not support DCMI (the Group Extension commands of DCMI answer "Invalid command")';

export async function dcmiCall<Req, Res>(
  ctx: Context,
  cmd: IpmiCommand<Req, Res>,
  req: Req,
  accept: readonly number[] = [],
): Promise<{ cc: number; value: Res }> {
  const client = await ctx.client();
  let r: { cc: number; data: Buffer };
  try {
    // raw: a code in `accept` still carries data (Get Power Limit 80h: no active limit).
    r = await client.raw(cmd.netFn, cmd.cmd, cmd.encode(req));
  } catch (e) {
    if (isNoResponse(e))
      throw new IpmiError((e as IpmiError).layer, (e as IpmiError).code, '    Unable to get DCMI information', ['']).withDetail((e as IpmiError).message);
    throw e;
  }
  if (r.cc === 0xc1) throw new CommandError(NO_DCMI, 'no-dcmi').withDetail(`${cmd.name}: ${describeCompletionCode(r.cc)}`);
  if (r.cc !== 0 && !accept.includes(r.cc)) {
    const text = r.cc >= 0x80 && r.cc <= 0x8f ? (dcmiCompletionCodes[r.cc] ?? unknownValue(r.cc)) : describeCompletionCode(r.cc);
    throw new CommandError(`    DCMI request failed because: ${text} (${r.cc.toString(16)})`, 'completion-code', ['']);
  }
  try {
    return { cc: r.cc, value: cmd.decode(r.data) };
  } catch (e) {
    if (e instanceof DecodeError) throw new CommandError(`    ${e.message}`, 'not-dcmi', ['']).withDetail(`${cmd.name}: ${r.data.length}-byte reply`);
    throw e;
  }
}
