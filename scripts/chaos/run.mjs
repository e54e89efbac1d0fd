// @ts-check
/**
 * Running the two clients the same way (C locale, UTC, no terminal, a private HOME) and
 * judging a run against a clean one. ipmits runs from a private build (.cache/chaos-lib, built
 * by scripts/chaos.mjs) unless IPMITS_BIN names a binary.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Exit codes docs/exit-codes.md documents: the build's ExitCode table and signal statuses
 * (filled by scripts/chaos.mjs from the build); 70 "internal error" is a defect, not a cause.
 */
export const DOCUMENTED_EXITS = new Set([0, 1, 2, 3, 4, 5, 6, 129, 130, 141, 143]);
/** @param {number[]} codes */
export function setDocumentedExits(codes) {
  DOCUMENTED_EXITS.clear();
  for (const c of codes) if (c !== 70) DOCUMENTED_EXITS.add(c);
}

export const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-chaos-home-'));

/** @type {string[]} */
let ipmitsArgv = [];
/** @param {string[]} argv */
export function setIpmits(argv) {
  ipmitsArgv = argv;
}

/**
 * @typedef {object} Run
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms
 * @property {boolean} killed   ended by our limit, not by itself
 * @property {number} pid
 */

/**
 * @param {'ipmits'|'ipmitool'} client
 * @param {string[]} args
 * @param {{ limitMs?: number, input?: string, env?: Record<string,string>, onSpawn?: (c: import('node:child_process').ChildProcess) => void, keepStdin?: boolean }} [o]
 * @returns {Promise<Run>}
 */
export function runClient(client, args, o = {}) {
  const argv = client === 'ipmits' ? [...ipmitsArgv, ...args] : ['ipmitool', ...args];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME, LC_ALL: 'C', LANG: 'C', TZ: 'UTC', ...o.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.stdin.on('error', () => {});
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, o.limitMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        killed,
        pid: child.pid ?? 0,
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString('latin1'),
        ms: performance.now() - t0,
      });
    });
    o.onSpawn?.(child);
    if (o.input !== undefined) child.stdin.end(o.input);
    else if (!o.keepStdin) child.stdin.end();
  });
}

/**
 * How a run ended, against the clean run's stdout:
 *   correct   exit 0, same stdout
 *   silent    exit 0, other stdout (a silent wrong answer)
 *   failed    non-zero exit with a message on stderr (a clear failure)
 *   mute      non-zero exit and nothing on stderr
 *   killed    still running at our limit
 * @param {Run} r @param {string} clean
 */
export function verdict(r, clean) {
  if (r.killed) return 'killed';
  if (r.code === 0) return r.stdout === clean ? 'correct' : 'silent';
  return r.stderr.trim() ? 'failed' : 'mute';
}

/** Run `fn` over `items` with at most `n` at a time; results in item order. @template T, R */
export async function pool(/** @type {T[]} */ items, /** @type {number} */ n, /** @type {(t: T, i: number) => Promise<R>} */ fn) {
  /** @type {R[]} */
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Median and max of a list of numbers (ms -> s, one decimal). */
export function stats(/** @type {number[]} */ ms) {
  if (!ms.length) return { median: '-', max: '-' };
  const s = [...ms].sort((a, b) => a - b);
  const f = (/** @type {number} */ x) => (x / 1000).toFixed(1);
  return { median: f(s[Math.floor(s.length / 2)]), max: f(s[s.length - 1]) };
}

/** The first line of stderr that says something (for "clear cause" columns). */
export function firstLine(/** @type {string} */ s) {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l) ?? ''
  );
}
