/**
 * `watchdog run`: one line per state change on stderr (journal-friendly: under systemd,
 * JOURNAL_STREAM set, each line starts with its syslog priority, <6> info ... <3> err), or
 * with --json one JSON object per line on stdout: { time, event, ...fields }.
 */
import type { WatchdogEvent } from './daemon.js';
import type { Io } from '../runtime/context.js';

/** Priority (syslog): 3 err, 4 warning, 5 notice, 6 info. */
const PRIORITY: Readonly<Record<WatchdogEvent['event'], number>> = {
  'previous-expiry': 4,
  adopt: 5,
  armed: 5,
  'no-running-bit': 4,
  kick: 7,
  'kick-failed': 4,
  'kick-ok': 5,
  foreign: 3,
  stopping: 6,
  stopped: 5,
  'left-armed': 4,
  'stop-failed': 3,
};

export function eventText(e: WatchdogEvent): string {
  switch (e.event) {
    case 'previous-expiry':
      return `the SMS/OS watchdog expired before this start (expiration flags 0x${e.timerUses.toString(16).padStart(2, '0')}; the SMS/OS flag is cleared)`;
    case 'adopt':
      return `taking over the running timer: ${e.reason}`;
    case 'no-running-bit':
      return e.watching === 'countdown'
        ? 'the BMC does not report the timer as running although its countdown goes down: watching the countdown instead'
        : 'the BMC reports neither the running bit nor the countdown: kicking without checking that the timer runs';
    case 'armed': {
      const pre = e.preTimeoutSec > 0 ? `, pre-timeout ${e.preTimeoutInterrupt} ${e.preTimeoutSec} s before` : '';
      return `armed: timer use SMS/OS, countdown ${e.countdownSec} s, action ${e.action}${pre}; kicking every ${e.intervalSec} s`;
    }
    case 'kick':
      return `kicked (${e.presentCountdownSec ?? '?'} s were left)`;
    case 'kick-failed':
      return `kick failed: ${e.error}`;
    case 'kick-ok':
      return `kicking again after ${e.afterFailures} failed kick${e.afterFailures === 1 ? '' : 's'}`;
    case 'foreign':
      return `${e.reason}; exiting`;
    case 'stopping':
      return `stopping${e.signal ? ` (${e.signal})` : ''}`;
    case 'stopped':
      return 'timer stopped';
    case 'left-armed':
      return `left armed (--arm-on-exit): the BMC acts in ${e.secondsLeft ?? '?'} s unless the timer is kicked`;
    case 'stop-failed':
      return `could not stop the timer: ${e.error}`;
  }
}

/** The writer `watchdog run` gives the daemon. */
export function eventWriter(io: Io, json: boolean, env: Readonly<Record<string, string | undefined>>, now: () => number): (e: WatchdogEvent) => void {
  const journal = env.JOURNAL_STREAM !== undefined;
  return (e) => {
    // The error line main() prints says it (and exits non-zero).
    if (e.event === 'foreign' && !json) return;
    if (json) io.stdout.write(`${JSON.stringify({ time: new Date(now()).toISOString(), ...e })}\n`);
    else io.stderr.write(`${journal ? `<${PRIORITY[e.event]}>` : ''}ipmits watchdog: ${eventText(e)}\n`);
  };
}
