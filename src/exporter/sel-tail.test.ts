import { describe, expect, it } from 'vitest';
import type { SelInfo } from '../ipmi/cmds/storage/get-sel-info.js';
import type { SelSource } from '../sel/reader.js';
import { updateSel } from './sel-tail.js';

/** A BMC's SEL: records with IDs 1, 2, ... chained in order (record 0000h = the first). */
class FakeSel {
  ids: number[] = [];
  next = 1;
  lastAdd = 0xffffffff;
  lastErase = 0xffffffff;
  requests: number[] = [];
  clock = 1_700_000_000;

  add(n: number): void {
    for (let i = 0; i < n; i++) this.ids.push(this.next++);
    this.lastAdd = ++this.clock;
  }
  clear(): void {
    this.ids = [];
    this.lastErase = ++this.clock;
  }
  deleteLast(): void {
    this.ids.pop();
  }
  info(): SelInfo {
    return {
      version: 0x51,
      entries: this.ids.length,
      freeBytes: 1000,
      lastAddTime: this.lastAdd,
      lastEraseTime: this.lastErase,
      operationSupport: 0x0f,
      length: 14,
    };
  }
  record(id: number): Buffer {
    // A system event record: ID, type 02h, timestamp, generator 20h, EvM 04h, sensor type 01h (temperature), number, threshold event.
    const b = Buffer.alloc(16);
    b.writeUInt16LE(id, 0);
    b[2] = 0x02;
    b.writeUInt32LE(this.clock, 3);
    b[7] = 0x20;
    b[9] = 0x04;
    b[10] = 0x01;
    b[11] = id & 0xff;
    b[12] = 0x01;
    return b;
  }
  source(): SelSource {
    return {
      entry: async (id) => {
        this.requests.push(id);
        const at = id === 0 ? 0 : this.ids.indexOf(id);
        if (at < 0 || this.ids.length === 0) return { cc: 0xcb };
        const real = this.ids[at]!;
        return { cc: 0, reply: { nextRecordId: this.ids[at + 1] ?? 0xffff, record: this.record(real) } };
      },
    };
  }
}

describe('incremental SEL', () => {
  it('reads it all first, nothing while it is unchanged, only new records after additions', async () => {
    const bmc = new FakeSel();
    bmc.add(5);
    const first = await updateSel(bmc.info(), undefined, bmc.source());
    expect(first).toMatchObject({ read: 'full', entriesRead: 5 });
    expect(first.state.records.map((r) => r.recordId)).toEqual([1, 2, 3, 4, 5]);

    bmc.requests = [];
    const same = await updateSel(bmc.info(), first.state, bmc.source());
    expect(same).toMatchObject({ read: 'none', entriesRead: 0 });
    expect(bmc.requests).toEqual([]);

    bmc.add(2);
    bmc.requests = [];
    const tail = await updateSel(bmc.info(), same.state, bmc.source());
    expect(tail).toMatchObject({ read: 'tail', entriesRead: 3 });
    // The last record held (for its "next"), then the two new ones.
    expect(bmc.requests).toEqual([5, 6, 7]);
    expect(tail.state.records.map((r) => r.recordId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads it all again after an erase, when entries went away, or when its last record was deleted', async () => {
    const bmc = new FakeSel();
    bmc.add(3);
    let s = (await updateSel(bmc.info(), undefined, bmc.source())).state;

    bmc.clear();
    bmc.add(2);
    let u = await updateSel(bmc.info(), s, bmc.source());
    expect(u.read).toBe('full');
    expect(u.state.records.map((r) => r.recordId)).toEqual([4, 5]);
    s = u.state;

    // The last record we hold is deleted and another added: same count, new addition time.
    bmc.deleteLast();
    bmc.add(1);
    u = await updateSel(bmc.info(), s, bmc.source());
    expect(u.read).toBe('full');
    expect(u.state.records.map((r) => r.recordId)).toEqual([4, 6]);
    s = u.state;

    bmc.deleteLast();
    u = await updateSel(bmc.info(), s, bmc.source());
    expect(u.read).toBe('full');
    expect(u.state.records.map((r) => r.recordId)).toEqual([4]);

    bmc.clear();
    u = await updateSel(bmc.info(), u.state, bmc.source());
    expect(u).toMatchObject({ read: 'full', entriesRead: 0 });
    expect(u.state.records).toEqual([]);
  });
});
