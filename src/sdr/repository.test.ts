/**
 * The SDR repository walk (IPMI v2.0 §33.11 Reserve SDR Repository, §33.12 Get SDR, §35.3 Get
 * Device SDR) against a fake BMC: whole-record reads, partial reads that shrink on CAh/C7h/FFh or
 * silence, reservations renewed on C5h, and the bounds that stop a broken BMC from looping.
 */
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import type { IpmiCommand } from '../ipmi/command.js';
import { MAX_TRIES_PER_RECORD, walkRepository } from './repository.js';

/** Three records (header + body, §43 header layout), linked 0000h -> 0002h -> 0005h -> FFFFh. */
const RECORDS: [number, Buffer][] = [
  [0x0000, Buffer.from([0x00, 0x00, 0x51, 0x12, 0x0e, 0x20, 0, 0, 0x9f, 0, 0, 0, 0x06, 0x01, 0, 0xc3, 0x42, 0x4d, 0x43])],
  [0x0002, Buffer.from([0x02, 0x00, 0x51, 0x01, 0x30, ...Array.from({ length: 0x30 }, (_, i) => i)])],
  [0x0005, Buffer.from([0x05, 0x00, 0x51, 0x02, 0x20, ...Array.from({ length: 0x20 }, (_, i) => 0xa0 + i)])],
];

interface BmcOptions {
  /** Largest read the BMC serves; bigger ones get `tooBig` (or silence when 'silent'). */
  maxRead?: number;
  tooBig?: number | 'silent';
  /** Cancel the reservation before the Nth partial read (1-based), once each. */
  cancelAt?: number[];
  /** Next record ID override (for loops). */
  next?: Record<number, number>;
  /** Completion code for every Get SDR of this record ID. */
  fail?: Record<number, number>;
}

function fakeBmc(o: BmcOptions = {}) {
  const log: string[] = [];
  const names: string[] = [];
  let reservation = 0x1000;
  let valid = 0;
  let partial = 0;
  const cancel = new Set(o.cancelAt ?? []);
  const ids = RECORDS.map(([id]) => id);
  const client = {
    async try<Req, Res>(cmd: IpmiCommand<Req, Res>, req: Req): Promise<{ cc: number; value?: Res }> {
      const hex = Buffer.from(cmd.encode(req)).toString('hex');
      log.push(`${cmd.name}${hex ? ` ${hex}` : ''}`);
      names.push(`${cmd.name} (netFn ${cmd.netFn.toString(16)}h, cmd ${cmd.cmd.toString(16)}h)`);
      if (cmd.name.startsWith('Reserve')) {
        valid = ++reservation;
        return { cc: 0, value: cmd.decode(Uint8Array.of(valid & 0xff, valid >> 8)) };
      }
      const q = req as unknown as { reservation: number; recordId: number; offset: number; length: number };
      const idx = ids.indexOf(q.recordId);
      if (idx < 0) return { cc: 0xcb };
      if (o.fail?.[q.recordId] !== undefined) return { cc: o.fail[q.recordId]! };
      const whole = q.offset === 0 && q.length === 0xff;
      if (!whole) {
        partial++;
        if (cancel.delete(partial)) valid = 0;
        if (q.reservation !== valid) return { cc: 0xc5 };
      }
      const bytes = RECORDS[idx]![1];
      const n = whole ? bytes.length : q.length;
      if (o.maxRead !== undefined && n > o.maxRead) {
        if (o.tooBig === 'silent') throw new TimeoutError('No response from remote controller', 4);
        return { cc: o.tooBig ?? 0xca };
      }
      const next = o.next?.[q.recordId] ?? ids[idx + 1] ?? 0xffff;
      const data = bytes.subarray(q.offset, q.offset + n);
      return { cc: 0, value: cmd.decode(Uint8Array.from([next & 0xff, next >> 8, ...data])) };
    },
  } as unknown as IpmiClient;
  return { client, log, names };
}

const opts = (device = false) => ({
  device,
  clock: {
    now: () => 0,
    setTimeout: (fn: () => void) => {
      fn();
      return 0;
    },
    clearTimeout: () => undefined,
  },
  random: (n: number) => Buffer.alloc(n, 7),
  log: () => undefined,
});

