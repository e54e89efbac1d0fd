/**
 * The watchdog daemon's logic, without I/O: the BMC commands, the clock and the place
 * events go are injected (WatchdogPort, Clock, emit). IPMI v2.0 §27.5-27.7.
 *
 * start(): Get Watchdog Timer; refuse a timer running under another owner (unless force);
 * Set Watchdog Timer (timer use SMS/OS, our action and countdown) then Reset Watchdog
 * Timer, which starts it. Every interval: Get (still ours and running? else someone else
 * stopped or changed it: end with 'foreign'), then Reset. stop(): Set with the
 * "don't stop" bit clear, which stops the timer (action none), and Get to check; or, with
 * armOnExit, nothing: the BMC acts when the countdown runs out.
 *
 * Modelled on FreeIPMI's bmc-watchdog -d (docs: /work/shared/docs/fleet.md §5.1), with
 * the same defaults for use and action; the interval defaults to a third of the countdown.
 */
import type { WatchdogTimer } from '../ipmi/cmds/app/get-watchdog-timer.js';
import type { SetWatchdog } from '../ipmi/cmds/app/set-watchdog-timer.js';
import type { Clock } from '../io.js';

/** Timer use SMS/OS (IPMI v2.0 §27.6 byte 1 [2:0]). */
export const USE_SMS_OS = 4;
/** Byte 1 of Get Watchdog Timer: bit 6, timer is running. */
const RUNNING = 0x40;

export const ACTIONS = { none: 0, reset: 1, poweroff: 2, powercycle: 3 } as const;
export const PRETIMEOUT_INTERRUPTS = { none: 0, smi: 1, nmi: 2 } as const;
export type ActionName = keyof typeof ACTIONS;
export type PreTimeoutName = keyof typeof PRETIMEOUT_INTERRUPTS;

export interface WatchdogConfig {
  /** Initial countdown, seconds (1-6553). */
  countdownSec: number;
  /** Seconds between kicks (less than the countdown). */
  intervalSec: number;
  action: ActionName;
  /** Pre-timeout interval, seconds (0: none; less than the countdown). */
  preTimeoutSec: number;
  preTimeoutInterrupt: PreTimeoutName;
  /** Take the timer over even when another owner runs it. */
  force: boolean;
  /** On stop(), leave the timer running (the BMC acts unless a new daemon takes over). */
  armOnExit: boolean;
  /** Who else may own the timer on this machine (the kernel's ipmi_watchdog driver), if known. */
  kernelOwner?: string;
}

/** The three BMC commands the daemon sends. */
export interface WatchdogPort {
  get(): Promise<WatchdogTimer>;
  set(req: SetWatchdog): Promise<void>;
  reset(): Promise<void>;
}

export type WatchdogEvent =
  | { event: 'previous-expiry'; timerUses: number }
  | { event: 'adopt'; reason: string }
  | { event: 'no-running-bit'; watching: 'countdown' | 'nothing' }
  | { event: 'armed'; countdownSec: number; intervalSec: number; action: ActionName; preTimeoutSec: number; preTimeoutInterrupt: PreTimeoutName }
  | { event: 'kick'; presentCountdownSec: number | undefined }
  | { event: 'kick-failed'; error: string }
  | { event: 'kick-ok'; afterFailures: number }
  | { event: 'foreign'; reason: string }
  | { event: 'stopping'; signal?: string }
  | { event: 'stopped' }
  | { event: 'left-armed'; secondsLeft: number | undefined }
  | { event: 'stop-failed'; error: string };

/** Why the daemon ended on its own (a non-zero exit). */
export class WatchdogEnded extends Error {
  constructor(
    message: string,
    readonly kind: 'foreign' | 'owner' | 'failures' | 'bmc',
  ) {
    super(message);
  }
}

/** How long checkStarted() waits to see the countdown move, ms. */
const PROBE_MS = 1200;

/** Kicks in a row that may fail before the daemon gives up (each is already retried by the session). */
export const MAX_FAILED_KICKS = 3;

/** Set Watchdog Timer for this configuration: SMS/OS, log expiration, clear the SMS/OS expiration flag. */
export function armingRequest(c: WatchdogConfig, dontStop = false): SetWatchdog {
  return {
    use: USE_SMS_OS,
    dontStop,
    action: ACTIONS[c.action],
    preTimeoutInterrupt: c.preTimeoutSec > 0 ? PRETIMEOUT_INTERRUPTS[c.preTimeoutInterrupt] : 0,
    preTimeoutSec: c.preTimeoutSec,
    clearFlags: 1 << USE_SMS_OS,
    initialCountdown: c.countdownSec * 10,
  };
}

