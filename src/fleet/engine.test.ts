import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/unit/fakes/fake-clock.js';
import { bufferedRandom, fleetExitCode, jitteredClock, runFleet, type HostOutcome } from './engine.js';
import type { Target } from './hostrange.js';

const hosts = (n: number): Target[] => Array.from({ length: n }, (_, i) => ({ label: `h${i + 1}`, host: `h${i + 1}` }));
const ok = (stdout = ''): HostOutcome => ({ code: 0, stdout, stderr: '' });

/** A host that answers after `ms` on the fake clock (never, when ms is undefined), recording start times. */
function scripted(clock: FakeClock, delays: Record<string, number | undefined>, log: string[] = []) {
  return (t: Target, signal: AbortSignal): Promise<HostOutcome> =>
    new Promise((resolve) => {
      log.push(`${clock.now()} start ${t.label}`);
      signal.addEventListener('abort', () => log.push(`${clock.now()} abort ${t.label}`));
      const ms = t.label in delays ? delays[t.label] : 10;
      if (ms !== undefined) clock.setTimeout(() => resolve(ok(`${t.label}\n`)), ms);
    });
}

describe('runFleet', () => {
  it('keeps at most fanout hosts in flight and reports in completion order', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const run = scripted(clock, { h1: 50, h2: 10, h3: 10, h4: 10, h5: 10 }, log);
    const p = runFleet(
      hosts(5),
      (t, s) => {
        peak = Math.max(peak, ++inFlight);
        return run(t, s).finally(() => inFlight--);
      },
      { fanout: 2, clock },
    );
    await clock.advance(100);
    const r = await p;
    expect(peak).toBe(2);
    expect(r.map((x) => x.target.label)).toEqual(['h2', 'h3', 'h4', 'h5', 'h1']);
    expect(log.slice(0, 3)).toEqual(['0 start h1', '0 start h2', '10 start h3']);
  });

  it('starts no more than --rate hosts per second', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const p = runFleet(hosts(4), scripted(clock, {}, log), { fanout: 64, ratePerSec: 2, clock });
    await clock.advance(2000);
    await p;
    expect(log.filter((l) => l.includes('start'))).toEqual(['0 start h1', '500 start h2', '1000 start h3', '1500 start h4']);
  });

  it('a dead host costs its own deadline and never holds up the others', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const p = runFleet(hosts(4), scripted(clock, { h1: undefined }, log), { fanout: 2, hostTimeoutMs: 3000, clock });
    await clock.advance(5000);
    const r = await p;
    expect(r.map((x) => `${x.target.label} ${x.code} ${x.ms}`)).toEqual(['h2 0 10', 'h3 0 10', 'h4 0 10', 'h1 3 3000']);
    expect(r[3]!.error).toEqual({ kind: 'timeout', message: 'Timed out: no result within the 3 s deadline (--timeout)' });
    expect(log).toContain('3000 abort h1');
  });

  it('at the overall deadline, running hosts are abandoned and the rest not started', async () => {
    const clock = new FakeClock();
    const p = runFleet(hosts(4), scripted(clock, { h1: undefined, h2: undefined }), { fanout: 2, deadlineMs: 1000, clock });
    await clock.advance(1500);
    const r = await p;
    expect(r.map((x) => `${x.target.label} ${x.code} ${x.error?.kind}`)).toEqual(['h1 3 deadline', 'h2 3 deadline', 'h3 3 not-started', 'h4 3 not-started']);
    expect(clock.pending).toBe(0); // no engine timer outlives the run
  });

  it('runs one session per BMC at a time, even under two names', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const t: Target[] = [
      { label: 'a', host: 'bmc', port: 623 },
      { label: 'b', host: 'BMC', port: 623 },
      { label: 'c', host: 'other' },
    ];
    const p = runFleet(t, scripted(clock, { a: 20, b: 20, c: 20 }, log), { fanout: 8, clock });
    await clock.advance(100);
    await p;
    expect(log).toEqual(['0 start a', '0 start c', '20 start b']);
  });

  it('turns a thrown runOne into an internal failure of that host only', async () => {
    const clock = new FakeClock();
    const p = runFleet(hosts(2), (t) => (t.label === 'h1' ? Promise.reject(new Error('boom')) : Promise.resolve(ok())), { clock });
    await clock.advance(1);
    const r = await p;
    expect(r.find((x) => x.target.label === 'h1')).toMatchObject({ code: 70, error: { kind: 'internal', message: 'boom' } });
    expect(r.find((x) => x.target.label === 'h2')?.code).toBe(0);
  });
});

describe('fleetExitCode', () => {
  it('is 0 when all succeeded, else the highest per-host status', () => {
    expect(fleetExitCode([])).toBe(0);
    expect(fleetExitCode([{ code: 0 }, { code: 0 }])).toBe(0);
    expect(fleetExitCode([{ code: 0 }, { code: 1 }, { code: 3 }, { code: 2 }])).toBe(3);
    // sensor check: warning 1 and critical 2 over many hosts give the worst, critical.
    expect(fleetExitCode([{ code: 1 }, { code: 2 }, { code: 0 }])).toBe(2);
  });
});

describe('jitteredClock', () => {
  it('delays timers by up to the fraction, never shortens them', () => {
    const seen: number[] = [];
    const base = { now: () => 0, setTimeout: (_: () => void, ms: number) => seen.push(ms), clearTimeout: () => undefined };
    const bytes = [0, 255, 128];
    const c = jitteredClock(base, () => Buffer.from([bytes.shift()!]), 0.1);
    c.setTimeout(() => undefined, 1000);
    c.setTimeout(() => undefined, 1000);
    c.setTimeout(() => undefined, 1000);
    expect(seen).toEqual([1000, 1100, 1050]);
  });
});

describe('bufferedRandom', () => {
  it('hands out the source bytes in order, each once, drawing a chunk at a time', () => {
    let next = 0;
    const draws: number[] = [];
    const source = (n: number): Buffer => {
      draws.push(n);
      return Buffer.from(Array.from({ length: n }, () => next++ & 0xff));
    };
    const r = bufferedRandom(source, 16);
    expect([...r(3)]).toEqual([0, 1, 2]);
    expect([...r(4)]).toEqual([3, 4, 5, 6]);
    expect(draws).toEqual([16]);
    r(4);
    r(4); // 15 of 16 used: the next 4 need a new chunk, the last byte of the old one is dropped
    expect([...r(4)]).toEqual([16, 17, 18, 19]);
    expect(draws).toEqual([16, 16]);
    // more than a quarter of a chunk goes straight to the source
    expect(r(5)).toHaveLength(5);
    expect(draws).toEqual([16, 16, 5]);
  });
});
