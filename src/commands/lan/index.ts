/** `lan`: LAN channel configuration (lib/ipmi_lanp.c ipmi_lanp_main). */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { own } from '../../own.js';
import type { Outcome } from '../../report.js';
import { alertPrint, alertSet } from './alert.js';
import { print } from './print.js';
import { set } from './set.js';
import { stats } from './stats.js';
import { ALERT_PRINT_USAGE, ALERT_SET_USAGE, LAN_USAGE } from './usage.js';
import { verbWords, type Words } from '../words.js';

const verbs: Readonly<Record<string, (ctx: Context, args: string[]) => Promise<Outcome>>> = {
  print: (ctx, args) => print(ctx, args, LAN_USAGE),
  printconf: (ctx, args) => print(ctx, args, LAN_USAGE),
  set: (ctx, args) => set(ctx, args),
  alert: (ctx, args) => alert(ctx, args),
  stats: (ctx, args) => stats(ctx, args),
};

function alert(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new HelpRequest(ALERT_PRINT_USAGE + ALERT_SET_USAGE, true);
  const s = sub.toLowerCase();
  if (s === 'help') throw new HelpRequest(ALERT_PRINT_USAGE + ALERT_SET_USAGE);
  if (s === 'print') return alertPrint(ctx, rest);
  if (s === 'set') return alertSet(ctx, rest);
  // ipmitool silently succeeds here.
  throw new UsageError(`Invalid LAN alert command: ${sub}`, ALERT_PRINT_USAGE + ALERT_SET_USAGE);
}

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, {}, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new HelpRequest(LAN_USAGE, true);
  if (sub === 'help') throw new HelpRequest(LAN_USAGE);
  const verb = own(verbs, sub);
  if (!verb) throw new UsageError(`Invalid LAN command: ${sub}`);
  return verb(ctx, rest);
}
