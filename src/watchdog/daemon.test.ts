import { describe, expect, it } from 'vitest';
import { hex } from '../ipmi/codec.js';
import type { WatchdogTimer } from '../ipmi/cmds/app/get-watchdog-timer.js';
import { setWatchdogTimer, type SetWatchdog } from '../ipmi/cmds/app/set-watchdog-timer.js';
import { FakeClock } from '../../test/unit/fakes/fake-clock.js';
import {
  armingRequest,
  checkConfig,
  defaultInterval,
  MAX_FAILED_KICKS,
  stoppingRequest,
  WatchdogDaemon,
  WatchdogEnded,
  type WatchdogConfig,
  type WatchdogEvent,
  type WatchdogPort,
} from './daemon.js';
import { kernelWatchdogOwner } from './owner.js';

const CONFIG: WatchdogConfig = {
  countdownSec: 300,
  intervalSec: 100,
  action: 'reset',
  preTimeoutSec: 0,
  preTimeoutInterrupt: 'none',
  force: false,
  armOnExit: false,
};

/** A BMC watchdog after IPMI v2.0 §27: Set stops the timer unless "don't stop"; Reset (re)starts it; it fires at 0. */
class FakeBmc implements WatchdogPort {
  use = 0x04;
  actions = 0;
  pre = 0;
  flags = 0;
  initial = 3000;
  running = false;
  initialized = false;
  deadline = 0;
  fired = 0;
  calls: string[] = [];
  failGets = 0;
  /** QEMU's ipmi-bmc-sim: no "running" bit in Get, present countdown 0 while stopped. */
  qemu = false;

  constructor(private readonly clock: FakeClock) {}

  private tick(): void {
    if (this.running && this.clock.now() >= this.deadline) {
      this.fired++;
      this.running = false;
      this.flags |= 1 << (this.use & 7);
    }
  }

  async get(): Promise<WatchdogTimer> {
    this.tick();
    this.calls.push('get');
    if (this.failGets > 0) {
      this.failGets--;
      throw new Error('Get Watchdog Timer command failed');
    }
    const left = this.running ? Math.ceil((this.deadline - this.clock.now()) / 100) : this.qemu ? 0 : this.initial;
    return {
      use: (this.use & 0x87) | (this.running && !this.qemu ? 0x40 : 0),
      actions: this.actions,
      preTimeoutSec: this.pre,
      expirationFlags: this.flags,
      initialCountdown: this.initial,
      presentCountdown: left,
    };
  }

  async set(r: SetWatchdog): Promise<void> {
    this.tick();
    this.calls.push(`set ${hex(setWatchdogTimer.encode(r), ' ')}`);
    if (!r.dontStop) this.running = false;
    this.use = r.use | (r.noLog ? 0x80 : 0);
    this.actions = (r.preTimeoutInterrupt << 4) | r.action;
    this.pre = r.preTimeoutSec;
    this.flags &= ~r.clearFlags;
    this.initial = r.initialCountdown;
    this.initialized = true;
    if (this.running) this.deadline = this.clock.now() + this.initial * 100;
  }

  async reset(): Promise<void> {
    this.tick();
    this.calls.push('reset');
    if (!this.initialized) throw new Error('Attempt to reset uninitialized watchdog');
    this.running = true;
    this.deadline = this.clock.now() + this.initial * 100;
  }

  /** Someone else's Set Watchdog Timer (mc watchdog off, another daemon). */
  foreignSet(r: SetWatchdog): void {
    void this.set(r);
    this.calls.pop();
  }
}

function setup(config: Partial<WatchdogConfig> = {}) {
  const clock = new FakeClock();
  const bmc = new FakeBmc(clock);
  const events: WatchdogEvent[] = [];
  const daemon = new WatchdogDaemon({ ...CONFIG, ...config }, bmc, clock, (e) => events.push(e));
  return { clock, bmc, events, daemon, names: () => events.map((e) => e.event) };
}

