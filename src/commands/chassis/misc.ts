/** `chassis identify|policy|restart_cause|poh|selftest`. */
import { CommandError, CompletionCodeError, HelpRequest, UsageError } from '../../errors.js';
import { chassisIdentify } from '../../ipmi/cmds/chassis/chassis-identify.js';
import { getPohCounter } from '../../ipmi/cmds/chassis/get-poh-counter.js';
import { getSystemRestartCause } from '../../ipmi/cmds/chassis/get-system-restart-cause.js';
import { restartCauseText } from '../../spec/chassis.js';
import { PowerPolicy, setPowerRestorePolicy } from '../../ipmi/cmds/chassis/set-power-restore-policy.js';
import { getSelfTestResults } from '../../ipmi/cmds/app/get-self-test-results.js';
import { parseCNumber } from '../../runtime/numbers.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { own } from '../../own.js';

export const IDENTIFY_HELP = `chassis identify <interval>
                 default is 15 seconds
                 0 to turn off
                 force to turn on indefinitely
`;

export const POLICY_HELP = `chassis policy <state>
   list        : return supported policies
   always-on   : turn on when power is restored
   previous    : return to previous state when power is restored
   always-off  : stay off after power is restored
`;

export interface IdentifyResult {
  /** Seconds; null = BMC default (15 s). */
  interval: number | null;
  force: boolean;
}

export async function identify(ctx: Context, args: string[]): Promise<Report<IdentifyResult>> {
  const arg = args[0];
  if (arg === 'help') throw new HelpRequest(IDENTIFY_HELP, true);
  let req: { interval?: number; force?: boolean } = {};
  if (arg === 'force') req = { force: true };
  else if (arg !== undefined) {
    const n = parseCNumber(arg);
    if (n === undefined) throw new UsageError('Invalid interval given.');
    if (n < 0 || n > 255) throw new UsageError('Given interval is too big.');
    req = { interval: n };
  }
  try {
    await invoke(ctx, chassisIdentify, req, { failed: 'Set Chassis Identify failed', noResponse: 'Unable to set Chassis Identify' });
  } catch (e) {
    // ipmitool follows a refused "force" with a warning (and an empty line).
    if (req.force && e instanceof CompletionCodeError) {
      throw new CommandError('Chassis may not support Force Identify On\n', 'completion-code', [e.message]);
    }
    throw e;
  }
  return report('chassis.identify', { interval: req.force ? null : (req.interval ?? null), force: req.force === true });
}

export const POLICY_NAMES: Readonly<Record<string, number>> = {
  list: PowerPolicy.NoChange,
  'always-on': PowerPolicy.AlwaysOn,
  previous: PowerPolicy.Previous,
  'always-off': PowerPolicy.AlwaysOff,
};

export interface PolicyList {
  supported: string[];
}
export interface PolicySet {
  policy: string;
}

export async function policy(ctx: Context, args: string[]): Promise<Report<PolicyList | PolicySet>> {
  const arg = args[0];
  if (arg === undefined || arg === 'help') throw new HelpRequest(POLICY_HELP, true);
  const value = own(POLICY_NAMES, arg);
  if (value === undefined) throw new UsageError(`Invalid chassis policy: ${arg}`);
  const r = await invoke(
    ctx,
    setPowerRestorePolicy,
    { policy: value },
    {
      failed: 'Power Restore Policy command failed',
      noResponse: 'Error in Power Restore Policy command',
    },
  );
  if (value === PowerPolicy.NoChange) {
    const supported: string[] = [];
    if (r.supported & (1 << PowerPolicy.AlwaysOff)) supported.push('always-off');
    if (r.supported & (1 << PowerPolicy.AlwaysOn)) supported.push('always-on');
    if (r.supported & (1 << PowerPolicy.Previous)) supported.push('previous');
    return report('chassis.policy.list', { supported });
  }
  return report('chassis.policy.set', { policy: arg });
}

export interface RestartCause {
  cause: number;
  text: string;
}

export async function restartCause(ctx: Context): Promise<Report<RestartCause>> {
  const r = await invoke(ctx, getSystemRestartCause, undefined, {
    failed: 'Get Chassis Restart Cause failed',
    noResponse: 'Unable to get Chassis Restart Cause',
  });
  return report('chassis.restart-cause', { cause: r.cause, text: restartCauseText[r.cause] ?? 'unknown' });
}

export interface PowerOnHours {
  minutesPerCount: number;
  count: number;
  days: number;
  hours: number;
  /** Only shown by ipmitool when a count is less than an hour. */
  minutes: number;
}

/** ipmitool computes in single-precision float; Math.fround keeps the same truncations. */
export function pohBreakdown(minutesPerCount: number, count: number): PowerOnHours {
  const f = Math.fround;
  let minutes = f(f(count) * minutesPerCount);
  const days = Math.trunc(f(minutes / 1440)) >>> 0;
  minutes = f(minutes - f(days * 1440));
  const hours = Math.trunc(f(minutes / 60)) >>> 0;
  minutes = f(minutes - hours * 60);
  return { minutesPerCount, count, days, hours, minutes: Math.trunc(minutes) };
}

export async function poh(ctx: Context): Promise<Report<PowerOnHours>> {
  const r = await invoke(ctx, getPohCounter, undefined, {
    failed: 'Get Chassis Power-On-Hours failed',
    noResponse: 'Unable to get Chassis Power-On-Hours',
  });
  return report('chassis.poh', pohBreakdown(r.minutesPerCount, r.count));
}

export interface SelfTest {
  result: number;
  detail: number;
}

export async function selftest(ctx: Context): Promise<Report<SelfTest>> {
  const r = await invoke(ctx, getSelfTestResults, undefined, {
    failed: 'Error sending Get Self Test command',
    noResponse: 'Error sending Get Self Test command',
  });
  return report('chassis.selftest', r);
}
