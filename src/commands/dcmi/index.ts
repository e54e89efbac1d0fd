/** `dcmi`: Data Center Management Interface (lib/ipmi_dcmi.c ipmi_dcmi_main; DCMI v1.5). */
import { CommandError, HelpRequest, IpmiError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { report, type Outcome } from '../../report.js';
import { configParams, setConfigParam } from './config.js';
import { discover } from './discover.js';
import { power } from './power.js';
import { assetTag, mcIdString, setString } from './strings.js';
import { sensors, temperatures, thermalPolicy } from './temperature.js';
import { DCMI_USAGE } from './usage.js';

/** ipmitool commands ipmits does not implement (the RMCP presence ping). */
const NOT_HERE = new Set(['oob_discover']);

/**
 * ipmi_dcmi_main prints its closing newline after `power` and `thermalpolicy` even when the BMC
 * refused them (the other commands return before it): the text output keeps that line.
 */
async function withNewline(ctx: Context, fn: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof IpmiError) || e.layer === 'usage' || e.code === 'no-dcmi' || ctx.options.format !== 'text') throw e;
    return report('dcmi.newline', {}, { failure: e });
  }
}

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  // ipmitool prints the menu and exits 1 even for `dcmi help`.
  if (sub === undefined || sub === 'help') throw new HelpRequest(DCMI_USAGE, true);
  const s = sub.toLowerCase();
  if (NOT_HERE.has(s)) throw new CommandError(`dcmi ${s} is not implemented by ipmits`, 'not-implemented');
  switch (s) {
    case 'discover':
      return discover(ctx);
    case 'power':
      return withNewline(ctx, () => power(ctx, rest));
    case 'sensors':
      return sensors(ctx);
    case 'asset_tag':
      return assetTag(ctx);
    case 'get_mc_id_string':
      return mcIdString(ctx);
    case 'set_asset_tag':
    case 'set_mc_id_string':
      return setString(ctx, s, rest);
    case 'thermalpolicy':
      return withNewline(ctx, () => thermalPolicy(ctx, rest));
    case 'get_temp_reading':
      return temperatures(ctx);
    case 'get_conf_param':
      return configParams(ctx);
    case 'set_conf_param':
      return setConfigParam(ctx, rest);
    default:
      throw new HelpRequest(DCMI_USAGE, true);
  }
}
