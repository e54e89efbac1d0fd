/** The SEL walk against an in-memory BMC whose log changes while it is read (IPMI v2.0 §31.5). */
import { describe, expect, it } from 'vitest';
import { TransportError } from '../errors.js';
import { encodeSystemEvent } from './record.js';
import { walkSel, type PartialRead, type SelSource } from './reader.js';

/** A SEL like ipmi_sim's: a list of records, IDs never reused, FFFFh after the last. */
class FakeSel implements SelSource {
  records: Buffer[] = [];
  nextId = 1;
  calls: number[] = [];
  /** Runs before answering the n-th request (0-based). */
  hooks = new Map<number, () => void>();
  /** Replace the next-ID answer for a record. */
  nextOverride = new Map<number, number>();
  /** Refuse whole-record reads with this completion code (CAh: cannot return that many bytes). */
  refuseWhole?: number;
  /** The current reservation; any change to the log cancels it (§31.4). */
  reservation = 0;
  reserves = 0;
  parts: { id: number; reservation: number; offset: number; length: number }[] = [];

  async reserve(): Promise<{ cc: number; reservation: number }> {
    this.reserves++;
    this.reservation = 0x100 + this.reserves;
    return { cc: 0, reservation: this.reservation };
  }

  add(sensorNumber: number): number {
    this.reservation = 0;
    const id = this.nextId++;
    this.records.push(
      encodeSystemEvent(
        { generatorId: 0x20, evmRevision: 4, sensorType: 1, sensorNumber, eventType: 1, deassertion: false, eventData: [0x59, 0, 0] },
        id,
        0x65e17000 + id,
      ),
    );
    return id;
  }
  delete(id: number): void {
    this.reservation = 0;
    this.records = this.records.filter((r) => r.readUInt16LE(0) !== id);
  }
  clear(): void {
    this.reservation = 0;
    this.records = [];
  }

  async entry(recordId: number, part?: PartialRead): Promise<{ cc: number; reply?: { nextRecordId: number; record: Buffer } }> {
    this.hooks.get(this.calls.length)?.();
    this.calls.push(recordId);
    if (!part && this.refuseWhole !== undefined) return { cc: this.refuseWhole };
    if (part) {
      this.parts.push({ id: recordId, ...part });
      // §31.5: a partial read needs the current reservation; C5h when it was cancelled.
      if (part.reservation !== this.reservation) return { cc: 0xc5 };
    }
    const i = recordId === 0 ? 0 : recordId === 0xffff ? this.records.length - 1 : this.records.findIndex((r) => r.readUInt16LE(0) === recordId);
    const rec = this.records[i];
    if (!rec) return { cc: 0xcb };
    const next = this.nextOverride.get(recordId) ?? this.records[i + 1]?.readUInt16LE(0) ?? 0xffff;
    return { cc: 0, reply: { nextRecordId: next, record: part ? rec.subarray(part.offset, part.offset + part.length) : rec } };
  }
}

const ids = (w: { records: { recordId: number }[] }): number[] => w.records.map((r) => r.recordId);

function sel(n: number): FakeSel {
  const s = new FakeSel();
  for (let i = 0; i < n; i++) s.add(i);
  return s;
}

