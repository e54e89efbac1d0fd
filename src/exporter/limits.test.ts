import { describe, expect, it } from 'vitest';
import { FakeClock, flush } from '../../test/unit/fakes/fake-clock.js';
import { marginMs, scrapeBudgetMs, Semaphore, TargetLocks, within } from './limits.js';

describe('scrapeBudgetMs', () => {
  it('is the Prometheus timeout less a margin of 15 %, from 500 ms to 1.5 s, at most half the timeout', () => {
    expect(scrapeBudgetMs('10')).toBe(8500);
    expect(scrapeBudgetMs('30')).toBe(28500);
    expect(scrapeBudgetMs('2.5')).toBe(2000);
    expect(scrapeBudgetMs('2')).toBe(1500);
    expect(scrapeBudgetMs('0.8')).toBe(400);
    expect(marginMs(100_000)).toBe(1500);
    expect(marginMs(4000)).toBe(600);
  });
  it('falls back to 10 s for a missing or malformed header, and never goes below 100 ms', () => {
    expect(scrapeBudgetMs(undefined)).toBe(8500);
    expect(scrapeBudgetMs('abc')).toBe(8500);
    expect(scrapeBudgetMs('-5')).toBe(8500);
    expect(scrapeBudgetMs('0')).toBe(8500);
    expect(scrapeBudgetMs('0.1')).toBe(100);
  });
  it('keeps back the recent event loop delay too, up to a quarter of the timeout', () => {
    expect(scrapeBudgetMs('4', undefined, 300)).toBe(3100);
    expect(scrapeBudgetMs('4', undefined, 5000)).toBe(2400);
    expect(scrapeBudgetMs('4', undefined, -1)).toBe(3400);
  });
  it("is capped by the module's timeout", () => {
    expect(scrapeBudgetMs('10', 2000)).toBe(2000);
    expect(scrapeBudgetMs('1', 5000)).toBe(500);
  });
});

describe('within', () => {
  it('says false when the deadline passes first, true when the work ends first', async () => {
    const clock = new FakeClock();
    let end!: () => void;
    const slow = new Promise<void>((r) => (end = r));
    const a = within(clock, slow, 1000);
    let settled: boolean | undefined;
    void a.then((v) => (settled = v));
    await clock.advance(999);
    expect(settled).toBeUndefined();
    await clock.advance(1);
    expect(settled).toBe(false);
    const b = within(clock, Promise.resolve(), 1000);
    expect(await b).toBe(true);
    expect(clock.pending).toBe(0);
    end();
  });
});

describe('TargetLocks', () => {
  it('lets one scrape per target in; a second waits for the first, another target does not', async () => {
    const clock = new FakeClock();
    const locks = new TargetLocks(clock);
    const first = await locks.acquire('a:623', 5000);
    expect(first).toBeDefined();
    const other = await locks.acquire('b:623', 5000);
    expect(other).toBeDefined();
    expect(locks.holding).toBe(2);
    let second: unknown = 'pending';
    void locks.acquire('a:623', 5000).then((h) => (second = h));
    await clock.advance(3000);
    expect(second).toBe('pending');
    first!.release();
    await flush();
    expect(second).toBeDefined();
    expect(second).not.toBe('pending');
    expect(locks.holding).toBe(2);
  });

  it('gives up at the deadline while the first holder still runs (never two holders of one target)', async () => {
    const clock = new FakeClock();
    const locks = new TargetLocks(clock);
    const first = await locks.acquire('a', 5000);
    let second: unknown = 'pending';
    void locks.acquire('a', 2000).then((h) => (second = h));
    await clock.advance(2000);
    expect(second).toBeUndefined();
    expect(locks.holding).toBe(1);
    // A third comes after the one that gave up: it still waits for the first holder.
    let third: unknown = 'pending';
    void locks.acquire('a', 10_000).then((h) => (third = h));
    await clock.advance(1000);
    expect(third).toBe('pending');
    first!.release();
    await flush();
    expect(third).not.toBe('pending');
    (third as { release(): void }).release();
    await flush();
    expect(locks.active).toBe(0);
    expect(locks.holding).toBe(0);
  });
});

describe('Semaphore', () => {
  it('admits `limit` holders; waiters are served in order or give up at their deadline', async () => {
    const clock = new FakeClock();
    const s = new Semaphore(clock, 2);
    const a = await s.acquire(100);
    const b = await s.acquire(100);
    expect(s.used).toBe(2);
    const got: string[] = [];
    void s.acquire(1000).then((h) => {
      got.push(h ? 'c' : 'c-timeout');
      h?.release();
    });
    void s.acquire(50).then((h) => got.push(h ? 'd' : 'd-timeout'));
    expect(s.waiting).toBe(2);
    await clock.advance(50);
    expect(got).toEqual(['d-timeout']);
    a!.release();
    a!.release(); // idempotent
    await flush();
    expect(got).toEqual(['d-timeout', 'c']);
    b!.release();
    expect(s.used).toBe(0);
    expect(s.waiting).toBe(0);
  });
});