describe('watchdog daemon: Set Watchdog Timer bytes (IPMI v2.0 §27.6)', () => {
  it('arms SMS/OS, logging on, timer stopped by the Set, clears the SMS/OS flag, countdown in 100 ms units', () => {
    // byte 1: use 4 (SMS/OS); byte 2: action 1 (hard reset); byte 3: no pre-timeout; byte 4: clear bit 4; 3000 = 0x0bb8 LSB first.
    expect(hex(setWatchdogTimer.encode(armingRequest(CONFIG)), ' ')).toBe('04 01 00 10 b8 0b');
    // NMI (2) 10 s before, power cycle (3), 60 s = 600 = 0x0258.
    const c = { ...CONFIG, countdownSec: 60, intervalSec: 20, action: 'powercycle', preTimeoutSec: 10, preTimeoutInterrupt: 'nmi' } as const;
    expect(hex(setWatchdogTimer.encode(armingRequest(c)), ' ')).toBe('04 23 0a 10 58 02');
    expect(hex(setWatchdogTimer.encode(armingRequest({ ...CONFIG, action: 'poweroff', preTimeoutSec: 5, preTimeoutInterrupt: 'smi' })), ' ')).toBe(
      '04 12 05 10 b8 0b',
    );
    // Taking over a running timer: bit 6 "don't stop".
    expect(hex(setWatchdogTimer.encode(armingRequest(CONFIG, true)), ' ')).toBe('44 01 00 10 b8 0b');
    // Stopping: no action, no flag cleared, countdown kept.
    expect(hex(setWatchdogTimer.encode(stoppingRequest(CONFIG)), ' ')).toBe('04 00 00 00 b8 0b');
  });

  it('checks the configuration like bmc-watchdog (interval and pre-timeout below the countdown)', () => {
    expect(checkConfig(CONFIG)).toBeUndefined();
    expect(checkConfig({ ...CONFIG, intervalSec: 300 })).toMatch(/interval 300 must be above 0 and below the countdown/);
    expect(checkConfig({ ...CONFIG, countdownSec: 6554 })).toMatch(/out of range \(1-6553 s\)/);
    expect(checkConfig({ ...CONFIG, preTimeoutSec: 300 })).toMatch(/out of range \(0-255 s\)/);
    expect(checkConfig({ ...CONFIG, countdownSec: 20, intervalSec: 5, preTimeoutSec: 20 })).toMatch(/pretimeout 20 must be below/);
    expect(defaultInterval(300)).toBe(100);
    expect(defaultInterval(10)).toBe(3.3);
  });
});

describe('watchdog daemon: schedule', () => {
  it('Get, Set, Reset to arm; then Get + Reset every interval; the timer never fires over ten countdowns', async () => {
    const { clock, bmc, daemon, names } = setup();
    const done = daemon.run();
    await clock.advance(0);
    expect(bmc.calls).toEqual(['get', 'set 04 01 00 10 b8 0b', 'reset', 'get']);
    expect(names()).toEqual(['armed']);
    await clock.advance(99_999);
    expect(bmc.calls).toHaveLength(4);
    await clock.advance(1);
    expect(bmc.calls.slice(4)).toEqual(['get', 'reset']);
    await clock.advance(3000_000 - 100_000);
    expect(bmc.calls.filter((c) => c === 'reset')).toHaveLength(31);
    expect(bmc.fired).toBe(0);
    await daemon.stop();
    await done;
  });

  it('kicks at start + k * interval, whatever the kicks take', async () => {
    const { clock, bmc, daemon } = setup({ countdownSec: 30, intervalSec: 10 });
    const at: number[] = [];
    const reset = bmc.reset.bind(bmc);
    bmc.reset = async () => {
      at.push(clock.now());
      await reset();
    };
    void daemon.run();
    await clock.advance(45_000);
    expect(at).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    await daemon.stop();
  });

  it('without kicks the fake BMC does fire (the test can fail)', async () => {
    const { clock, bmc, daemon } = setup({ countdownSec: 30, intervalSec: 10, armOnExit: true });
    void daemon.run();
    await clock.advance(15_000);
    await daemon.stop();
    await clock.advance(29_000);
    await bmc.get();
    expect(bmc.fired).toBe(1);
  });
});

