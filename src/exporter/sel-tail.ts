/**
 * The SEL read incrementally across scrapes. Get SEL Info (IPMI v2.0 §31.2) gives the entry
 * count and the most recent addition and erase timestamps; with what the last scrape read:
 *
 * - nothing read yet, the erase timestamp moved, or fewer entries than we hold: read it all
 *   (src/sel/reader.ts walkSel, which reads in parts under a Reserve SEL reservation when a BMC
 *   cannot return whole records, and starts over when records vanish under it);
 * - same addition timestamp and count: nothing to read (no Get SEL Entry at all);
 * - otherwise: Get SEL Entry of the last record we hold for its "next record ID", then follow the
 *   chain to FFFFh. Whole-record reads need no reservation (§31.4). If our last record is gone
 *   (CBh, deleted), read it all.
 *
 * Pure logic over a SelSource; the state is the caller's (one per target).
 */
import { LAST_RECORD, walkSel, type SelSource } from '../sel/reader.js';
import { parseSelRecord, type SelRecord } from '../sel/record.js';
import type { SelInfo } from '../ipmi/cmds/storage/get-sel-info.js';

/** The most a tail read follows in one scrape (a full SEL holds ~3,600 records of 16 bytes in 64 KiB). */
const MAX_TAIL = 4096;
const NOT_PRESENT = 0xcb;

export interface SelState {
  lastAdd: number;
  lastErase: number;
  records: SelRecord[];
}

export interface SelUpdate {
  state: SelState;
  /** How the records were brought up to date. */
  read: 'full' | 'tail' | 'none';
  /** Get SEL Entry requests sent. */
  entriesRead: number;
}

export async function updateSel(info: SelInfo, prev: SelState | undefined, source: SelSource): Promise<SelUpdate> {
  let entriesRead = 0;
  const counted: SelSource = {
    entry: (id, part) => {
      entriesRead++;
      return source.entry(id, part);
    },
    ...(source.reserve ? { reserve: () => source.reserve!() } : {}),
  };
  const full = async (): Promise<SelUpdate> => {
    if (info.entries === 0) return { state: { lastAdd: info.lastAddTime, lastErase: info.lastEraseTime, records: [] }, read: 'full', entriesRead };
    const walk = await walkSel(counted);
    if (walk.failure) throw walk.failure;
    return { state: { lastAdd: info.lastAddTime, lastErase: info.lastEraseTime, records: walk.records }, read: 'full', entriesRead };
  };
  if (!prev || prev.lastErase !== info.lastEraseTime || info.entries < prev.records.length || prev.records.length === 0) return full();
  if (prev.lastAdd === info.lastAddTime && prev.records.length === info.entries) return { state: prev, read: 'none', entriesRead };
  const last = prev.records[prev.records.length - 1]!;
  const have = new Set(prev.records.map((r) => r.raw.toString('hex')));
  const added: SelRecord[] = [];
  let r = await counted.entry(last.recordId);
  if (r.cc === NOT_PRESENT) return full();
  if (r.cc !== 0 || !r.reply) throw new Error(`Get SEL Entry ${last.recordId.toString(16)}: completion code ${r.cc.toString(16)}h`);
  let next = r.reply.nextRecordId;
  const visited = new Set<number>([last.recordId]);
  while (next !== LAST_RECORD && !visited.has(next) && added.length < MAX_TAIL) {
    visited.add(next);
    r = await counted.entry(next);
    if (r.cc === NOT_PRESENT) return full();
    if (r.cc !== 0 || !r.reply) throw new Error(`Get SEL Entry ${next.toString(16)}: completion code ${r.cc.toString(16)}h`);
    const rec = parseSelRecord(r.reply.record);
    if (!have.has(rec.raw.toString('hex'))) added.push(rec);
    next = r.reply.nextRecordId;
  }
  return { state: { lastAdd: info.lastAddTime, lastErase: info.lastEraseTime, records: [...prev.records, ...added] }, read: 'tail', entriesRead };
}
