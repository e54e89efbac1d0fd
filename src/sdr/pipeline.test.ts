import { describe, expect, it } from 'vitest';
import { DeadlineError, TimeoutError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import { getSensorReading } from '../ipmi/cmds/sensor/get-sensor-reading.js';
import type { Clock } from '../io.js';
import { Pipeline, type Job } from './pipeline.js';

/** A client whose answers the test scripts per sensor number, recording how many requests were in flight. */
function fakeClient(answer: (sensor: number, attempt: number) => { cc: number; data?: number[]; slowMs?: number } | Error) {
  let inFlight = 0;
  const log = { maxInFlight: 0, sent: [] as number[], now: 0 };
  const attempts = new Map<number, number>();
  const clock: Clock = { now: () => log.now, setTimeout: () => 0, clearTimeout: () => undefined };
  const client = {
    async try(_cmd: unknown, sensor: number) {
      inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, inFlight);
      log.sent.push(sensor);
      const n = (attempts.get(sensor) ?? 0) + 1;
      attempts.set(sensor, n);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      const a = answer(sensor, n);
      if (a instanceof Error) throw a;
      if (a.slowMs) log.now += a.slowMs;
      // §35.14 Get Sensor Reading reply: reading, flags
      return a.cc === 0 ? { cc: 0, value: getSensorReading.decode(Uint8Array.from(a.data ?? [0x10, 0xc0])) } : { cc: a.cc };
    },
  } as unknown as IpmiClient;
  return { client, clock, log };
}

const jobs = (n: number): Job<number, unknown>[] => Array.from({ length: n }, (_, i) => ({ cmd: getSensorReading as Job<number, unknown>['cmd'], req: i + 1 }));

describe('Pipeline: several Get Sensor Reading requests in flight, one at a time on trouble', () => {
  it('sends bursts of at most `window` requests and returns results in job order', async () => {
    const f = fakeClient((s) => ({ cc: 0, data: [s, 0xc0] }));
    const p = new Pipeline(f.client, f.clock, 4, 1000);
    const out = await p.run(jobs(10));
    expect(f.log.maxInFlight).toBe(4);
    expect(out.map((o) => (o.value as { data: Buffer }).data[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p.degraded).toBe(false);
    expect(p.window).toBe(4);
  });

  it('a "node busy" (C0h) in a burst: that request again alone, the rest one at a time', async () => {
    const f = fakeClient((s, n) => (s === 2 && n === 1 ? { cc: 0xc0 } : { cc: 0, data: [s, 0xc0] }));
    const p = new Pipeline(f.client, f.clock, 4, 1000);
    const out = await p.run(jobs(8));
    expect(out.every((o) => o.cc === 0)).toBe(true);
    expect(p.degraded).toBe(true);
    expect(p.window).toBe(1);
    // first burst 1-4, sensor 2 again alone, then 5..8 one by one
    expect(f.log.sent).toEqual([1, 2, 3, 4, 2, 5, 6, 7, 8]);
  });

  it('no answer to one request of a burst: retried alone; a second failure is kept as the outcome', async () => {
    const lost = new TimeoutError('No response from remote controller', 4);
    const f = fakeClient((s) => (s === 3 ? lost : { cc: 0, data: [s, 0xc0] }));
    const p = new Pipeline(f.client, f.clock, 8, 1000);
    const out = await p.run(jobs(5));
    expect(out[2]).toEqual({ error: lost });
    expect(out.filter((o) => o.cc === 0)).toHaveLength(4);
    expect(f.log.sent.filter((s) => s === 3)).toHaveLength(2);
    expect(p.window).toBe(1);
  });

  it('a request that needed a retransmission (slower than the retry timeout) ends pipelining', async () => {
    const f = fakeClient((s) => ({ cc: 0, data: [s, 0xc0], ...(s === 1 ? { slowMs: 1500 } : {}) }));
    const p = new Pipeline(f.client, f.clock, 4, 1000);
    await p.run(jobs(6));
    expect(p.degraded).toBe(true);
    expect(f.log.sent).toEqual([1, 2, 3, 4, 5, 6]);
    expect(f.log.maxInFlight).toBe(4);
  });

  it('--timeout reached is final: thrown, never retried', async () => {
    const deadline = new DeadlineError('Command timed out (--timeout 1 s)');
    const f = fakeClient(() => deadline);
    const p = new Pipeline(f.client, f.clock, 4, 1000);
    await expect(p.run(jobs(3))).rejects.toBe(deadline);
  });

  it('window 1 never sends two at once', async () => {
    const f = fakeClient((s) => ({ cc: 0, data: [s, 0xc0] }));
    await new Pipeline(f.client, f.clock, 1, 1000).run(jobs(5));
    expect(f.log.maxInFlight).toBe(1);
  });
});
