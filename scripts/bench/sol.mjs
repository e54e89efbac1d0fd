// @ts-check
/**
 * SOL benchmark (issue 5): the same simulated SOL console (its own ipmi_sim with
 * `sol: true`) through ipmitool and ipmits, clients alternating:
 *   throughput  bytes/s of console output delivered to stdout: the console
 *               writes 1 MiB once the session is up; the clock runs from that
 *               write to the last byte on the client's stdout
 *   latency     keystroke to echo: one character typed, the console echoes it,
 *               the time until it is on the client's stdout (median of 30)
 * Reported as ratios ipmits/ipmitool (throughput: higher is better; latency:
 * lower is better) and the added latency in ms.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startSim } from '../../test/sim/simlib.mjs';

export const SOL_SCENARIO = 'sol activate: throughput and keystroke latency';
const MiB = 1 << 20;

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** @param {() => boolean} f @param {number} timeoutMs @param {string} what */
async function until(f, timeoutMs, what) {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * One `sol activate` session: wait until typing reaches the console (the
 * payload is active), then run `body`, then end with ~. and wait for the exit.
 * @param {string[]} argv @param {any} sol
 * @param {(io: { type: (s: string) => void, outLen: () => number, out: () => string }) => Promise<void>} body
 */
async function session(argv, sol, body) {
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  /** @type {Buffer[]} */
  const chunks = [];
  let len = 0;
  let err = '';
  child.stdout.on('data', (/** @type {Buffer} */ d) => {
    chunks.push(d);
    len += d.length;
  });
  child.stderr.on('data', (/** @type {Buffer} */ d) => {
    err += d.toString();
  });
  const exited = new Promise((r) => child.once('close', r));
  const type = (/** @type {string} */ s) => void child.stdin.write(Buffer.from(s, 'latin1'));
  try {
    sol.clear();
    type('\r');
    await until(() => sol.received().length > 0 || child.exitCode !== null, 10_000, `${argv[0]} to activate SOL (${err})`);
    if (child.exitCode !== null) throw new Error(`${argv[0]} sol activate failed: ${err}`);
    await new Promise((r) => setTimeout(r, 200)); // the echo of the first CR
    await body({ type, outLen: () => len, out: () => Buffer.concat(chunks).toString('latin1') });
    type('\r~.');
    await exited;
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}

/**
 * @param {{ clients: { id: string, label: string, argv: string[] }[], runs?: number, log?: (s: string) => void }} o
 */
export async function benchSol(o) {
  const runs = o.runs ?? 3;
  const sim = await startSim({ sol: true, seedSel: false });
  const sol = /** @type {any} */ (sim.sol);
  const lan = ['-I', 'lanplus', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', '-C', '3', 'sol', 'activate'];
  /** @type {Record<string, { throughput: number[], latency: number[] }>} */
  const per = {};
  for (const c of o.clients) per[c.id] = { throughput: [], latency: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const c of o.clients.map((_, k) => o.clients[(k + i) % o.clients.length])) {
        const argv = [...c.argv, ...lan];
        // throughput: 1 MiB from a raw console
        sol.mode = 'raw';
        const data = randomBytes(MiB);
        await session(argv, sol, async (io) => {
          const base = io.outLen();
          const t0 = process.hrtime.bigint();
          sol.write(data);
          await until(() => io.outLen() >= base + MiB, 300_000, `${c.label}: 1 MiB of console output`);
          const s = Number(process.hrtime.bigint() - t0) / 1e9;
          per[c.id]?.throughput.push(MiB / s);
        });
        // latency: keystroke to echo through the shell console
        sol.mode = 'shell';
        await session(argv, sol, async (io) => {
          for (let k = 0; k < 30; k++) {
            const before = io.outLen();
            const t0 = process.hrtime.bigint();
            io.type('k');
            await until(() => io.outLen() > before, 10_000, `${c.label}: the echo of a keystroke`);
            per[c.id]?.latency.push(Number(process.hrtime.bigint() - t0) / 1e6);
            await new Promise((r) => setTimeout(r, 5));
          }
        });
        o.log?.('.');
      }
    }
  } finally {
    await sim.stop();
  }
  const ref = per.ipmitool;
  const clients = o.clients.map((c) => {
    const p = /** @type {{ throughput: number[], latency: number[] }} */ (per[c.id]);
    const tp = median(p.throughput);
    const lat = median(p.latency);
    return {
      id: c.id,
      label: c.label,
      throughputBytesPerSec: Math.round(tp),
      latencyMs: Number(lat.toFixed(3)),
      ...(c.id !== 'ipmitool' && ref
        ? {
            throughputRatio: Number((tp / median(ref.throughput)).toFixed(2)),
            latencyRatio: Number((lat / median(ref.latency)).toFixed(2)),
            addedLatencyMs: Number((lat - median(ref.latency)).toFixed(3)),
          }
        : {}),
    };
  });
  return { name: SOL_SCENARIO, issue: 5, runs, bytes: MiB, keystrokes: 30, clients };
}

/** @param {Awaited<ReturnType<typeof benchSol>>} r */
export function formatSol(r) {
  const lines = [`${r.name} (median of ${r.runs} alternating runs: ${r.bytes} bytes of output, ${r.keystrokes} keystrokes each)`];
  for (const c of r.clients) {
    const kib = (c.throughputBytesPerSec / 1024).toFixed(0);
    const ratios =
      'throughputRatio' in c
        ? `  throughput x${c.throughputRatio}, latency x${c.latencyRatio} (${(c.addedLatencyMs ?? 0) >= 0 ? '+' : ''}${c.addedLatencyMs} ms)`
        : '';
    lines.push(`  ${c.label.padEnd(16)} ${kib.padStart(7)} KiB/s  ${c.latencyMs.toFixed(2).padStart(7)} ms${ratios}`);
  }
  return lines.join('\n');
}
