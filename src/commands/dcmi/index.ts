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
import { verbWords, type Words } from '../words.js';

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

const verbs: Readonly<Record<string, (ctx: Context, rest: string[]) => Promise<Outcome>>> = {
  discover: (ctx) => discover(ctx),
  power: (ctx, rest) => withNewline(ctx, () => power(ctx, rest)),
  sensors: (ctx) => sensors(ctx),
  asset_tag: (ctx) => assetTag(ctx),
  get_mc_id_string: (ctx) => mcIdString(ctx),
  set_asset_tag: (ctx, rest) => setString(ctx, 'set_asset_tag', rest),
  set_mc_id_string: (ctx, rest) => setString(ctx, 'set_mc_id_string', rest),
  thermalpolicy: (ctx, rest) => withNewline(ctx, () => thermalPolicy(ctx, rest)),
  get_temp_reading: (ctx) => temperatures(ctx),
  get_conf_param: (ctx) => configParams(ctx),
  set_conf_param: (ctx, rest) => setConfigParam(ctx, rest),
};

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, {}, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  // ipmitool prints the menu and exits 1 even for `dcmi help`.
  if (sub === undefined || sub === 'help') throw new HelpRequest(DCMI_USAGE, true);
  const s = sub.toLowerCase();
  if (NOT_HERE.has(s)) throw new CommandError(`dcmi ${s} is not implemented by ipmits`, 'not-implemented');
  const verb = Object.hasOwn(verbs, s) ? verbs[s] : undefined;
  if (!verb) throw new HelpRequest(DCMI_USAGE, true);
  return verb(ctx, rest);
}
