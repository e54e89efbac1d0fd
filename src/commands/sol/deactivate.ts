/** `sol deactivate [instance=N]`: Deactivate Payload (IPMI v2.0 §24.2). */
import { CommandError, HelpRequest } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { SOL_USAGE, checkInstance, parseInstanceArg } from './args.js';
import { deactivateSol } from './activation.js';

export async function deactivate(ctx: Context, args: string[]): Promise<Report<{ instance: number }>> {
  let instance = 1;
  for (const a of args) {
    if (a.startsWith('instance=')) instance = parseInstanceArg(a.slice('instance='.length));
    else throw new HelpRequest(SOL_USAGE, true);
  }
  checkInstance(instance);
  const line = await deactivateSol(ctx, instance, false);
  if (line) throw new CommandError(line, line.startsWith('Error: No response') ? 'no-response' : 'completion-code');
  return report('sol.deactivate', { instance });
}
