/** `sdr cache clear` (an ipmits addition): remove this BMC's SDR cache file (with -H) or all of them. */
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../errors.js';
import { clearSdrCache } from '../shared/sdr.js';
import { report, type Outcome } from '../../report.js';
import type { SdrCacheClearData } from './data.js';

export const CACHE_USAGE = 'usage: sdr cache clear\n';

export async function cache(ctx: Context, args: string[]): Promise<Outcome> {
  if (args[0] !== 'clear' || args.length > 1)
    throw new UsageError(args[0] === undefined ? 'Not enough parameters given.' : `Invalid SDR cache command: ${args[0]}`, CACHE_USAGE);
  const data: SdrCacheClearData = await clearSdrCache(ctx);
  return report('sdr.cache.clear', data);
}
