/**
 * `pef status`: Get Last Processed Event ID (IPMI v2.0 §30.6), PEF control (parameter 1) and PEF
 * action global control (parameter 2), as ipmi_pef2_get_status. A refusal is reported as ipmitool
 * does: " **Error <cc> in '<what>' command" then " **Error retrieving <what>" (80h: the second only).
 */
import { IpmiError } from '../../errors.js';
import { getLastProcessedEventId, type LastProcessedEventId } from '../../ipmi/cmds/sensor/get-last-processed-event-id.js';
import { getPefConfigurationParameters, PefParam } from '../../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import type { IpmiCommand } from '../../ipmi/command.js';
import type { Context } from '../../runtime/context.js';
import { CommandError } from '../../errors.js';
import { isNoResponse } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';

export interface PefStatus {
  last: LastProcessedEventId;
  /** Parameter 1 byte (b0 PEF, b1 event messages, b2 startup delay, b3 alert startup delay). */
  control: number;
  /** Parameter 2 byte (action bits, as Get PEF Capabilities). */
  actions: number;
}

/** ipmi_pef_msg_exchange(): the value, or ipmitool's two error lines. */
export async function pefExchange<Req, Res>(ctx: Context, cmd: IpmiCommand<Req, Res>, req: Req, what: string): Promise<Res> {
  const client = await ctx.client();
  let r: { cc: number; value?: Res };
  try {
    r = await client.try(cmd, req);
  } catch (e) {
    if (isNoResponse(e)) throw new IpmiError((e as IpmiError).layer, (e as IpmiError).code, ` **Error retrieving ${what}`).withDetail((e as IpmiError).message);
    throw e;
  }
  if (r.cc === 0x80) throw new CommandError(` **Error retrieving ${what}`, 'unsupported');
  if (r.cc !== 0) throw new CommandError(` **Error retrieving ${what}`, 'completion-code', [` **Error ${r.cc.toString(16)} in '${what}' command`]);
  return r.value as Res;
}

export async function status(ctx: Context): Promise<Report<PefStatus>> {
  const last = await pefExchange(ctx, getLastProcessedEventId, undefined, 'Last S/W processed ID');
  const control = await pefExchange(ctx, getPefConfigurationParameters, { param: PefParam.Control }, 'PEF control');
  const actions = await pefExchange(ctx, getPefConfigurationParameters, { param: PefParam.ActionGlobalControl }, 'PEF action');
  return report('pef.status', { last, control: control.data[0] ?? 0, actions: actions.data[0] ?? 0 });
}