describe('walkRepository', () => {
  it('reads whole records (length FFh, no reservation needed) and follows the next record IDs', async () => {
    const b = fakeBmc();
    const w = await walkRepository(b.client, opts());
    expect(w.records).toEqual(RECORDS.map(([, r]) => r));
    expect(w.errors).toEqual([]);
    // §33.12 Table 33-5: reservation ID (LS first), record ID, offset, bytes to read.
    expect(b.log).toEqual(['Get SDR 00000000' + '00ff', 'Get SDR 00000200' + '00ff', 'Get SDR 00000500' + '00ff']);
    expect(w.requests).toBe(3);
  });

  it('device SDRs use Get Device SDR (§35.3) and Reserve Device SDR Repository', async () => {
    const b = fakeBmc({ maxRead: 0x10 });
    const w = await walkRepository(b.client, opts(true));
    expect(w.records).toEqual(RECORDS.map(([, r]) => r));
    expect(new Set(b.names)).toEqual(new Set(['Get Device SDR (netFn 4h, cmd 21h)', 'Reserve Device SDR Repository (netFn 4h, cmd 22h)']));
  });

  it.each([
    ['CAh (cannot return that many bytes)', 0xca],
    ['C7h (request data length invalid)', 0xc7],
    ['FFh (unspecified)', 0xff],
    ['silence', 'silent'],
  ] as const)('a refused whole read (%s) switches to a reservation and partial reads that shrink', async (_, tooBig) => {
    const b = fakeBmc({ maxRead: 0x0c, tooBig });
    const w = await walkRepository(b.client, opts());
    expect(w.records).toEqual(RECORDS.map(([, r]) => r));
    expect(w.errors).toEqual([]);
    const reads = b.log.filter((l) => l.startsWith('Get SDR')).map((l) => parseInt(l.slice(-2), 16));
    expect(b.log[1]).toBe('Reserve SDR Repository');
    // First the header (5 bytes), then the 14-byte body: refused, so halved to 7 bytes, which fit.
    expect(reads.slice(1, 5)).toEqual([5, 14, 7, 7]);
    // The smaller size is kept for the following records.
    expect(Math.max(...reads.slice(5))).toBe(7);
    // Once whole reads were refused, they are not tried again.
    expect(reads.filter((n) => n === 0xff)).toHaveLength(1);
  });

  it('a cancelled reservation (C5h) is renewed and the read repeated', async () => {
    const b = fakeBmc({ maxRead: 0x10, cancelAt: [3, 7] });
    const w = await walkRepository(b.client, opts());
    expect(w.records).toEqual(RECORDS.map(([, r]) => r));
    expect(b.log.filter((l) => l === 'Reserve SDR Repository')).toHaveLength(3);
  });

  it('a record ID seen twice ends the walk (a BMC that loops)', async () => {
    const b = fakeBmc({ next: { 0x0005: 0x0002 } });
    const w = await walkRepository(b.client, opts());
    expect(w.records).toHaveLength(3);
    expect(w.errors).toEqual(['SDR record ID 0002 seen twice: stopping']);
  });

  it('a record that cannot be read ends the walk with ipmitool-style words, keeping what was read', async () => {
    const b = fakeBmc({ fail: { 0x0002: 0xcc } });
    const w = await walkRepository(b.client, opts());
    expect(w.records).toEqual([RECORDS[0]![1]]);
    expect(w.errors).toEqual(['Get SDR 0002 command failed: Invalid data field in request']);
  });

  it('a BMC that refuses every size gives up after a bounded number of requests', async () => {
    const b = fakeBmc({ maxRead: 0 });
    const w = await walkRepository(b.client, opts());
    expect(w.records).toEqual([]);
    expect(w.errors[0]).toMatch(/^Get SDR 0000 command failed/);
    expect(w.requests).toBeLessThanOrEqual(MAX_TRIES_PER_RECORD + 2);
  });

  it('a reservation cancelled on every request is bounded too', async () => {
    const b = fakeBmc({ maxRead: 0x10, cancelAt: Array.from({ length: 500 }, (_, i) => i + 1) });
    const w = await walkRepository(b.client, opts());
    expect(w.records).toEqual([]);
    expect(w.errors).toEqual(['Get SDR 0000 command failed: too many attempts']);
    expect(w.requests).toBeLessThanOrEqual(2 * MAX_TRIES_PER_RECORD + 2);
  });
});