describe('watchdog daemon: owners', () => {
  it('refuses a timer running under another timer use, says which, sends nothing', async () => {
    const { bmc, daemon } = setup();
    bmc.foreignSet({ use: 3, action: 1, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 1200 });
    await bmc.reset();
    bmc.calls = [];
    await expect(daemon.run()).rejects.toThrow(/running under another owner \(timer use is OS Load, not SMS\/OS\); not starting \(--force takes it over\)/);
    expect(bmc.calls).toEqual(['get']);
  });

  it("refuses another daemon's SMS/OS timer with a countdown not ours", async () => {
    const { bmc, daemon } = setup();
    bmc.foreignSet({ use: 4, action: 1, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 9000 });
    await bmc.reset();
    const e = await daemon.run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WatchdogEnded);
    expect((e as WatchdogEnded).kind).toBe('owner');
    expect((e as Error).message).toMatch(/countdown is 900 s, not 300 s/);
  });

  it('--force takes a running timer over without stopping it ("don\'t stop" set)', async () => {
    const { clock, bmc, daemon, events } = setup({ force: true });
    bmc.foreignSet({ use: 3, action: 1, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 1200 });
    await bmc.reset();
    bmc.calls = [];
    void daemon.run();
    await clock.advance(0);
    expect(bmc.calls).toEqual(['get', 'set 44 01 00 10 b8 0b', 'reset', 'get']);
    expect(events[0]).toEqual({ event: 'adopt', reason: '--force: the watchdog timer is running under another owner (timer use is OS Load, not SMS/OS)' });
    await daemon.stop();
  });

  it('takes over a timer running with its own settings (a restarted daemon after --arm-on-exit)', async () => {
    const { clock, bmc, daemon, names } = setup();
    await bmc.set(armingRequest(CONFIG));
    await bmc.reset();
    bmc.calls = [];
    void daemon.run();
    await clock.advance(0);
    expect(names()).toEqual(['adopt', 'armed']);
    expect(bmc.calls[1]).toBe('set 44 01 00 10 b8 0b');
    await daemon.stop();
  });

  it('refuses when the kernel driver owns the timer, even a stopped one', async () => {
    const { daemon } = setup({ kernelOwner: "the kernel's ipmi_watchdog driver owns the BMC watchdog" });
    await expect(daemon.run()).rejects.toThrow(/^the kernel's ipmi_watchdog driver owns the BMC watchdog; not starting/);
  });

  it('says so when the BMC does not start the timer (ipmi_sim with action none)', async () => {
    const { clock, bmc, daemon } = setup({ action: 'none' });
    bmc.reset = async () => undefined;
    const run = daemon.run().catch((x: unknown) => x);
    await clock.advance(1200);
    const e = await run;
    expect((e as WatchdogEnded).kind).toBe('bmc');
    expect((e as Error).message).toBe('the BMC did not start the timer after Reset Watchdog Timer');
  });

  it('reports an SMS/OS expiry from before its start', async () => {
    const { clock, bmc, events, daemon } = setup();
    bmc.flags = 0x10;
    void daemon.run();
    await clock.advance(0);
    expect(events[0]).toEqual({ event: 'previous-expiry', timerUses: 0x10 });
    expect(bmc.flags).toBe(0);
    await daemon.stop();
  });

  it('finds the kernel driver in /proc/modules and its /dev/watchdogN in /sys/class/watchdog', () => {
    const files: Record<string, string> = {
      '/proc/modules': 'ipmi_si 86016 0 - Live 0x0\nipmi_watchdog 32768 1 - Live 0x0\nipmi_msghandler 77824 2 ipmi_watchdog,ipmi_si, Live 0x0\n',
      '/sys/class/watchdog/watchdog0/identity': 'IPMI\n',
      '/sys/class/watchdog/watchdog0/state': 'active\n',
      '/sys/class/watchdog/watchdog1/identity': 'iTCO_wdt\n',
    };
    const fs = { read: (p: string) => files[p], list: () => ['watchdog0', 'watchdog1'] };
    expect(kernelWatchdogOwner(fs)).toBe(
      "the kernel's ipmi_watchdog driver owns the BMC watchdog behind /dev/watchdog0 (active) (systemd's RuntimeWatchdogSec or a watchdog daemon kick it there)",
    );
    expect(kernelWatchdogOwner({ read: (p) => (p === '/proc/modules' ? 'ipmi_si 1 0 - Live 0x0\n' : undefined), list: () => [] })).toBeUndefined();
  });
});

describe('watchdog daemon: a BMC without the running bit (QEMU ipmi-bmc-sim)', () => {
  it('sees the countdown go down and watches it instead; still notices someone stopping the timer', async () => {
    const { clock, bmc, daemon, names } = setup({ countdownSec: 30, intervalSec: 10 });
    bmc.qemu = true;
    const done = daemon.run().catch((e: unknown) => e);
    await clock.advance(1200);
    expect(names()).toEqual(['no-running-bit', 'armed']);
    // The first kick is one interval after the Reset, not after the probe.
    await clock.advance(10_000 - 1200);
    expect(bmc.calls.filter((c) => c === 'reset')).toHaveLength(2);
    await clock.advance(60_000);
    expect(bmc.fired).toBe(0);
    bmc.foreignSet({ use: 4, action: 0, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 300 });
    await clock.advance(10_000);
    expect(((await done) as Error).message).toBe('the watchdog timer was stopped by someone else');
  });

  it('stop() checks the stop by the countdown too', async () => {
    const { clock, bmc, daemon, names } = setup({ countdownSec: 30, intervalSec: 10 });
    bmc.qemu = true;
    void daemon.run();
    await clock.advance(15_000);
    await daemon.stop();
    expect(names().slice(-2)).toEqual(['stopping', 'stopped']);
  });
});