describe('walkSel', () => {
  it('follows the chain from 0000h to FFFFh, one request per record', async () => {
    const s = sel(5);
    const w = await walkSel(s);
    expect(ids(w)).toEqual([1, 2, 3, 4, 5]);
    expect(s.calls).toEqual([0, 2, 3, 4, 5]);
    expect(w.notes).toEqual([]);
    expect(w.failure).toBeUndefined();
  });

  it('stops after `limit` records and reports progress', async () => {
    const seen: number[] = [];
    const w = await walkSel(sel(5), { limit: 2, onRecord: (n) => seen.push(n) });
    expect(ids(w)).toEqual([1, 2]);
    expect(seen).toEqual([1, 2]);
  });

  it('records added while reading are read too', async () => {
    const s = sel(3);
    s.hooks.set(2, () => {
      s.add(10);
      s.add(11);
    });
    expect(ids(await walkSel(s))).toEqual([1, 2, 3, 4, 5]);
  });

  it('a record deleted after its ID was handed out: start over, nothing twice, nothing lost', async () => {
    const s = sel(6);
    // After reading record 2 (next = 3), record 3 is deleted and a new one added.
    s.hooks.set(2, () => {
      s.delete(3);
      s.add(20);
    });
    const w = await walkSel(s);
    expect(ids(w)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(w.notes).toEqual(['SEL record 3 disappeared while the SEL was read (entries deleted or cleared): reading again from the first record']);
    expect(w.failure).toBeUndefined();
  });

  it('the log cleared while reading: what was read is kept, records logged after the clear follow', async () => {
    const s = sel(4);
    s.hooks.set(2, () => {
      s.clear();
      s.add(30);
    });
    const w = await walkSel(s);
    expect(ids(w)).toEqual([1, 2, 5]);
    expect(w.notes).toHaveLength(1);
  });

  it('the log cleared and left empty: the walk ends with what it read', async () => {
    const s = sel(4);
    s.hooks.set(1, () => s.clear());
    const w = await walkSel(s);
    expect(ids(w)).toEqual([1]);
    expect(w.failure).toBeUndefined();
  });

  it('a chain that loops back is cut, each record once', async () => {
    const s = sel(4);
    s.nextOverride.set(3, 2);
    const w = await walkSel(s);
    expect(ids(w)).toEqual([1, 2, 3]);
    expect(w.notes).toEqual(['SEL record 3 points back to record 2: the SEL chain loops, stopping there']);
    expect(s.calls).toEqual([0, 2, 3]);
  });

  it('a record pointing to itself is a loop too', async () => {
    const s = sel(3);
    s.nextOverride.set(2, 2);
    expect(ids(await walkSel(s))).toEqual([1, 2]);
  });

  it('"next: 0000h" is asked again once, as ipmitool does; twice ends the walk', async () => {
    const s = sel(3);
    s.nextOverride.set(2, 0);
    const w = await walkSel(s);
    expect(ids(w)).toEqual([1, 2]);
    expect(s.calls).toEqual([0, 2, 2]);
    expect(w.notes[0]).toMatch(/loops/);
  });

  it('a completion code: ipmitool asks twice, prints both failures, keeps what it read', async () => {
    const s = sel(3);
    const w = await walkSel({ entry: async (id) => (id === 3 ? { cc: 0xc0 } : s.entry(id)) });
    expect(ids(w)).toEqual([1, 2]);
    expect(w.notes).toEqual(['Get SEL Entry 3 command failed: Node busy', 'Get SEL Entry 3 command failed: Node busy']);
    expect(w.failure?.message).toBe('Get SEL Entry 3 command failed: Node busy');
  });

  it("no answer: ipmitool's line, a transport failure", async () => {
    const s = sel(3);
    const w = await walkSel({
      entry: async (id) => {
        if (id === 2) throw new TransportError('timeout');
        return s.entry(id);
      },
    });
    expect(ids(w)).toEqual([1]);
    expect(w.notes).toEqual(['Get SEL Entry 2 command failed']);
    expect(w.failure).toBeInstanceOf(TransportError);
  });

  describe('a BMC that cannot return whole records: parts under a reservation (§31.4, §31.5)', () => {
    it('reads each record in two 8-byte parts under one reservation: the same records', async () => {
      const s = sel(3);
      s.refuseWhole = 0xca;
      const w = await walkSel(s);
      expect(ids(w)).toEqual([1, 2, 3]);
      expect(w.records.map((r) => r.raw)).toEqual(s.records);
      expect(s.reserves).toBe(1);
      expect(s.parts.map((p) => [p.id, p.offset, p.length])).toEqual([
        [0, 0, 8],
        [0, 8, 8],
        [2, 0, 8],
        [2, 8, 8],
        [3, 0, 8],
        [3, 8, 8],
      ]);
      expect(w.notes).toEqual([]);
    });

    it('entries added between two parts cancel the reservation: renewed, the record read again, nothing lost', async () => {
      const s = sel(3);
      s.refuseWhole = 0xca;
      // Before the second part of record 2 (calls: 0 whole, 0 p1, 0 p2, 2 p1, 2 p2).
      s.hooks.set(4, () => s.add(10));
      const w = await walkSel(s);
      expect(ids(w)).toEqual([1, 2, 3, 4]);
      expect(s.reserves).toBe(2);
      expect(w.records[1]!.raw).toEqual(s.records[1]);
    });

    it('the log cleared during a partial read: what was read is kept, later entries follow', async () => {
      const s = sel(4);
      s.refuseWhole = 0xca;
      s.hooks.set(4, () => {
        s.clear();
        s.add(30);
      });
      const w = await walkSel(s);
      expect(ids(w)).toEqual([1, 5]);
      expect(w.failure).toBeUndefined();
    });

    it('without Reserve SEL the refusal is reported as ipmitool does', async () => {
      const s = sel(2);
      s.refuseWhole = 0xca;
      const w = await walkSel({ entry: (id, part) => s.entry(id, part) });
      expect(ids(w)).toEqual([]);
      expect(w.failure?.message).toBe('Get SEL Entry 0 command failed: Cannot return number of requested data bytes');
    });
  });

  it('a reply too short for a record: what was read is kept, the record named', async () => {
    const s = sel(3);
    const w = await walkSel({
      entry: async (id) => (id === 2 ? { cc: 0, reply: { nextRecordId: 3, record: Buffer.alloc(9) } } : s.entry(id)),
    });
    expect(ids(w)).toEqual([1]);
    expect(w.notes).toEqual(['Get SEL Entry 2: SEL record: 9 bytes, a record has 16']);
    expect(w.failure?.layer).toBe('decode');
  });
});
