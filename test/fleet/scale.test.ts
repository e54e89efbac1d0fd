/**
 * Scale: power status over 1032 RMCP+ responders (test/responder) on 127.0.[2-6].x from one
 * process, a few slow, a few dropping 10% of datagrams, a few refusing the password; the slow
 * and dropping ones still answer, the refusing ones fail at once, nothing waits for anyone else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIpmits } from '../support/run.js';
import { jsonLines, startResponderFarm, type Farm } from './responder-farm.js';

const COUNT = 1032;
const home = mkdtempSync(path.join(tmpdir(), 'ipmits-scale-'));
let farm: Farm;

beforeAll(async () => {
  farm = await startResponderFarm({ count: COUNT, slow: 3, delayMs: 300, dropping: 3, dropRate: 0.1, badPassword: 4 });
}, 60_000);

afterAll(async () => {
  await farm?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('fleet at scale (responder)', () => {
  it(`power status over ${COUNT} BMCs: every good one answers, the refusing ones fail with their cause`, async () => {
    const hosts = [farm.range, ...farm.proxied.slow, ...farm.proxied.dropping].join(',');
    const r = await runIpmits(['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'password', '-H', hosts, '--timeout', '20', '--json', 'power', 'status'], {
      env: { HOME: home },
      timeoutMs: 120_000,
    });
    const docs = jsonLines<{ host: string; ok: boolean; exitCode: number; error?: { kind: string } }>(r.stdout);
    process.stderr.write(`fleet: ${COUNT + 6} hosts in ${r.ms} ms\n`);
    expect(docs).toHaveLength(COUNT + 6);
    const failed = docs.filter((d) => !d.ok);
    expect(failed.map((d) => d.host).sort()).toEqual([...farm.refusing].sort());
    for (const d of failed) expect(d.exitCode, d.host).toBe(4);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`ipmits: 4 of ${COUNT + 6} hosts failed`);
    for (const d of docs.filter((x) => x.ok)) expect(d).toMatchObject({ exitCode: 0, data: { power: 'off' } }); // the responder's chassis starts powered off
  }, 150_000);
});
