/** `chassis`: sub-command table. Help texts are ipmitool's. */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import type { Outcome } from '../../report.js';
import { POWER_WORDS, power } from './power.js';
import { status } from './status.js';
import { POLICY_NAMES, identify, poh, policy, restartCause, selftest } from './misc.js';
import { bootDevices, bootdev } from './bootdev.js';
import { verbWords, wordList, type Words } from '../words.js';
import { bootparam } from './bootparam.js';
import { own } from '../../own.js';

export const CHASSIS_HELP = `Chassis Commands:
  status, power, policy, restart_cause
  poh, identify, selftest,
  bootdev, bootparam, bootmbox
`;

const verbs: Readonly<Record<string, (ctx: Context, args: string[]) => Promise<Outcome>>> = {
  status: (ctx) => status(ctx),
  power: (ctx, args) => power(ctx, args),
  identify: (ctx, args) => identify(ctx, args),
  policy: (ctx, args) => policy(ctx, args),
  restart_cause: (ctx) => restartCause(ctx),
  poh: (ctx) => poh(ctx),
  selftest: (ctx) => selftest(ctx),
  bootdev: (ctx, args) => bootdev(ctx, args),
  bootparam: (ctx, args) => bootparam(ctx, args),
};

const BOOTDEV_AFTER = ['clear-cmos=yes', 'options='];

/** Completion: the verbs above and their fixed arguments. */
export const words: Words = verbWords(
  verbs,
  {
    power: POWER_WORDS,
    policy: wordList(Object.keys(POLICY_NAMES)),
    identify: wordList(['force']),
    bootdev: { ...wordList(Object.keys(bootDevices), BOOTDEV_AFTER), help: null },
    bootparam: { get: null, set: { bootflag: wordList(Object.keys(bootDevices), ['options=']) } },
  },
  { help: null },
);

export function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  // ipmitool exits 1 after printing this help (also for `chassis help`).
  if (sub === undefined || sub === 'help') throw new HelpRequest(CHASSIS_HELP, true);
  const verb = own(verbs, sub);
  if (!verb) throw new UsageError(`Invalid chassis command: ${sub}`);
  return verb(ctx, rest);
}