/** Set Watchdog Timer that stops it: "don't stop" clear, no action, our countdown kept, no flag cleared. */
export function stoppingRequest(c: WatchdogConfig): SetWatchdog {
  return { use: USE_SMS_OS, action: 0, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: c.countdownSec * 10 };
}

const useName = (use: number): string => ['reserved use 0', 'BIOS FRB2', 'BIOS/POST', 'OS Load', 'SMS/OS', 'OEM', 'reserved use 6', 'reserved use 7'][use & 7]!;
const running = (t: WatchdogTimer): boolean => (t.use & RUNNING) !== 0;

/** Is the timer as we set it: SMS/OS, our action and countdown? (undefined: yes; else what differs). */
export function differsFromOurs(t: WatchdogTimer, c: WatchdogConfig): string | undefined {
  const want = armingRequest(c);
  if ((t.use & 7) !== USE_SMS_OS) return `timer use is ${useName(t.use)}, not SMS/OS`;
  if ((t.actions & 7) !== want.action) return `timeout action is ${t.actions & 7}, not ${want.action} (${c.action})`;
  if (t.initialCountdown !== undefined && t.initialCountdown !== want.initialCountdown) {
    return `countdown is ${t.initialCountdown / 10} s, not ${c.countdownSec} s`;
  }
  return undefined;
}

/**
 * Who runs the timer now, when it is not us (undefined: stopped, or running with our settings,
 * e.g. left armed by a daemon that was restarted).
 */
export function foreignOwner(t: WatchdogTimer, c: WatchdogConfig): string | undefined {
  if (c.kernelOwner) return c.kernelOwner;
  if (!running(t)) return undefined;
  const diff = differsFromOurs(t, c);
  return diff === undefined ? undefined : `the watchdog timer is running under another owner (${diff})`;
}

/** Checks a configuration; returns a complaint or undefined. */
export function checkConfig(c: WatchdogConfig): string | undefined {
  if (!Number.isInteger(c.countdownSec) || c.countdownSec < 1 || c.countdownSec > 6553) return `countdown ${c.countdownSec} is out of range (1-6553 s)`;
  if (!(c.intervalSec > 0) || c.intervalSec >= c.countdownSec) return `interval ${c.intervalSec} must be above 0 and below the countdown (${c.countdownSec} s)`;
  if (!Number.isInteger(c.preTimeoutSec) || c.preTimeoutSec < 0 || c.preTimeoutSec > 255) return `pretimeout ${c.preTimeoutSec} is out of range (0-255 s)`;
  if (c.preTimeoutSec >= c.countdownSec) return `pretimeout ${c.preTimeoutSec} must be below the countdown (${c.countdownSec} s)`;
  return undefined;
}

export class WatchdogDaemon {
  private timer: unknown;
  private failures = 0;
  private startedAt = 0;
  private kicks = 0;
  private stopped = false;
  private ending: ((e: WatchdogEnded | undefined) => void) | undefined;
  private busy: Promise<void> = Promise.resolve();
  /** How a running timer is told: its bit; the present countdown (no bit); nothing (neither is reported). */
  private mode: 'bit' | 'countdown' | 'blind' = 'bit';

  constructor(
    private readonly config: WatchdogConfig,
    private readonly port: WatchdogPort,
    private readonly clock: Clock,
    private readonly emit: (e: WatchdogEvent) => void,
  ) {}

  /** Arms the timer and kicks it until stop(); resolves on stop(), rejects with WatchdogEnded on its own end. */
  async run(): Promise<void> {
    const t = await this.port.get();
    const owner = foreignOwner(t, this.config);
    if (owner !== undefined && !this.config.force) throw new WatchdogEnded(`${owner}; not starting (--force takes it over)`, 'owner');
    if (owner !== undefined) this.emit({ event: 'adopt', reason: `--force: ${owner}` });
    else if (running(t)) this.emit({ event: 'adopt', reason: 'the timer is already running with our settings' });
    if (t.expirationFlags & (1 << USE_SMS_OS)) this.emit({ event: 'previous-expiry', timerUses: t.expirationFlags });
    // A running timer is re-set without a stop in between (the machine stays covered).
    await this.port.set(armingRequest(this.config, running(t)));
    await this.port.reset();
    const resetAt = this.clock.now();
    await this.checkStarted();
    const c = this.config;
    this.emit({
      event: 'armed',
      countdownSec: c.countdownSec,
      intervalSec: c.intervalSec,
      action: c.action,
      preTimeoutSec: c.preTimeoutSec,
      preTimeoutInterrupt: c.preTimeoutInterrupt,
    });
    this.startedAt = resetAt;
    const done = new Promise<void>((resolve, reject) => {
      this.ending = (e) => (e ? reject(e) : resolve());
    });
    this.schedule();
    return done;
  }

