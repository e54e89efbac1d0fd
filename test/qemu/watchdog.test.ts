/**
 * `ipmits watchdog run` in the QEMU guest against QEMU's ipmi-bmc-sim, whose watchdog resets
 * the machine when it expires (hw/ipmi/ipmi_bmc_sim.c: the SMS/OS expiration flag is set and
 * the chassis reset; the BMC keeps the flag across the reset). That BMC never sets the
 * "running" bit in Get Watchdog Timer (its present countdown is 0 while stopped): the daemon
 * notices and watches the countdown instead. One boot, reset by the BMC,
 * then a second boot (QEMU runs without -no-reboot here):
 *   1. the daemon (countdown 5 s, kicks every 1.5 s) runs for 15 s, three countdowns: the guest
 *      stays up; `mc watchdog get` from ipmits and ipmitool agree meanwhile;
 *   2. SIGTERM: the daemon stops the timer and exits 143; 8 s later (past a countdown) nothing
 *      has reset the guest;
 *   3. again with --arm-on-exit; once it kicks, the results so far are sent, then SIGKILL:
 *      the BMC resets the guest within a countdown;
 *   4. the second boot finds the SMS/OS expiration flag set (that is how it knows) and reports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runGuest, singleExecutable, type GuestCommand, type GuestResult, type GuestRun } from './guest.mjs';

const log = (s: string): void => void process.stderr.write(`${s}\n`);

const RUN = 'ipmits watchdog run --countdown 5 --interval 1.5';
/** Waits (at most 30 s) until the daemon says it armed the timer: it starts slowly under emulation. */
const ARMED = (file: string): string => `i=0; while ! grep -q armed ${file} && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done`;

const commands: GuestCommand[] = [
  {
    id: 'start',
    sh: `(${RUN} --json >/tmp/wd1.json 2>/tmp/wd1.err & echo $! >/tmp/wd1.pid; wait $!; echo $? >/tmp/wd1.rc) & ${ARMED('/tmp/wd1.json')}`,
  },
  { id: 'get-ipmits', argv: ['ipmits', 'mc', 'watchdog', 'get'] },
  { id: 'get-ipmitool', argv: ['ipmitool', 'mc', 'watchdog', 'get'] },
  { id: 'stay', sh: 'sleep 12; cat /tmp/wd1.json' },
  {
    id: 'term',
    sh: 'kill -TERM $(cat /tmp/wd1.pid); i=0; while [ ! -f /tmp/wd1.rc ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; cat /tmp/wd1.rc; tail -3 /tmp/wd1.json >&2',
  },
  { id: 'after-term', sh: 'sleep 8; ipmitool mc watchdog get' },
  {
    id: 'kill',
    // The guest should not survive the sleep: its results are sent before the kill.
    sh: [
      `${RUN} --arm-on-exit 2>/tmp/wd2.err & pid=$!`,
      // Armed (ipmits may take a while to start under emulation), kicking; the results so far
      // are sent while it still kicks (the reset may come before a slow guest drains ttyS1).
      `${ARMED('/tmp/wd2.err')}; sleep 2`,
      'ipmitool mc watchdog get; cat /tmp/wd2.err >&2; echo 0 >/out/kill.rc; echo 0 >/out/kill.ms; flush_out',
      'kill -KILL $pid; sleep 60; echo SURVIVED',
    ].join('; '),
  },
];

/** Byte 4 of Get Watchdog Timer: expiration flags; bit 4 is SMS/OS. */
const SECOND_BOOT = "[ $(( 0x$(ipmitool raw 0x06 0x25 | awk '{ print $4 }') & 0x10 )) -ne 0 ]";

const secondBoot: GuestCommand[] = [
  { id: 'boot2-ipmitool', argv: ['ipmitool', 'mc', 'watchdog', 'get'] },
  { id: 'boot2-ipmits', argv: ['ipmits', 'mc', 'watchdog', 'get'] },
  { id: 'boot2-uptime', argv: ['cat', '/proc/uptime'] },
];

