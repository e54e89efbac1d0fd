/**
 * `watchdog run` (an ipmits addition): a BMC watchdog daemon, like FreeIPMI's bmc-watchdog -d.
 * The logic is src/watchdog/daemon.ts; this verb parses the options, finds the kernel owner,
 * wires the daemon to the session, the clock, the event lines and sd_notify. docs/watchdog.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { CommandError, HelpRequest, TransportError, UsageError } from '../../errors.js';
import { getWatchdogTimer } from '../../ipmi/cmds/app/get-watchdog-timer.js';
import { resetWatchdogTimer } from '../../ipmi/cmds/app/reset-watchdog-timer.js';
import { setWatchdogTimer } from '../../ipmi/cmds/app/set-watchdog-timer.js';
import { eventWriter } from '../../watchdog/events.js';
import type { Outcome } from '../../report.js';
import type { Context } from '../../runtime/context.js';
import {
  ACTIONS,
  DEFAULT_COUNTDOWN_SEC,
  PRETIMEOUT_INTERRUPTS,
  WatchdogDaemon,
  WatchdogEnded,
  checkConfig,
  defaultInterval,
  type ActionName,
  type PreTimeoutName,
  type WatchdogConfig,
  type WatchdogEvent,
  type WatchdogPort,
} from '../../watchdog/daemon.js';
import { kernelWatchdogOwner } from '../../watchdog/owner.js';
import { sdNotifier } from '../../watchdog/notify.js';
import { colon, invoke } from '../shared/invoke.js';
import { optionList, verbWords, type Words } from '../words.js';

export const WATCHDOG_HELP = `usage: watchdog run [options]
  Arm the BMC watchdog (timer use SMS/OS) and kick it until stopped.
    --countdown SEC        initial countdown, 1-6553 [${DEFAULT_COUNTDOWN_SEC}]
    --interval SEC         seconds between kicks [a third of the countdown]
    --action ACTION        at expiry: ${Object.keys(ACTIONS).join('|')} [reset]
    --pretimeout SEC       pre-timeout interrupt this long before expiry [0: none]
    --pretimeout-action A  ${Object.keys(PRETIMEOUT_INTERRUPTS).join('|')} [nmi with --pretimeout]
    --force                take over a timer another owner runs
    --arm-on-exit          on SIGTERM/SIGINT leave the timer running (the BMC acts
                           unless a new daemon takes over); default: stop it
  --json prints one JSON event per line on stdout; --timeout does not apply.
`;

type Verb = (ctx: Context, args: string[]) => Promise<Outcome>;

const verbs: Readonly<Record<string, Verb>> = { run: (ctx, args) => runDaemon(ctx, args) };

/** `run`'s options: the parser below and completion read this table. */
const RUN_OPTIONS: Readonly<Record<string, readonly string[] | null>> = {
  '--countdown': ['<sec>'],
  '--interval': ['<sec>'],
  '--action': Object.keys(ACTIONS),
  '--pretimeout': ['<sec>'],
  '--pretimeout-action': Object.keys(PRETIMEOUT_INTERRUPTS),
  '--force': null,
  '--arm-on-exit': null,
};

/** The family's words (completion): its verbs and their options. */
export const words: Words = verbWords(verbs, { run: optionList(RUN_OPTIONS) }, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', WATCHDOG_HELP);
  if (sub === 'help') throw new HelpRequest(WATCHDOG_HELP);
  const verb = Object.hasOwn(verbs, sub) ? verbs[sub] : undefined;
  if (!verb) throw new UsageError(`Invalid watchdog command: ${sub}`, WATCHDOG_HELP);
  return verb(ctx, rest);
}

function num(opt: string, v: string | undefined): number {
  const n = v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`watchdog run: ${opt} needs a number of seconds${v === undefined ? '' : `, not '${v}'`}`, WATCHDOG_HELP);
  return n;
}

