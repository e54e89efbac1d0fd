/** `mc getenables` and `mc setenables <option>=on|off ...`. IPMI v2.0 §22.1, §22.2. */
import { HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { getBmcGlobalEnables } from '../../ipmi/cmds/app/get-bmc-global-enables.js';
import { ENABLE_OPTIONS } from '../../spec/mc.js';
import { setBmcGlobalEnables } from '../../ipmi/cmds/app/set-bmc-global-enables.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { noMoreArgs } from './args.js';
import { colon, invoke } from '../shared/invoke.js';

export interface McEnables {
  /** The enables byte as read. */
  enables: number;
}

export interface EnableChange {
  option: string;
  description: string;
  enable: boolean;
}

export interface McSetEnables {
  /** One per argument, in order (ipmitool prints "Enabling ..."/"Disabling ..." for each). */
  changes: EnableChange[];
  before: number;
  requested: number;
  /** False when the requested byte equals the current one: nothing is sent. */
  changed: boolean;
  /** Set BMC Global Enables succeeded. */
  written: boolean;
  /** The byte read back (the current one when nothing changed); absent when that failed. */
  after?: number;
}

const READ = { failed: colon('Get Global Enables command failed'), noResponse: 'Get Global Enables command failed' };

export async function getenables(ctx: Context, args: string[]): Promise<Report<McEnables>> {
  noMoreArgs(args, 'mc getenables');
  const r = await invoke(ctx, getBmcGlobalEnables, undefined, READ);
  return report('mc.getenables', { enables: r.enables });
}

export function parseEnableChanges(args: readonly string[]): EnableChange[] {
  return args.map((arg) => {
    const m = /^([^=]+)=(on|off)$/.exec(arg);
    const o = m ? ENABLE_OPTIONS.find((x) => x.option === m[1]) : undefined;
    if (!m || !o) throw new UsageError(`Unrecognized option: ${arg}`);
    return { option: o.option, description: o.description, enable: m[2] === 'on' };
  });
}

export function applyEnableChanges(enables: number, changes: readonly EnableChange[]): number {
  let en = enables;
  for (const c of changes) {
    const mask = ENABLE_OPTIONS.find((o) => o.option === c.option)!.mask;
    en = c.enable ? en | mask : en & ~mask;
  }
  return en & 0xff;
}

export async function setenables(ctx: Context, args: string[], usage: string): Promise<Report<McSetEnables>> {
  if (args.length === 0) throw new HelpRequest(usage, true);
  if (args[0] === 'help') throw new HelpRequest(usage);
  const changes = parseEnableChanges(args);
  const before = (await invoke(ctx, getBmcGlobalEnables, undefined, READ)).enables;
  const requested = applyEnableChanges(before, changes);
  const data: McSetEnables = { changes, before, requested, changed: requested !== before, written: false };
  if (!data.changed) return report('mc.setenables', { ...data, after: before });
  // From here on ipmitool has printed the "Enabling ..." lines: failures come with them.
  try {
    await invoke(
      ctx,
      setBmcGlobalEnables,
      { enables: requested },
      {
        failed: colon('Set Global Enables command failed'),
        noResponse: 'Set Global Enables command failed',
      },
    );
    data.written = true;
    data.after = (await invoke(ctx, getBmcGlobalEnables, undefined, READ)).enables;
  } catch (e) {
    if (e instanceof IpmiError) return report('mc.setenables', data, { failure: e });
    throw e;
  }
  return report('mc.setenables', data);
}
