/** `sol looptest [count [interval_ms [instance]]]`: activate and deactivate SOL repeatedly (ipmitool's test). */
import { HelpRequest, IpmiError, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { parseU8 } from '../../runtime/numbers.js';
import { sleep } from '../../io.js';
import { report, type Report } from '../../report.js';
import { SOL_USAGE, parseInt32 } from './args.js';
import { activateSol, deactivateSol } from './activation.js';

export interface SolLooptest {
  escapeChar: string;
  iterations: { counter: number; ok: boolean }[];
  failed: boolean;
}

export async function looptest(ctx: Context, args: string[]): Promise<Report<SolLooptest>> {
  if (args.length > 3) throw new HelpRequest(SOL_USAGE, true);
  let count = 200;
  let interval = 100;
  let instance = 1;
  if (args.length >= 1) {
    const v = parseInt32(args[0]!);
    if (v === undefined) throw new UsageError(`Given cnt '${args[0]}' is invalid.`);
    count = v <= 0 ? 200 : v;
  }
  if (args.length >= 2) {
    const v = parseInt32(args[1]!);
    if (v === undefined) throw new UsageError(`Given interval '${args[1]}' is invalid.`);
    interval = Math.max(0, v);
  }
  if (args.length >= 3) {
    const v = parseU8(args[2]!);
    if (v === undefined) throw new UsageError(`Given instance '${args[2]}' is invalid.`, SOL_USAGE);
    instance = v;
  }
  const data: SolLooptest = { escapeChar: ctx.options.escapeChar, iterations: [], failed: false };
  const notes: string[] = [];
  for (let counter = count; counter > 0; counter--) {
    const it = { counter, ok: false };
    data.iterations.push(it);
    try {
      await activateSol(ctx, instance, false);
    } catch (e) {
      if (!(e instanceof IpmiError)) throw e;
      data.failed = true;
      return report('sol.looptest', data, { notes, failure: e });
    }
    it.ok = true;
    const line = await deactivateSol(ctx, instance, false);
    if (line) notes.push(line);
    await sleep(ctx.deps.clock, interval);
  }
  return report('sol.looptest', data, { notes });
}
