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
 *
 * A BMC that cannot return a whole record in one reply (CAh "cannot return number of requested
 * data bytes", C7h/C8h length errors) is read in parts under a reservation (Reserve SEL, §31.4):
 * when the reservation is cancelled (C5h: the log changed) it is renewed and the record read again.
 */
import { DecodeError, IpmiError, TransportError } from '../errors.js';
import type { SelEntryReply } from '../ipmi/cmds/storage/get-sel-entry.js';
import { CompletionCode, describeCompletionCode } from '../ipmi/completion-codes.js';
import { CommandError } from '../errors.js';
import { parseSelRecord, SEL_RECORD_SIZE, type SelRecord } from './record.js';

export const FIRST_RECORD = 0x0000;
export const LAST_RECORD = 0xffff;
const NOT_PRESENT = 0xcb;
/** How often the walk starts over after records vanished, before it gives up. */
const MAX_RESTARTS = 4;

export interface PartialRead {
  reservation: number;
  offset: number;
  length: number;
}

export interface SelSource {
  /**
   * Get SEL Entry: the whole record, or `part` of it under a reservation; the completion code
   * and, when it is 0, the reply. Throws when the BMC does not answer.
   */
  entry(recordId: number, part?: PartialRead): Promise<{ cc: number; reply?: SelEntryReply }>;
  /** Reserve SEL: the completion code and the reservation ID. */
  reserve?(): Promise<{ cc: number; reservation?: number }>;
}

/** Completion codes that mean "ask for fewer bytes" (IPMI v2.0 §5.2 Table 5-2). */
const TOO_LONG: readonly number[] = [
  CompletionCode.CannotReturnRequestedBytes,
  CompletionCode.RequestDataLengthInvalid,
  CompletionCode.RequestDataFieldLengthExceeded,
];
const RESERVATION_CANCELLED = CompletionCode.ReservationCancelled;
/** Bytes per partial read (the record is 16). */
const PART = 8;
/** How often a cancelled reservation is renewed for one record. */
const MAX_RENEWALS = 8;

type Reply = { cc: number; reply?: SelEntryReply };

/**
 * A record read in parts under a reservation, renewed when the BMC cancels it. The reply has
 * the next record ID of the first part and the record's bytes; a failed part is returned as is.
 */
async function readInParts(source: SelSource, recordId: number, state: { reservation?: number }): Promise<Reply> {
  if (!source.reserve) return { cc: TOO_LONG[0]! };
  for (let renewals = 0; renewals <= MAX_RENEWALS; renewals++) {
    if (state.reservation === undefined) {
      const r = await source.reserve();
      if (r.cc !== 0 || r.reservation === undefined) return { cc: r.cc || CompletionCode.Unspecified };
      state.reservation = r.reservation;
    }
    const parts: Buffer[] = [];
    let next: number | undefined;
    let cancelled = false;
    for (let offset = 0; offset < SEL_RECORD_SIZE; offset += PART) {
      const r = await source.entry(recordId, { reservation: state.reservation, offset, length: PART });
      if (r.cc === RESERVATION_CANCELLED) {
        cancelled = true;
        break;
      }
      if (r.cc !== 0 || !r.reply) return r;
      next ??= r.reply.nextRecordId;
      parts.push(r.reply.record.subarray(0, PART));
    }
    if (!cancelled) return { cc: 0, reply: { nextRecordId: next!, record: Buffer.concat(parts) } };
    state.reservation = undefined;
  }
  return { cc: RESERVATION_CANCELLED };
}

export interface WalkOptions {
  /** Stop after this many records (ipmitool's `first N`). */
  limit?: number;
  /** Called after every record read (progress). */
  onRecord?(count: number): void;
  /** Diagnostics (-v). */
  log?(line: string): void;
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
  // Set once the BMC refused a whole record: from then on records are read in parts.
  let partial = false;
  const reservation: { reservation?: number } = {};

  for (;;) {
    let r: Reply;
    try {
      r = partial ? await readInParts(source, id, reservation) : await source.entry(id);
      if (!partial && TOO_LONG.includes(r.cc) && source.reserve) {
        partial = true;
        o.log?.(`Get SEL Entry ${hex(id)}: ${describeCompletionCode(r.cc)}; reading records in parts under a reservation`);
        r = await readInParts(source, id, reservation);
      }
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
    let record: SelRecord;
    try {
      record = parseSelRecord(bytes);
    } catch (e) {
      // A reply too short for a record: keep what was read, say which record.
      if (!(e instanceof DecodeError)) throw e;
      const line = `Get SEL Entry ${hex(id)}: ${e.message}`;
      notes.push(line);
      return { records, notes, failure: new DecodeError(line, e.offset) };
    }
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
