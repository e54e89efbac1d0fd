/** `power`: ipmitool's shortcut for `chassis power`. */
import type { Context } from '../../runtime/context.js';
import { power } from '../chassis/power.js';
import type { Outcome } from '../../report.js';
import { POWER_WORDS } from '../chassis/power.js';

export const words = POWER_WORDS;

export function run(ctx: Context, args: string[]): Promise<Outcome> {
  return power(ctx, args);
}