describe('watchdog daemon: a BMC that reports neither (ipmi_sim: six-byte Get, no running bit)', () => {
  it('kicks without the "stopped" check, still sees a change', async () => {
    const { clock, bmc, daemon, events } = setup({ countdownSec: 30, intervalSec: 10 });
    bmc.qemu = true;
    const get = bmc.get.bind(bmc);
    bmc.get = async () => {
      const { presentCountdown: _, ...short } = await get();
      return short;
    };
    const done = daemon.run().catch((e: unknown) => e);
    await clock.advance(60_000);
    expect(events[0]).toEqual({ event: 'no-running-bit', watching: 'nothing' });
    expect(bmc.fired).toBe(0);
    bmc.foreignSet({ use: 4, dontStop: true, action: 3, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 300 });
    await clock.advance(10_000);
    expect(((await done) as Error).message).toBe('the watchdog timer was changed by someone else (timeout action is 3, not 1 (reset))');
  });
});

describe('watchdog daemon: someone else', () => {
  it('stopped: the next kick sees it, sends no Reset, ends non-zero', async () => {
    const { clock, bmc, daemon, events } = setup();
    const done = daemon.run().catch((e: unknown) => e);
    await clock.advance(250_000);
    bmc.foreignSet({ use: 4, action: 0, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0x10, initialCountdown: 3000 }); // mc watchdog off
    bmc.calls = [];
    await clock.advance(50_000);
    expect(bmc.calls).toEqual(['get']);
    const e = await done;
    expect(e).toBeInstanceOf(WatchdogEnded);
    expect((e as WatchdogEnded).kind).toBe('foreign');
    expect((e as Error).message).toBe('the watchdog timer was stopped by someone else');
    expect(events.at(-1)).toEqual({ event: 'foreign', reason: 'the watchdog timer was stopped by someone else' });
    expect(clock.pending).toBe(0);
  });

  it('changed (still running, another countdown): ends non-zero naming the difference', async () => {
    const { clock, bmc, daemon } = setup();
    const done = daemon.run().catch((e: unknown) => e);
    await clock.advance(150_000);
    bmc.foreignSet({ use: 4, dontStop: true, action: 1, preTimeoutInterrupt: 0, preTimeoutSec: 0, clearFlags: 0, initialCountdown: 6000 });
    await clock.advance(50_000);
    expect(((await done) as Error).message).toBe('the watchdog timer was changed by someone else (countdown is 600 s, not 300 s)');
  });

  it('a failed kick is logged and retried at the next interval; recovery is logged; three in a row end it', async () => {
    const { clock, bmc, daemon, names } = setup();
    const done = daemon.run().catch((e: unknown) => e);
    await clock.advance(0);
    bmc.failGets = 1;
    await clock.advance(200_000);
    expect(names().filter((n) => n !== 'kick')).toEqual(['armed', 'kick-failed', 'kick-ok']);
    bmc.failGets = MAX_FAILED_KICKS;
    await clock.advance(300_000);
    const e = await done;
    expect((e as WatchdogEnded).kind).toBe('failures');
    expect((e as Error).message).toBe('3 kicks in a row failed; giving up');
  });
});

describe('watchdog daemon: stop (SIGTERM/SIGINT run it through Context.close)', () => {
  it('stops the timer (Set without "don\'t stop", then Get to check) and resolves run()', async () => {
    const { clock, bmc, daemon, names } = setup();
    const done = daemon.run();
    await clock.advance(150_000);
    bmc.calls = [];
    await daemon.stop('SIGTERM');
    await done;
    expect(bmc.calls).toEqual(['set 04 00 00 00 b8 0b', 'get']);
    expect(bmc.running).toBe(false);
    expect(names().slice(-2)).toEqual(['stopping', 'stopped']);
    await clock.advance(1000_000);
    expect(bmc.fired).toBe(0);
    expect(bmc.calls).toHaveLength(2);
  });

  it('--arm-on-exit leaves it running: the BMC fires one countdown after the last kick', async () => {
    const { clock, bmc, daemon, events } = setup({ armOnExit: true });
    const done = daemon.run();
    await clock.advance(150_000);
    await daemon.stop('SIGTERM');
    await done;
    expect(events.at(-1)).toEqual({ event: 'left-armed', secondsLeft: 250 });
    expect(bmc.running).toBe(true);
    await clock.advance(249_000);
    await bmc.get();
    expect(bmc.fired).toBe(0);
    await clock.advance(1000);
    await bmc.get();
    expect(bmc.fired).toBe(1);
    expect(bmc.flags).toBe(0x10);
  });

  it('retries a failing stop, then says so', async () => {
    const { clock, bmc, daemon, events } = setup();
    void daemon.run();
    await clock.advance(1000);
    bmc.set = async () => {
      throw new Error('Set Watchdog Timer command failed');
    };
    await daemon.stop();
    expect(events.at(-1)).toEqual({ event: 'stop-failed', error: 'Set Watchdog Timer command failed' });
  });
});
