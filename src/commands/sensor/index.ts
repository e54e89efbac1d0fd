/** `sensor`: sensor readings and thresholds (ipmitool 1.8.19 ipmi_sensor_main). */
import type { Context } from '../../runtime/context.js';
import { HelpRequest, UsageError } from '../../errors.js';
import type { Outcome } from '../../report.js';
import { check } from './check.js';
import { get, list } from './list.js';
import { reading } from './reading.js';
import { thresh } from './thresh.js';
import { verbWords, type Words } from '../words.js';

export const SENSOR_HELP = 'Sensor Commands:  list thresh get reading\n';

type Verb = (ctx: Context, args: string[]) => Promise<Outcome>;

const verbs: Readonly<Record<string, Verb>> = {
  list: (ctx) => list(ctx),
  get: (ctx, args) => get(ctx, args),
  reading: (ctx, args) => reading(ctx, args),
  thresh: (ctx, args) => thresh(ctx, args),
  // An ipmits addition (src/commands/sensor/check.ts): monitoring-plugin verdict.
  check: (ctx, args) => check(ctx, args),
};

/** Completion: the verbs above; sensor names from the SDR cache. */
export const words: Words = verbWords(verbs, { get: ['@sensor'], reading: ['@sensor'], thresh: { '@sensor': null }, check: ['@sensor'] }, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) return list(ctx);
  if (sub === 'help') throw new HelpRequest(SENSOR_HELP);
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new UsageError(`Invalid sensor command: ${sub}`);
  return verb(ctx, rest);
}
