// @ts-check
/**
 * Damaged replies in volume: ipmits' own main() (the compiled CLI entry, the same code the
 * binary runs) called in this process against ipmi_sim over real loopback UDP, with the damage
 * applied at the socket seam (DatagramSocket.onMessage) instead of in a proxy process. Spawning a
 * process per run costs ~150-300 ms on this machine; in-process runs cost a few ms, which is
 * what makes 100,000 damaged replies feasible.
 *
 * The clock is the system clock with every wait cut to 1/SPEED (a retransmission after 100 ms
 * instead of 1 s), so a damaged reply that replaced the genuine one costs little; the
 * --timeout deadline still runs on real time.
 */
import { Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from './proxy.mjs';
import { makeDamager } from './damage.mjs';
import { DOCUMENTED_EXITS, pool } from './run.mjs';

/**
 * @param {string} libDir   the compiled src/ (lib/ layout)
 */
/** A HOME of the harness's own (never a path that might exist or be created on the machine). */
const scratchHome = mkdtempSync(path.join(os.tmpdir(), 'ipmits-chaos-home-'));

export async function loadIpmits(libDir) {
  const imp = (/** @type {string} */ p) => import(pathToFileURL(path.join(libDir, p)).href);
  const [{ main }, { connectUdp }, { systemRandom }] = await Promise.all([imp('cli/main.js'), imp('transport/udp.js'), imp('io.js')]);
  return { main, connectUdp, systemRandom };
}

/** @typedef {Awaited<ReturnType<typeof loadIpmits>>} Ipmits */

/** Every wait cut to 1/SPEED: a retransmission after 100 ms instead of 1 s. */
const SPEED = 10;
/** @param {number} speed */
const clockAt = (speed) => ({
  now: () => Date.now(),
  setTimeout: (/** @type {() => void} */ fn, /** @type {number} */ ms) => setTimeout(fn, Math.max(1, Math.round(ms / speed))),
  clearTimeout: (/** @type {any} */ h) => clearTimeout(h),
});

/**
 * One in-process run: main(argv) with stdout/stderr captured and replies damaged.
 * @param {Ipmits} m @param {string[]} argv
 * @param {((pkt: Buffer, rnd: () => number) => Buffer[]) | undefined} damager @param {number} seed
 */
export async function runInProcess(m, argv, damager, seed) {
  const rnd = prng(seed);
  let out = '';
  let err = '';
  const io = {
    stdout: {
      write: (/** @type {string|Uint8Array} */ c) => {
        out += typeof c === 'string' ? c : Buffer.from(c).toString('latin1');
        return true;
      },
    },
    stderr: {
      write: (/** @type {string|Uint8Array} */ c) => {
        err += typeof c === 'string' ? c : Buffer.from(c).toString('latin1');
        return true;
      },
    },
    stdin: Readable.from([]),
  };
  let damaged = 0;
  const deps = {
    env: { HOME: scratchHome, LC_ALL: 'C', TZ: 'UTC' },
    // The clean run keeps real time: under load a cut wait could fail it for nothing.
    clock: clockAt(damager ? SPEED : 1),
    random: m.systemRandom,
    prompt: async () => undefined,
    connect: async (/** @type {any} */ t) => {
      const sock = await m.connectUdp(t);
      if (!damager) return sock;
      return {
        ...sock,
        onMessage: (/** @type {(b: Buffer) => void} */ cb) =>
          sock.onMessage((/** @type {Buffer} */ pkt) => {
            const list = damager(pkt, rnd);
            if (list.length !== 1 || list[0] !== pkt) damaged++;
            for (const p of list) cb(p);
          }),
      };
    },
  };
  const t0 = performance.now();
  let code;
  let crash;
  try {
    code = await m.main(argv, io, deps);
  } catch (e) {
    crash = e instanceof Error ? (e.stack ?? e.message) : String(e);
    code = 70;
  }
  return { code, stdout: out, stderr: err, ms: performance.now() - t0, damaged, crash };
}

/**
 * The damaged-reply campaign: `runs` runs spread over the command lines, each compared with
 * the clean run of its line.
 * @param {Ipmits} m
 * @param {{ lines: { name: string, argv: string[], forge: boolean, deadlineSec: number, kinds?: string[] }[], runs: number, rate: number, seed: number, concurrency?: number, log: (s: string) => void }} o
 */
export async function damageCampaign(m, o) {
  /** @type {Map<string, number>} */
  const tally = new Map();
  const rows = [];
  const uncaught = [];
  const onUncaught = (/** @type {unknown} */ e) => uncaught.push(String(e));
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  try {
    for (const line of o.lines) {
      // The previous line's damaged logins may have used up the BMC's session slots (ipmi_sim: 63,
      // half-open ones expire after 30 s): wait for them, and once more for a loaded machine.
      let clean = await runInProcess(m, line.argv, undefined, 0);
      for (let i = 0; i < 4 && clean.code !== 0; i++) {
        await new Promise((r) => setTimeout(r, clean.code === 7 ? 12_000 : 1000));
        clean = await runInProcess(m, line.argv, undefined, 0);
      }
      if (clean.code !== 0) throw new Error(`clean run of ${line.name} failed (${clean.code}): ${clean.stderr}`);
      const per = Math.ceil(o.runs / o.lines.length);
      const row = {
        name: line.name,
        runs: 0,
        damaged: 0,
        correct: 0,
        failed: 0,
        silent: 0,
        forgedAccepted: 0,
        crashes: 0,
        overDeadline: 0,
        undocumented: 0,
        exits: /** @type {Record<string, number>} */ ({}),
        examples: /** @type {string[]} */ ([]),
        maxMs: 0,
      };
      await pool(
        Array.from({ length: per }, (_, i) => i),
        o.concurrency ?? 4,
        async (i) => {
          const seed = (o.seed + i * 7919) >>> 0;
          const state = { forged: 0 };
          const damager = makeDamager({ rate: o.rate, forge: line.forge, tally, state, ...(line.kinds ? { kinds: line.kinds } : {}) });
          const r = await runInProcess(m, line.argv, damager, seed);
          row.runs++;
          row.damaged += r.damaged;
          row.exits[r.code] = (row.exits[r.code] ?? 0) + 1;
          row.maxMs = Math.max(row.maxMs, r.ms);
          if (r.crash || r.code === 70) {
            row.crashes++;
            if (row.examples.length < 3) row.examples.push(`seed ${seed}: ${(r.crash ?? r.stderr).split('\n')[0]}`);
          }
          if (r.ms > line.deadlineSec * 1000 + 250) row.overDeadline++;
          if (!DOCUMENTED_EXITS.has(r.code)) {
            row.undocumented++;
            if (row.examples.length < 3) row.examples.push(`seed ${seed}: exit ${r.code}: ${r.stderr.split('\n')[0]}`);
          }
          if (r.code === 0) {
            if (r.stdout === clean.stdout) row.correct++;
            else if (state.forged) row.forgedAccepted++;
            else {
              row.silent++;
              if (row.examples.length < 3) row.examples.push(`seed ${seed}: exit 0, stdout differs`);
            }
          } else row.failed++;
          if (i % 500 === 499) o.log(`  damage ${line.name}: ${i + 1}/${per}`);
        },
      );
      rows.push(row);
    }
  } finally {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  }
  return { rows, tally, uncaught };
}
