/** `sol info [channel]`: SOL configuration parameters (IPMI v2.0 §26.3). */
import { HelpRequest } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { CURRENT_CHANNEL, SOL_USAGE, parseChannel } from './args.js';
import { readSolConfig, type SolConfig } from './config.js';

export async function info(ctx: Context, args: string[]): Promise<Report<SolConfig>> {
  if (args.length > 1) throw new HelpRequest(SOL_USAGE, true);
  const channel = args.length === 1 ? parseChannel(args[0]!) : CURRENT_CHANNEL;
  const { config, notes } = await readSolConfig(ctx, channel);
  return report('sol.info', config, { notes });
}
