/**
 * `sel add <file>` (Add SEL Entry, IPMI v2.0 §31.6, one system event record per line of an
 * event file) and `sel readraw|ereadraw <file>` (records saved by `sel writeraw`).
 */
import { CommandError, IpmiError, LocalError } from '../../errors.js';
import { addSelEntry } from '../../ipmi/cmds/storage/add-sel-entry.js';
import type { Context } from '../../runtime/context.js';
import { parseSelRecord, recordOfEvent, encodeSystemEvent, swapRawFileLayout, SEL_RECORD_SIZE, type SelRecord } from '../../sel/record.js';
import { eventOfBytes, parseEventFile } from '../../sel/save-file.js';
import type { SelAddView, SelFileView } from './data.js';
import { colon, invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { ending } from '../shared/sdr-ending.js';
import { entriesOf, oemContext, sdrLookup } from './common.js';
import { strerror } from '../../strerror.js';
import { readInputFile } from '../../read-input.js';

/** Generator ID of `sel add` events: software ID 20h (system management software), bit 0 set (§5.5, §32.1). */
export const SEL_ADD_GENERATOR = 0x41;

/** ipmitool's ipmi_open_file for reading. */
export function readInput(file: string): Buffer {
  try {
    return readInputFile(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new LocalError(`File ${file} does not exist`, 'file');
    throw new LocalError(`Unable to open file ${file}: ${strerror(err)}`, 'file');
  }
}

/** ipmitool's line for a bad line of an event file: its bytes, zero-filled to `width` (7 for event file, 8 for sel add). */
export function invalidEventNote(bytes: readonly number[], width: number): string {
  const padded = [...bytes, ...new Array<number>(Math.max(0, width - bytes.length)).fill(0)];
  return `Invalid Event: ${padded.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export async function add(ctx: Context, file: string): Promise<Report<SelAddView>> {
  const lines = parseEventFile(readInput(file).toString('latin1'));
  const records: SelRecord[] = [];
  const added: number[] = [];
  const notes: string[] = [];
  let failure: IpmiError | undefined;
  for (const line of lines) {
    if (line.kind === 'invalid') {
      notes.push(invalidEventNote(line.bytes, 8));
      continue;
    }
    const event = eventOfBytes(line.bytes, SEL_ADD_GENERATOR);
    // ipmitool prints the record before it sends it (record ID and timestamp 0).
    records.push(recordOfEvent(event));
    try {
      added.push(await invoke(ctx, addSelEntry, encodeSystemEvent(event), { failed: colon('Add SEL Entry failed'), noResponse: 'Add SEL Entry failed' }));
    } catch (e) {
      if (!(e instanceof IpmiError) || e.layer === 'usage') throw e;
      failure = e;
      break;
    }
  }
  const entries = await entriesOf(records, await oemContext(ctx)(records));
  // A skipped line fails the run (ipmitool exits 0): the last `Invalid Event` line is the message.
  if (!failure && notes.length) return report('sel.add', { file, added, entries }, ending([], notes, 'bad-file'));
  return report('sel.add', { file, added, entries }, { notes, ...(failure ? { failure } : {}) });
}

export async function readraw(ctx: Context, file: string, extended: boolean): Promise<Report<SelFileView>> {
  let bytes: Buffer;
  try {
    bytes = readInput(file);
  } catch (e) {
    if (e instanceof LocalError) throw new IpmiError('local', 'file', 'ipmits: could not open input file.', [e.message]);
    throw e;
  }
  const records: SelRecord[] = [];
  for (let at = 0; at + SEL_RECORD_SIZE <= bytes.length; at += SEL_RECORD_SIZE) {
    records.push(parseSelRecord(swapRawFileLayout(bytes.subarray(at, at + SEL_RECORD_SIZE))));
  }
  // No session is needed: ipmitool knows no manufacturer here (OEM sensor types stay "Unknown").
  const entries = await entriesOf(records, {}, extended ? sdrLookup(ctx) : undefined);
  const partial = bytes.length % SEL_RECORD_SIZE !== 0;
  return report('sel.readraw', { file, entries }, partial ? { failure: new CommandError('ipmits: incomplete record found in file.', 'bad-file') } : {});
}