  /**
   * Is the timer running after our Reset? Some BMCs never set the "running" bit (QEMU's
   * ipmi-bmc-sim): if the present countdown goes down, the daemon watches the countdown instead
   * (FreeIPMI's bmc-watchdog calls that workaround ignorestateflag). A reply without the present
   * countdown (ipmi_sim's six bytes) tells nothing: kicks go on without the "stopped" check (a
   * change of use, action or countdown is still seen). A timer that is not counting down at all
   * would later look like someone else stopping it: refused here.
   */
  private async checkStarted(): Promise<void> {
    const first = await this.port.get();
    if (running(first)) return;
    if (first.presentCountdown === undefined) {
      // A short reply without the present countdown (ipmi_sim): nothing tells whether it runs.
      this.mode = 'blind';
      this.emit({ event: 'no-running-bit', watching: 'nothing' });
      return;
    }
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, PROBE_MS));
    const second = await this.port.get();
    if (second.presentCountdown !== undefined && second.presentCountdown < first.presentCountdown) {
      this.mode = 'countdown';
      this.emit({ event: 'no-running-bit', watching: 'countdown' });
      return;
    }
    throw new WatchdogEnded('the BMC did not start the timer after Reset Watchdog Timer', 'bmc');
  }

  /** The running bit; or a present countdown above zero; or (blind) assumed. */
  private isRunning(t: WatchdogTimer): boolean {
    if (this.mode === 'countdown') return (t.presentCountdown ?? 0) > 0;
    return this.mode === 'blind' || running(t);
  }

  /** Stops kicking; stops the timer unless armOnExit. Never throws. */
  async stop(signal?: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.emit({ event: 'stopping', ...(signal ? { signal } : {}) });
    await this.busy; // a kick under way finishes first
    if (this.config.armOnExit) {
      let left: number | undefined;
      try {
        left = ((await this.port.get()).presentCountdown ?? NaN) / 10;
      } catch {
        left = undefined;
      }
      this.emit({ event: 'left-armed', secondsLeft: Number.isFinite(left) ? left : undefined });
    } else {
      await this.stopTimer();
    }
    this.ending?.(undefined);
  }

  /** Set (stops it), then Get to check; up to three tries. */
  private async stopTimer(): Promise<void> {
    let error = '';
    for (let i = 0; i < 3; i++) {
      try {
        await this.port.set(stoppingRequest(this.config));
        // Blind (neither bit nor countdown reported): the accepted Set is all there is to go by.
        if (this.mode === 'blind' || !this.isRunning(await this.port.get())) {
          this.emit({ event: 'stopped' });
          return;
        }
        error = 'the timer still runs after Set Watchdog Timer';
      } catch (e) {
        error = (e as Error).message;
      }
    }
    this.emit({ event: 'stop-failed', error });
  }

  /** Next kick at start + k * interval (no drift from the time the kicks take). */
  private schedule(): void {
    if (this.stopped) return;
    this.kicks++;
    const due = this.startedAt + this.kicks * this.config.intervalSec * 1000;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.busy = this.kick();
      },
      Math.max(0, due - this.clock.now()),
    );
  }

  private async kick(): Promise<void> {
    let foreign: string | undefined;
    try {
      const t = await this.port.get();
      if (this.stopped) return;
      if (!this.isRunning(t)) foreign = 'the watchdog timer was stopped by someone else';
      else {
        const diff = differsFromOurs(t, this.config);
        if (diff !== undefined) foreign = `the watchdog timer was changed by someone else (${diff})`;
      }
      if (foreign === undefined) {
        await this.port.reset();
        this.emit({ event: 'kick', presentCountdownSec: t.presentCountdown !== undefined ? t.presentCountdown / 10 : undefined });
        if (this.failures > 0) this.emit({ event: 'kick-ok', afterFailures: this.failures });
        this.failures = 0;
      }
    } catch (e) {
      if (this.stopped) return;
      this.failures++;
      this.emit({ event: 'kick-failed', error: (e as Error).message });
      if (this.failures >= MAX_FAILED_KICKS) return this.end(new WatchdogEnded(`${this.failures} kicks in a row failed; giving up`, 'failures'));
    }
    if (foreign !== undefined) {
      this.emit({ event: 'foreign', reason: foreign });
      return this.end(new WatchdogEnded(foreign, 'foreign'));
    }
    this.schedule();
  }

  private end(e: WatchdogEnded): void {
    this.stopped = true;
    this.ending?.(e);
  }
}

/** The daemon's defaults: 5 minutes, reset, kicked every third of the countdown. */
export const DEFAULT_COUNTDOWN_SEC = 300;

/** A third of the countdown, to 0.1 s. */
export function defaultInterval(countdownSec: number): number {
  return Math.round((countdownSec * 10) / 3) / 10;
}
