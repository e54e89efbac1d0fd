#!/usr/bin/env node
// @ts-check
// -I open benchmark: `mc info` through /dev/ipmi0 in a QEMU guest (test/qemu/guest.mjs:
// Debian's kernel, ipmi_si on QEMU's ipmi-bmc-sim), ipmits against ipmitool in the same
// guest, one boot, runs alternating. Reported as the ratio of medians; absolute guest
// times are software emulation (TCG) and mean little.
//
//   node scripts/bench/qemu.mjs [--runs N] [--bin PATH] [--json]
//   (npm run bench runs it after the LAN scenarios unless --no-qemu)
//
// --bin: the ipmits to run (default dist/ipmits if it exists, else node + lib/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runGuest } from '../../test/qemu/guest.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OPEN_SCENARIO = '-I open mc info (QEMU guest)';

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const at = (/** @type {number} */ i) => s[i] ?? Number.NaN;
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
};

/**
 * @param {{ runs?: number, warmup?: number, bin?: string, log?: (s: string) => void }} o
 * @returns {Promise<{ scenario: string, ipmits: string, runs: number, ipmitoolMs: number[], ipmitsMs: number[],
 *   ipmitoolMedianMs: number, ipmitsMedianMs: number, ratio: number, bootMs: number, sameOutput: boolean }>}
 */
export async function benchOpen(o = {}) {
  const runs = o.runs ?? 5;
  const warmup = o.warmup ?? 1;
  const dist = path.join(ROOT, 'dist', 'ipmits');
  const bin = o.bin ?? (fs.existsSync(dist) ? dist : undefined);
  /** @type {import('../../test/qemu/guest.mjs').GuestCommand[]} */
  const commands = [];
  for (let i = 0; i < warmup + runs; i++) {
    commands.push({ id: `ipmitool-${i}`, argv: ['ipmitool', 'mc', 'info'] }, { id: `ipmits-${i}`, argv: ['ipmits', 'mc', 'info'] });
  }
  const g = await runGuest({ commands, ...(bin ? { bin } : { lib: true }), ...(o.log ? { log: o.log } : {}) });
  const pick = (/** @type {string} */ tool) => {
    const out = [];
    for (let i = 0; i < warmup + runs; i++) {
      const r = /** @type {import('../../test/qemu/guest.mjs').GuestResult} */ (g.results[`${tool}-${i}`]);
      if (r.code !== 0) throw new Error(`${tool} mc info failed in the guest (exit ${r.code}): ${r.stderr.trim()}`);
      if (i >= warmup) out.push(r.ms);
    }
    return out;
  };
  const ipmitoolMs = pick('ipmitool');
  const ipmitsMs = pick('ipmits');
  const last = warmup + runs - 1;
  const ipmitoolMedianMs = median(ipmitoolMs);
  const ipmitsMedianMs = median(ipmitsMs);
  return {
    scenario: OPEN_SCENARIO,
    ipmits: !bin ? 'node bin/ipmits' : bin.startsWith(`${ROOT}/`) ? path.relative(ROOT, bin) : bin,
    runs,
    ipmitoolMs,
    ipmitsMs,
    ipmitoolMedianMs,
    ipmitsMedianMs,
    ratio: ipmitsMedianMs / ipmitoolMedianMs,
    bootMs: g.bootMs,
    sameOutput: g.results[`ipmits-${last}`]?.stdout === g.results[`ipmitool-${last}`]?.stdout,
  };
}

/** @param {Awaited<ReturnType<typeof benchOpen>>} r */
export function formatOpen(r) {
  return [
    `${r.scenario}, /dev/ipmi0 on ipmi-bmc-sim: ipmits (${r.ipmits}) ${r.ipmitsMedianMs} ms, ipmitool ${r.ipmitoolMedianMs} ms, x ${r.ratio.toFixed(2)}` +
      ` (median of ${r.runs} alternating runs in one boot of ${(r.bootMs / 1000).toFixed(0)} s; guest times are software emulation, 10 ms resolution)`,
    ...(r.sameOutput ? [] : ['warning: -I open mc info: ipmits and ipmitool printed different output in the guest']),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const val = (/** @type {string} */ name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(val('--runs') ?? 5);
  const bin = val('--bin');
  benchOpen({ runs, ...(bin ? { bin } : {}), log: (s) => process.stderr.write(`${s}\n`) }).then(
    (r) => console.log(argv.includes('--json') ? JSON.stringify(r, null, 2) : formatOpen(r)),
    (e) => {
      process.stderr.write(`bench qemu: ${e instanceof Error ? e.message : e}\n`);
      process.exitCode = 1;
    },
  );
}
