/** `mc watchdog get|reset|off|set`. IPMI v2.0 §27.5-27.7. */
import { HelpRequest, UsageError } from '../../errors.js';
import { getWatchdogTimer, type WatchdogTimer } from '../../ipmi/cmds/app/get-watchdog-timer.js';
import { resetWatchdogTimer } from '../../ipmi/cmds/app/reset-watchdog-timer.js';
import { setWatchdogTimer, type SetWatchdog } from '../../ipmi/cmds/app/set-watchdog-timer.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { PRETIMEOUT_INTERRUPTS, TIMEOUT_ACTIONS, TIMER_USES } from '../../spec/mc.js';
import { lprintf, noMoreArgs } from './args.js';
import { colon, invoke } from '../shared/invoke.js';

/** ipmitool's usage text, cut at 1023 bytes by its lprintf() exactly as it prints it. */
export const WATCHDOG_HELP = lprintf(`usage: watchdog <command>:

   set <option[=value]> [<option[=value]> ...]
     Set Watchdog settings
     Options: (* = mandatory)
       timeout=<1-6553>                    - [0] Initial countdown value, sec
       pretimeout=<1-255>                  - [0] Pre-timeout interval, sec
       int=<smi|nmi|msg>                   - [-] Pre-timeout interrupt type
       use=<frb2|post|osload|sms|oem>      - [-] Timer use
       clear=<frb2|post|osload|sms|oem>    - [-] Clear timer use expiration
                                                 flag, can be specified
                                                 multiple times
       action=<reset|poweroff|cycle|none>  - [none] Timer action
       nolog                               - [-] Don't log the timer use
       dontstop                            - [-] Don't stop the timer
                                                 while applying settings

   get
     Get Current settings

   reset
     Restart Watchdog timer based on the most recent settings

   off
     Shut off a running Watchdog timer`);

export interface WatchdogView {
  timer: WatchdogTimer;
  timerUse: string;
  running: boolean;
  logging: boolean;
  timeoutAction: string;
  preTimeoutInterrupt: string;
  /** Timer uses whose expiration flag is set (bit n = use n). */
  expired: string[];
}

export function viewWatchdog(t: WatchdogTimer): WatchdogView {
  return {
    timer: t,
    timerUse: TIMER_USES[t.use & 0x07]![0],
    running: (t.use & 0x40) !== 0,
    logging: (t.use & 0x80) === 0,
    timeoutAction: TIMEOUT_ACTIONS[t.actions & 0x07]![0],
    preTimeoutInterrupt: PRETIMEOUT_INTERRUPTS[(t.actions >> 4) & 0x07]![0],
    expired: TIMER_USES.filter((_, i) => t.expirationFlags & (1 << i)).map(([name]) => name),
  };
}

export interface WatchdogSet {
  request: SetWatchdog;
}

/** The values `mc watchdog off` sends: SMS/OS, no action, clear the SMS/OS flag, 5 minutes. */
export const WATCHDOG_OFF: SetWatchdog = {
  use: 4,
  action: 0,
  preTimeoutInterrupt: 0,
  preTimeoutSec: 0,
  clearFlags: 0x10,
  initialCountdown: 3000,
};

export async function watchdog(ctx: Context, args: string[]): Promise<Report> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('Not enough parameters given.', WATCHDOG_HELP);
  switch (sub) {
    case 'help':
      throw new HelpRequest(WATCHDOG_HELP);
    case 'get': {
      noMoreArgs(rest, 'mc watchdog get');
      const t = await invoke(ctx, getWatchdogTimer, undefined, {
        failed: colon('Get Watchdog Timer command failed'),
        noResponse: 'Get Watchdog Timer command failed',
      });
      return report('mc.watchdog.get', viewWatchdog(t));
    }
    case 'reset':
      noMoreArgs(rest, 'mc watchdog reset');
      await invoke(ctx, resetWatchdogTimer, undefined, {
        failed: colon('Reset Watchdog Timer command failed'),
        noResponse: 'Reset Watchdog Timer command failed!',
      });
      return report('mc.watchdog.reset', {});
    case 'off':
      noMoreArgs(rest, 'mc watchdog off');
      await invoke(ctx, setWatchdogTimer, WATCHDOG_OFF, {
        failed: (d) => `Watchdog Timer Shutoff command failed! ${d}`,
        noResponse: 'Watchdog Timer Shutoff command failed!',
      });
      return report('mc.watchdog.off', {});
    case 'set': {
      if (rest.length === 0) throw new UsageError('Not enough parameters given.', WATCHDOG_HELP);
      if (rest[0] === 'help') throw new HelpRequest(WATCHDOG_HELP);
      const req = parseWatchdogOptions(rest);
      logSetRequest(ctx, req);
      await invoke(ctx, setWatchdogTimer, req, {
        failed: colon('Set Watchdog Timer command failed'),
        noResponse: 'Set Watchdog Timer command failed',
      });
      return report<WatchdogSet>('mc.watchdog.set', { request: req }, { notes: ['Watchdog Timer was successfully configured'] });
    }
    default:
      throw new UsageError(`Invalid mc/bmc watchdog command: ${sub}`, WATCHDOG_HELP);
  }
}