let guest: GuestRun;

beforeAll(async () => {
  const bin = singleExecutable(log);
  guest = await runGuest({ bin, commands, secondBoot: { when: SECOND_BOOT, commands: secondBoot }, reboot: true, log, timeoutMs: 540_000 });
}, 600_000);

function result(key: string): GuestResult {
  const r = guest.results[key];
  if (!r) throw new Error(`no result for ${key}`);
  return r;
}

/** ipmitool's layout; the present countdown moves between two reads. */
const withoutCountdown = (s: string): string => s.replace(/^Present Countdown:.*$/m, 'Present Countdown: -');
const presentCountdown = (s: string): number => Number(/^Present Countdown:\s+([\d.]+) sec/m.exec(s)?.[1] ?? NaN);

describe('watchdog run in a QEMU guest (ipmi-bmc-sim resets the guest when the timer expires)', () => {
  it('arms SMS/OS with a hard reset and a 5 s countdown; ipmits and ipmitool read the same timer', () => {
    const ours = result('get-ipmits');
    const theirs = result('get-ipmitool');
    expect(ours.code, ours.stderr).toBe(0);
    expect(theirs.stdout).toMatch(/Watchdog Timer Use:\s+SMS\/OS \(0x04\)/);
    expect(theirs.stdout).toMatch(/Watchdog Timer Action:\s+Hard Reset \(0x01\)/);
    expect(theirs.stdout).toMatch(/Initial Countdown:\s+5\.0 sec/);
    expect(presentCountdown(theirs.stdout)).toBeGreaterThan(0);
    expect(withoutCountdown(ours.stdout)).toBe(withoutCountdown(theirs.stdout));
  });

  it('keeps the guest up past three countdowns, kicking every 1.5 s (--json events)', () => {
    const events = result('stay')
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { event: string });
    expect(events.find((e) => e.event === 'armed')).toMatchObject({ countdownSec: 5, intervalSec: 1.5, action: 'reset' });
    // QEMU's BMC: no "running" bit (said once, then the countdown is watched).
    expect(events[0]).toMatchObject({ event: 'no-running-bit' });
    // 15 s since arming: about 10 kicks (TCG may stretch the guest's timers a little).
    expect(events.filter((e) => e.event === 'kick').length).toBeGreaterThanOrEqual(7);
    expect(events.some((e) => e.event === 'kick-failed' || e.event === 'foreign')).toBe(false);
  });

  it('SIGTERM stops the timer and exits 143; nothing resets the guest a countdown later', () => {
    const term = result('term');
    expect(term.stdout.trim()).toBe('143');
    expect(term.stderr).toContain('"event":"stopping"');
    expect(term.stderr).toContain('"event":"stopped"');
    const after = result('after-term');
    expect(after.stdout).toMatch(/Watchdog Timer Action:\s+No action \(0x00\)/);
    expect(presentCountdown(after.stdout)).toBe(0);
  });

  it('SIGKILL with --arm-on-exit leaves it running: the BMC resets the guest, which boots again', () => {
    const kill = result('kill');
    expect(kill.stdout).toMatch(/Watchdog Timer Action:\s+Hard Reset \(0x01\)/);
    expect(presentCountdown(kill.stdout)).toBeGreaterThan(0);
    expect(kill.stdout).not.toContain('SURVIVED');
    expect(guest.console.split('@@GUEST-BEGIN@@').length - 1).toBe(2);
    const boot2 = result('boot2-ipmitool');
    expect(boot2.stdout).toMatch(/Timer Expiration Flags:.*\(0x10\)/);
    expect(presentCountdown(boot2.stdout)).toBe(0);
    expect(result('boot2-ipmits').stdout).toBe(boot2.stdout);
    expect(Number(result('boot2-uptime').stdout.split(' ')[0])).toBeLessThan(60);
  });
});
