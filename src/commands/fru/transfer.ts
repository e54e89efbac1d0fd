/**
 * `fru read <id> <file>` and `fru write <id> <file>` (ipmitool's ipmi_fru_read_to_bin and
 * ipmi_fru_write_from_bin). Unlike ipmitool, failures exit non-zero, a file is written
 * only when the whole device was read, and `fru write` refuses damaged FRU data before
 * sending anything, then reads the device back and compares.
 */
import { nodeFs } from '../../node-fs.js';
import type { Context } from '../../runtime/context.js';
import { CommandError, IpmiError, LocalError, UsageError } from '../../errors.js';
import { CompletionCode } from '../../ipmi/completion-codes.js';
import { FruAccessError, firstDifference, type FruDevice } from '../../fru/device.js';
import { parseFru } from '../../fru/parse.js';
import { progressLine } from '../shared/progress.js';
import { report, type Report } from '../../report.js';
import { fileName, fruId } from './args.js';
import { openFru } from './device.js';
import { readInputFile } from '../../read-input.js';
import { hex2p } from '../../format/c-printf.js';

export interface FruTransfer {
  id: number;
  file: string;
  size?: number;
  byWords?: boolean;
  /** write: bytes sent. */
  written?: number;
  /** Reached the end (ipmitool's "Done"). */
  done: boolean;
}

const READ_HELP = 'fru read <fru id> <fru file>\nNote: FRU ID and file(incl. full path) must be specified.\nExample: ipmits fru read 0 /root/fru.bin\n';
const WRITE_HELP = 'fru write <fru id> <fru file>\nNote: FRU ID and file(incl. full path) must be specified.\nExample: ipmits fru write 0 /root/fru.bin\n';

export const HELP = { read: READ_HELP, write: WRITE_HELP };

function parseArgs(args: string[], help: string): { id: number; file: string } {
  if (args.length < 2) throw new UsageError('Not enough parameters given.', help);
  return { id: fruId(args[0]!), file: fileName(args[1]!) };
}

async function open(ctx: Context, id: number, what: string): Promise<FruDevice> {
  const o = await openFru(ctx, id);
  if (o.ok) return o.device;
  if (o.cc === CompletionCode.Timeout) throw new CommandError(`  Timeout accessing FRU info. (Device not present?)`, 'fru-device');
  throw new CommandError(`Unable to ${what} FRU ${id}: Get FRU Inventory Area Info failed: ${o.reason}`, 'fru-device');
}

/** Failures after the size line was printed: keep what was printed, fail with the reason. */
function failedAfter<D>(kind: string, data: D, e: unknown, what: string): Report<D> {
  if (e instanceof FruAccessError) return report(kind, data, { failure: new CommandError(`Unable to ${what}: ${e.message}`, 'fru-device') });
  if (e instanceof IpmiError) return report(kind, data, { failure: e });
  throw e;
}

export async function read(ctx: Context, args: string[]): Promise<Report<FruTransfer>> {
  const { id, file } = parseArgs(args, READ_HELP);
  const dev = await open(ctx, id, 'read');
  const data: FruTransfer = { id, file, size: dev.size, byWords: dev.info.byWords, done: false };
  const bar = progressLine(ctx, `Reading FRU ${id}`, 'bytes');
  let image: Buffer;
  try {
    image = await dev.readAll((done, total) => bar.update(done, total));
  } catch (e) {
    return failedAfter('fru.read', data, e, `read FRU ${id}`);
  } finally {
    bar.end();
  }
  try {
    nodeFs().writeFileSync(file, image);
  } catch {
    // ipmitool's wording, with its doubled newline.
    return report('fru.read', data, { failure: new LocalError(`Error opening file ${file}\n`) });
  }
  return report('fru.read', { ...data, done: true });
}

/** The data that will be written (ipmitool writes at most the device's size) and why it must not be. */
export function checkImage(file: Buffer, size: number): { data: Buffer; problems: string[] } {
  const data = file.subarray(0, size);
  return { data, problems: parseFru(data).problems };
}

export async function write(ctx: Context, args: string[]): Promise<Report<FruTransfer>> {
  const { id, file } = parseArgs(args, WRITE_HELP);
  let content: Buffer;
  try {
    content = readInputFile(file);
  } catch {
    throw new LocalError(`Error opening file ${file}\n`);
  }
  // Checked before anything is sent (and again against the device's size below).
  const early = parseFru(content).problems;
  if (early.length) throw damaged(file, early);
  const dev = await open(ctx, id, 'write');
  const { data: image, problems } = checkImage(content, dev.size);
  if (problems.length) throw damaged(file, [`only the first ${dev.size} bytes fit the FRU device:`, ...problems]);
  const data: FruTransfer = { id, file, size: dev.size, byWords: dev.info.byWords, written: image.length, done: false };
  const bar = progressLine(ctx, `Writing FRU ${id}`, 'bytes');
  try {
    await dev.write(image, (done, total) => bar.update(done, total));
    await dev.ensure(0, image.length);
  } catch (e) {
    return failedAfter('fru.write', data, e, `write FRU ${id}`);
  } finally {
    bar.end();
  }
  const diff = firstDifference(image, dev.image());
  if (diff) {
    return report('fru.write', data, {
      failure: new CommandError(
        `FRU ${id} verification failed: offset ${diff.offset} reads back ${hex2p(diff.read)}, ${hex2p(diff.wrote)} was written`,
        'fru-verify',
      ),
    });
  }
  return report('fru.write', { ...data, done: true });
}

/** A local failure (nothing was sent): every defect on its own line, then the verdict. */
function damaged(file: string, problems: string[]): IpmiError {
  const one = problems.length === 1;
  return new IpmiError('local', 'fru-invalid', `${file}: not written: the FRU data is damaged${one ? ` (${problems[0]})` : ''}`, one ? [] : problems);
}
