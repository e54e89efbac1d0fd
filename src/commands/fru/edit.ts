/**
 * `fru edit <id> field <c|b|p> <index> <string>` (ipmitool's ipmi_fru_set_field_string):
 * the same-length case prints and writes as ipmitool does; a different length rebuilds the
 * area (src/fru/edit.ts). The changed bytes are read back and compared.
 */
import type { Context } from '../../runtime/context.js';
import { CommandError, IpmiError, UsageError } from '../../errors.js';
import { FruAccessError, firstDifference } from '../../fru/device.js';
import { setField, type Section } from '../../fru/edit.js';
import { report, type Report } from '../../report.js';
import { fruId } from './args.js';
import { openFru } from './device.js';

export const EDIT_HELP =
  'fru edit <fruid> field <section> <index> <string> - edit FRU string\nfru edit <fruid> oem iana <record> <format> <args> - limited OEM support\n';

export interface FruEdit {
  id: number;
  section: Section;
  index: number;
  value: string;
  /** The field's text before. */
  old?: string;
  resized?: boolean;
  /** Why nothing was written, as ipmitool prints it on stdout. */
  refused?: string;
  done: boolean;
}

export async function edit(ctx: Context, args: string[]): Promise<Report<FruEdit>> {
  if (args.length < 1) throw new UsageError('Not enough parameters given.', EDIT_HELP);
  const id = fruId(args[0]!);
  const [what, sec, idx, value] = args.slice(1);
  if (what === undefined || what === 'oem')
    throw new UsageError('fru edit ... oem (OEM multi-records) is not supported by ipmits', undefined, 'unsupported-command');
  if (what !== 'field') throw new UsageError(`Invalid command: ${what}`, EDIT_HELP);
  if (args.length !== 5) throw new UsageError('Not enough parameters given.', EDIT_HELP);
  // ipmitool looks at the first character only ("chassis" is 'c').
  const section = sec![0] as Section;
  if (section !== 'c' && section !== 'b' && section !== 'p') throw new UsageError('Wrong field type. (c: chassis, b: board, p: product)');
  if (!/^[0-9]+$/.test(idx!)) throw new UsageError(`Invalid field index: ${idx} (0 is the first field)`);
  const data: FruEdit = { id, section, index: Number(idx), value: value!, done: false };

  const opened = await openFru(ctx, id);
  if (!opened.ok) return report('fru.edit', { ...data, refused: ` Device not present (${opened.reason})` }, { failure: new CommandError('', 'fru-device') });
  const dev = opened.device;
  try {
    const image = await dev.readAll();
    const e = setField(image, section, data.index, data.value);
    if (typeof e === 'string') return report('fru.edit', { ...data, refused: e }, { failure: new CommandError('', 'fru-edit') });
    const out = { ...data, old: e.old, resized: e.resized };
    await dev.write(e.image.subarray(e.from, e.to), undefined, e.from);
    await dev.ensure(e.from, e.to - e.from);
    const diff = firstDifference(e.image.subarray(e.from, e.to), dev.image().subarray(e.from, e.to));
    if (diff) return report('fru.edit', out, { failure: new CommandError(`FRU ${id} verification failed at offset ${e.from + diff.offset}`, 'fru-verify') });
    return report('fru.edit', { ...out, done: true });
  } catch (e) {
    if (e instanceof FruAccessError) return report('fru.edit', data, { failure: new CommandError(`Unable to edit FRU ${id}: ${e.message}`, 'fru-device') });
    if (e instanceof IpmiError) return report('fru.edit', data, { failure: e });
    throw e;
  }
}
