/**
 * `sel clear` and `sel delete <id>...`: both under a SEL reservation (Reserve SEL, IPMI v2.0
 * §31.4), which the BMC cancels when the log changes, so a clear never erases entries logged
 * after the caller looked (§31.9).
 */
import { CommandError, HelpRequest, IpmiError } from '../../errors.js';
import { CLEAR_INITIATE, clearSel } from '../../ipmi/cmds/storage/clear-sel.js';
import { deleteSelEntry } from '../../ipmi/cmds/storage/delete-sel-entry.js';
import { reserveSel } from '../../ipmi/cmds/storage/reserve-sel.js';
import { describeCommandCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import type { SelDeleteView } from './data.js';
import { colon, invoke, isNoResponse } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { ending } from '../shared/sdr-ending.js';
import { recordIdArg } from './common.js';

/**
 * Reserve SEL with ipmitool's reporting: no answer is a stderr line; a completion code is
 * printed on stdout without a newline (ipmitool's printf).
 */
async function reserve(ctx: Context): Promise<number | Report> {
  const client = await ctx.client();
  let r: { cc: number; value?: number };
  try {
    r = await client.try(reserveSel, undefined);
  } catch (e) {
    if (isNoResponse(e)) throw new CommandError('Unable to reserve SEL', 'reserve-failed').withDetail((e as Error).message);
    throw e;
  }
  if (r.cc !== 0) {
    return report(
      'sel.stdout',
      { text: `Unable to reserve SEL: ${describeCommandCode(reserveSel, r.cc)}` },
      { failure: new CommandError('', 'reserve-failed') },
    );
  }
  return r.value!;
}

export async function clear(ctx: Context): Promise<Report> {
  const reservation = await reserve(ctx);
  if (typeof reservation !== 'number') return reservation;
  const status = await invoke(
    ctx,
    clearSel,
    { reservation, action: CLEAR_INITIATE },
    { failed: colon('Unable to clear SEL'), noResponse: 'Unable to clear SEL' },
  );
  return report('sel.clear', { completed: status.completed ?? null });
}

export async function del(ctx: Context, args: readonly string[]): Promise<Report> {
  if (args.length === 0) throw new HelpRequest('usage: sel delete <id>...<id>\n', true);
  if (args[0] === 'help') throw new HelpRequest('usage: delete <id>...<id>\n\n', true);
  const reservation = await reserve(ctx);
  if (typeof reservation !== 'number') return reservation;
  const view: SelDeleteView = { deleted: [], failed: [] };
  const notes: string[] = [];
  // ipmitool deletes from the last argument to the first.
  for (const arg of [...args].reverse()) {
    const id = recordIdArg(arg);
    if (id === undefined) {
      notes.push(`Given SEL ID '${arg}' is invalid.`);
      view.failed.push({ arg });
      continue;
    }
    try {
      await invoke(
        ctx,
        deleteSelEntry,
        { reservation, recordId: id },
        { failed: colon(`Unable to delete entry ${id}`), noResponse: `Unable to delete entry ${id}` },
      );
      view.deleted.push(id);
    } catch (e) {
      if (!(e instanceof IpmiError) || e.layer === 'usage') throw e;
      notes.push(e.message);
      view.failed.push({ arg, id });
    }
  }
  // The last error line is the failure's message (the --json error document carries it).
  return report('sel.delete', view, ending([], notes, 'delete-failed'));
}