const MAX_TIMEOUT_SEC = 6553;
const MAX_PRETIMEOUT_SEC = 255;

/** A name as `set` accepts it (ipmitool's "set" column). */
function code(table: readonly (readonly [string, string | undefined])[], value: string, what: string): number {
  const i = table.findIndex(([, name]) => name === value);
  if (i < 0) throw new UsageError(`${what} '${value}' is not valid`, WATCHDOG_HELP);
  return i;
}

function seconds(value: string, what: string, max: number): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) throw new UsageError(`${what} value ${value} is out of range (1-${max})`, WATCHDOG_HELP);
  return n;
}

const OPTIONS = ['timeout', 'pretimeout', 'int', 'use', 'clear', 'action', 'nolog', 'dontstop'] as const;

const names = (table: readonly (readonly [string, string | undefined])[]): string[] => table.flatMap(([, n]) => (n ? [n] : []));

/** `set`'s options for completion, from the tables the parser reads. */
export const WATCHDOG_SET_WORDS: readonly string[] = [
  'timeout=',
  'pretimeout=',
  ...names(PRETIMEOUT_INTERRUPTS)
    .filter((n) => n !== 'none')
    .map((n) => `int=${n}`),
  ...names(TIMER_USES)
    .filter((n) => n !== 'none')
    .flatMap((n) => [`use=${n}`, `clear=${n}`]),
  ...names(TIMEOUT_ACTIONS).map((n) => `action=${n}`),
  'nolog',
  'dontstop',
];
type Option = (typeof OPTIONS)[number];

/**
 * `set` options. Like ipmitool, an option may be shortened (ipmitool looks at the
 * first letter only: t=, p=, i=, u=, c=, a=, n, d) or spelt out ("interrupt=");
 * unlike ipmitool, any other word or a wrong value is refused before anything is sent.
 */
export function parseWatchdogOptions(args: readonly string[]): SetWatchdog {
  const req: SetWatchdog = { use: 0, action: 0, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 0 };
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? undefined : arg.slice(eq + 1);
    const option: Option | undefined = key === '' ? undefined : OPTIONS.find((o) => o.startsWith(key) || key.startsWith(o));
    if (option === undefined) throw new UsageError(`Invalid option '${arg}'`, WATCHDOG_HELP);
    const flag = option === 'nolog' || option === 'dontstop';
    if (flag && value !== undefined) throw new UsageError(`Option '${option}' takes no value: ${arg}`, WATCHDOG_HELP);
    if (!flag && value === undefined) throw new UsageError(`Option '${option}' needs a value: ${arg}`, WATCHDOG_HELP);
    const v = value ?? '';
    switch (option) {
      case 'timeout':
        req.initialCountdown = seconds(v, 'Timeout', MAX_TIMEOUT_SEC) * 10;
        break;
      case 'pretimeout':
        req.preTimeoutSec = seconds(v, 'Pretimeout', MAX_PRETIMEOUT_SEC);
        break;
      case 'int':
        req.preTimeoutInterrupt = code(PRETIMEOUT_INTERRUPTS, v, 'Interrupt type');
        break;
      case 'use':
        req.use = code(TIMER_USES, v, 'Use');
        break;
      case 'clear':
        req.clearFlags |= 1 << code(TIMER_USES, v, 'Use');
        break;
      case 'action':
        req.action = code(TIMEOUT_ACTIONS, v, 'Action');
        break;
      case 'nolog':
        req.noLog = true;
        break;
      case 'dontstop':
        req.dontStop = true;
        break;
    }
  }
  return req;
}

const X2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** ipmitool's -v lines for `set`. */
function logSetRequest(ctx: Context, r: SetWatchdog): void {
  const bytes = setWatchdogTimer.encode(r);
  ctx.log.verbose(1, `Sending Set Watchdog command [${[...bytes].map(X2).join(' ')}]:`);
  ctx.log.verbose(1, `  - nolog      = ${r.noLog ? 1 : 0}`);
  ctx.log.verbose(1, `  - dontstop   = ${r.dontStop ? 1 : 0}`);
  ctx.log.verbose(1, `  - use        = 0x${X2(r.use)}`);
  ctx.log.verbose(1, `  - intr       = 0x${X2(r.preTimeoutInterrupt)}`);
  ctx.log.verbose(1, `  - action     = 0x${X2(r.action)}`);
  ctx.log.verbose(1, `  - pretimeout = ${r.preTimeoutSec}`);
  ctx.log.verbose(1, `  - clear      = 0x${X2(r.clearFlags)}`);
  ctx.log.verbose(1, `  - timeout    = ${r.initialCountdown}`);
}