function oneOf<T extends string>(opt: string, v: string | undefined, names: readonly T[]): T {
  if (v !== undefined && (names as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`watchdog run: ${opt} takes ${names.join(', ')}${v === undefined ? '' : `, not '${v}'`}`, WATCHDOG_HELP);
}

/** `run`'s options (--opt value or --opt=value); the global --force counts too. */
export function parseRunOptions(args: readonly string[], force: boolean): WatchdogConfig {
  let countdown = DEFAULT_COUNTDOWN_SEC;
  let interval: number | undefined;
  let action: ActionName = 'reset';
  let pre = 0;
  let preAction: PreTimeoutName | undefined;
  let armOnExit = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const opt = eq > 0 ? arg.slice(0, eq) : arg;
    const takes = Object.hasOwn(RUN_OPTIONS, opt) && RUN_OPTIONS[opt] !== null;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    if (!takes && eq > 0) throw new UsageError(`watchdog run: ${opt} takes no value`, WATCHDOG_HELP);
    switch (opt) {
      case '--countdown':
        countdown = num(opt, value());
        break;
      case '--interval':
        interval = num(opt, value());
        break;
      case '--action':
        action = oneOf(opt, value(), Object.keys(ACTIONS) as ActionName[]);
        break;
      case '--pretimeout':
        pre = num(opt, value());
        break;
      case '--pretimeout-action':
        preAction = oneOf(opt, value(), Object.keys(PRETIMEOUT_INTERRUPTS) as PreTimeoutName[]);
        break;
      case '--force':
        force = true;
        break;
      case '--arm-on-exit':
        armOnExit = true;
        break;
      default:
        throw new UsageError(`watchdog run: unknown option '${arg}'`, WATCHDOG_HELP);
    }
  }
  const config: WatchdogConfig = {
    countdownSec: countdown,
    intervalSec: interval ?? defaultInterval(countdown),
    action,
    preTimeoutSec: preAction === 'none' ? 0 : pre,
    preTimeoutInterrupt: preAction ?? (pre > 0 ? 'nmi' : 'none'),
    force,
    armOnExit,
  };
  const bad = checkConfig(config);
  if (bad) throw new UsageError(`watchdog run: ${bad}`, WATCHDOG_HELP);
  return config;
}

const nodeFiles = {
  read: (p: string): string | undefined => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  list: (d: string): string[] => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  },
};

function port(ctx: Context): WatchdogPort {
  return {
    get: () =>
      invoke(ctx, getWatchdogTimer, undefined, { failed: colon('Get Watchdog Timer command failed'), noResponse: 'Get Watchdog Timer command failed' }),
    set: (req) => invoke(ctx, setWatchdogTimer, req, { failed: colon('Set Watchdog Timer command failed'), noResponse: 'Set Watchdog Timer command failed' }),
    reset: () =>
      invoke(ctx, resetWatchdogTimer, undefined, { failed: colon('Reset Watchdog Timer command failed'), noResponse: 'Reset Watchdog Timer command failed' }),
  };
}

async function runDaemon(ctx: Context, args: string[]): Promise<Outcome> {
  if (args[0] === 'help') throw new HelpRequest(WATCHDOG_HELP);
  if (ctx.options.deadlineSec !== undefined) {
    throw new UsageError('watchdog run: --timeout does not apply to a daemon, which runs until stopped (--countdown sets the watchdog)');
  }
  const config = parseRunOptions(args, ctx.options.force);
  const env = ctx.deps.env;
  const clock = ctx.deps.clock;
  const notify = await sdNotifier(env, ctx.deps.ipmiDev, (line) => ctx.io.stderr.write(`ipmits watchdog: ${line}\n`));
  const write = eventWriter(ctx.io, ctx.options.format === 'json', env, () => clock.now());
  const emit = (e: WatchdogEvent): void => {
    if (e.event !== 'kick' || ctx.options.format === 'json' || ctx.options.verbose > 0) write(e);
    if (e.event === 'armed') notify.send(`READY=1\nSTATUS=kicking the BMC watchdog every ${e.intervalSec} s`);
    else if (e.event === 'kick') notify.send('WATCHDOG=1');
    else if (e.event === 'stopping') notify.send('STOPPING=1');
  };
  // systemd's WatchdogSec: kick (and so notify) at least twice per its period.
  const half = notify.watchdogSec !== undefined ? notify.watchdogSec / 2 : undefined;
  if (half !== undefined && config.intervalSec > half) config.intervalSec = half;
  if (ctx.interfaceName === 'open') config.kernelOwner = kernelWatchdogOwner(nodeFiles);
  const daemon = new WatchdogDaemon(config, port(ctx), clock, emit);
  const unregister = ctx.beforeClose(() => daemon.stop());
  try {
    await daemon.run();
  } catch (e) {
    // Kicks that keep failing are a connection problem (exit 3: systemd restarts the daemon);
    // another owner is not (exit 1: RestartPreventExitStatus in contrib/ipmits-watchdog.service).
    if (e instanceof WatchdogEnded && e.kind === 'failures') throw new TransportError(`watchdog: ${e.message}`, 'watchdog-failures');
    if (e instanceof WatchdogEnded) throw new CommandError(`watchdog: ${e.message}`, `watchdog-${e.kind}`);
    throw e;
  } finally {
    unregister();
  }
  return [];
}
