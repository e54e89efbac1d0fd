/**
 * Reading the SEL record by record (Get SEL Entry, IPMI v2.0 §31.5): start at record 0000h and
 * follow the "next record ID" until FFFFh. Whole-record reads need no reservation (§31.4), so
 * the walk survives other clients reserving the SEL. It also survives the log changing under it:
 *
 * - records added while reading are appended and reached through the chain;
 * - a record deleted (or the log cleared) after its ID was handed out answers "not present"
 *   (CBh): the walk starts over from the first record and skips the records it already has
 *   (same 16 bytes), so nothing is printed twice and records added meanwhile are not lost;
 * - a chain that comes back to a record ID it already visited (a broken BMC) is cut there.
 */
import { IpmiError, TransportError } from '../errors.js';
import type { SelEntryReply } from '../ipmi/cmds/storage/get-sel-entry.js';
import { describeCompletionCode } from '../ipmi/completion-codes.js';
import { CommandError } from '../errors.js';
import { parseSelRecord, type SelRecord } from './record.js';

export const FIRST_RECORD = 0x0000;
export const LAST_RECORD = 0xffff;
const NOT_PRESENT = 0xcb;
/** How often the walk starts over after records vanished, before it gives up. */
const MAX_RESTARTS = 4;

export interface SelSource {
  /** Get SEL Entry for a whole record: the completion code and, when it is 0, the reply. Throws when the BMC does not answer. */
  entry(recordId: number): Promise<{ cc: number; reply?: SelEntryReply }>;
}

export interface WalkOptions {
  /** Stop after this many records (ipmitool's `first N`). */
  limit?: number;
  /** Called after every record read (progress). */
  onRecord?(count: number): void;
}

export interface SelWalk {
  records: SelRecord[];
  /** stderr lines: ipmitool's failure wording, and what the walk noticed (restarts, loops). */
  notes: string[];
  /** Set when reading stopped on an error (the records before it are kept). */
  failure?: IpmiError;
}

const hex = (id: number): string => id.toString(16);

export async function walkSel(source: SelSource, o: WalkOptions = {}): Promise<SelWalk> {
  const records: SelRecord[] = [];
  const notes: string[] = [];
  const have = new Set<string>();
  let restarts = 0;
  let visited = new Set<number>();
  let id = FIRST_RECORD;
  let retried = false;
  let zeroRetried = false;

  for (;;) {
    let r: { cc: number; reply?: SelEntryReply };
    try {
      r = await source.entry(id);
    } catch (e) {
      // ipmitool: "Get SEL Entry <id> command failed" (no response), after the transport's retries.
      const line = `Get SEL Entry ${hex(id)} command failed`;
      notes.push(line);
      const failure = e instanceof IpmiError ? new TransportError(line, e.code).withDetail(e.message) : new TransportError(line);
      return { records, notes, failure };
    }
    if (r.cc === NOT_PRESENT && (id !== FIRST_RECORD || restarts > 0)) {
      if (id === FIRST_RECORD || restarts >= MAX_RESTARTS) break;
      // The record we were sent to is gone: the log changed while we read it.
      restarts++;
      notes.push(`SEL record ${hex(id)} disappeared while the SEL was read (entries deleted or cleared): reading again from the first record`);
      visited = new Set();
      id = FIRST_RECORD;
      continue;
    }
    if (r.cc !== 0 || !r.reply) {
      const line = `Get SEL Entry ${hex(id)} command failed: ${describeCompletionCode(r.cc)}`;
      notes.push(line);
      // ipmitool asks once more for the same record before it gives up.
      if (!retried) {
        retried = true;
        continue;
      }
      return { records, notes, failure: new CommandError(line, 'completion-code') };
    }
    retried = false;
    visited.add(id);
    const { nextRecordId, record: bytes } = r.reply;
    const record = parseSelRecord(bytes);
    const key = record.raw.toString('hex');
    if (!have.has(key)) {
      have.add(key);
      records.push(record);
      o.onRecord?.(records.length);
      if (o.limit !== undefined && records.length >= o.limit) break;
    }
    if (nextRecordId === LAST_RECORD) break;
    if (nextRecordId === FIRST_RECORD && !zeroRetried) {
      // ipmitool reads the record again: some BMCs now and then answer "next: 0000h".
      zeroRetried = true;
      continue;
    }
    zeroRetried = false;
    if (visited.has(nextRecordId) || nextRecordId === FIRST_RECORD) {
      notes.push(`SEL record ${hex(record.recordId)} points back to record ${hex(nextRecordId)}: the SEL chain loops, stopping there`);
      break;
    }
    id = nextRecordId;
  }
  return { records, notes };
}
