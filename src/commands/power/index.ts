/** `power`: ipmitool's shortcut for `chassis power`. */
import type { Context } from '../../runtime/context.js';
import { power } from '../chassis/power.js';
import type { Outcome } from '../../report.js';

export function run(ctx: Context, args: string[]): Promise<Outcome> {
  return power(ctx, args);
}
