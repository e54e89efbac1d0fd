// @ts-check
/**
 * Start-up of the single-file candidates (issue 12), side by side in one run:
 *   - the executable's size;
 *   - `-V` wall, CPU and peak RSS (medians), and the ratio to the Node SEA `-V`;
 *   - the secrets in the process list: how long after spawn `-P`/`-k`/`-y` values can still be read
 *     in /proc/PID/cmdline (the test that polls it from the start: test/behaviour/process-list.test.ts),
 *     and what masking costs (`-P x -y 00 -V` against `-V`).
 *
 * Candidates (`node scripts/build.mjs --candidates` builds them into dist/candidates/):
 *   sea           Node SEA with code cache (the dist/ipmits of before issue 12)
 *   sea-snapshot  Node SEA with a V8 start-up snapshot (useSnapshot)
 *   bun           bun build --compile --bytecode
 *   bun-minify    the same with --minify
 *   bun-split     the same with --splitting (a chunk per dynamic import, loaded when needed)
 * plus dist/ipmits (what ships) and node bin/ipmits (the npm package).
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { runMetered } from './meter.mjs';

export const STARTUP_SCENARIO = 'startup: -V, size and secrets in the process list (candidates)';
export const CANDIDATES = ['sea', 'sea-snapshot', 'bun', 'bun-minify', 'bun-split'];

/**
 * @typedef {{ id: string, label: string, argv: string[], file?: string }} StartupClient
 * @typedef {{ median: number, min: number, max: number, n: number } | null} Stat
 */

/** @param {number[]} xs @returns {Stat} */
function stat(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return {
    median: v.length % 2 ? /** @type {number} */ (v[mid]) : /** @type {number} */ (v[mid - 1] + /** @type {number} */ (v[mid])) / 2,
    min: /** @type {number} */ (v[0]),
    max: /** @type {number} */ (v[v.length - 1]),
    n: v.length,
  };
}

/** The clients of this section: the candidates that exist, dist/ipmits, node bin/ipmits, ipmitool. @param {string} root @param {string} ipmitool */
export function startupClients(root, ipmitool) {
  /** @type {StartupClient[]} */
  const out = [{ id: 'ipmitool', label: 'ipmitool', argv: [ipmitool], file: ipmitool }];
  const dist = path.join(root, 'dist', 'ipmits');
  if (fs.existsSync(dist)) out.push({ id: 'dist', label: 'dist/ipmits (shipped)', argv: [dist], file: dist });
  for (const c of CANDIDATES) {
    const f = path.join(root, 'dist', 'candidates', c);
    if (fs.existsSync(f)) out.push({ id: c, label: c, argv: [f], file: f });
  }
  out.push({ id: 'node', label: 'node bin/ipmits', argv: [process.execPath, path.join(root, 'bin', 'ipmits')] });
  return out;
}

/**
 * Spawns `argv` with secrets on its command line and reads /proc/PID/cmdline in a tight loop until
 * they are masked. Returns the time from spawn to the last read that still showed a secret
 * (0 when none did) and to the first read without any, in ms.
 * @param {string[]} argv @param {string[]} secrets
 */
function exposure(argv, secrets) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    // spawn returns once the child has exec'd (libuv waits for it): what it reads is the child's own argv.
    const child = spawn(/** @type {string} */ (argv[0]), argv.slice(1), { stdio: 'ignore' });
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    let lastSeen = 0;
    let masked = null;
    const file = `/proc/${child.pid}/cmdline`;
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      let s;
      try {
        s = fs.readFileSync(file, 'latin1');
      } catch {
        break; // exited
      }
      const t = ms();
      if (s === '') continue; // zombie, or not yet readable
      if (secrets.some((x) => s.includes(x))) lastSeen = t;
      else if (s.includes('XXXX')) {
        masked = t;
        break;
      }
    }
    child.kill('SIGKILL');
    child.on('exit', () => resolve({ lastSeenMs: lastSeen, maskedMs: masked }));
  });
}

/**
 * @param {{ clients: StartupClient[], runs: number, meter: any, tmpDir: string, env: NodeJS.ProcessEnv, log: (s: string) => void }} o
 */
export async function benchStartup(o) {
  // A UDP port that never answers: the process waits there with its secrets on the command line.
  const silent = dgram.createSocket('udp4');
  await new Promise((r) => silent.bind(0, '127.0.0.1', () => r(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (silent.address()).port;
  const secrets = ['Sup3rSecretPw', 'kgSecretKey', '0a0b0c0d0e0f'];
  const secretArgs = [
    '-I',
    'lanplus',
    '-H',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'admin',
    '-P',
    secrets[0],
    '-k',
    secrets[1],
    '-y',
    secrets[2],
    '-C',
    '3',
    '-N',
    '5',
    '-R',
    '1',
    'power',
    'status',
  ];
  /** @type {any[]} */
  const rows = [];
  try {
    for (const c of o.clients) {
      o.log(`${c.label} `);
      /** @type {number[][]} */
      const [wall, cpu, rss, wallMasking] = [[], [], [], []];
      for (let i = 0; i <= o.runs; i++) {
        const m = await runMetered(o.meter, [...c.argv, '-V'], { env: o.env, cwd: o.tmpDir, timeoutMs: 30000, tmpDir: o.tmpDir });
        // ipmitool -V with secrets is the same work; ipmits masks them first.
        const k = await runMetered(o.meter, [...c.argv, '-P', 'x', '-y', '00', '-V'], { env: o.env, cwd: o.tmpDir, timeoutMs: 30000, tmpDir: o.tmpDir });
        if (i === 0) continue; // warm-up
        wall.push(m.wallMs);
        if (m.cpuMs != null) cpu.push(m.cpuMs);
        if (m.maxRssKb != null) rss.push(m.maxRssKb / 1024);
        wallMasking.push(k.wallMs);
        o.log('.');
      }
      /** @type {{ lastSeenMs: number, maskedMs: number | null }[]} */
      const windows = [];
      for (let i = 0; i < Math.max(5, o.runs); i++) windows.push(/** @type {any} */ (await exposure([...c.argv, ...secretArgs], secrets)));
      o.log('\n');
      rows.push({
        id: c.id,
        label: c.label,
        sizeBytes: c.file && fs.existsSync(c.file) ? fs.statSync(c.file).size : null,
        version: { wallMs: stat(wall), cpuMs: stat(cpu), rssMiB: stat(rss), withSecretsWallMs: stat(wallMasking) },
        secrets: {
          lastSeenMs: stat(windows.map((w) => w.lastSeenMs)),
          maskedMs: stat(windows.filter((w) => w.maskedMs != null).map((w) => /** @type {number} */ (w.maskedMs))),
          neverMasked: windows.filter((w) => w.maskedMs == null).length,
          runs: windows.length,
        },
      });
    }
  } finally {
    silent.close();
  }
  const sea = rows.find((r) => r.id === 'sea')?.version.wallMs?.median;
  for (const r of rows) r.versionVsSea = sea && r.version.wallMs ? r.version.wallMs.median / sea : null;
  return { rows };
}

/** @param {Awaited<ReturnType<typeof benchStartup>>} s */
export function formatStartup(s) {
  const f = (/** @type {Stat} */ x, d = 1) => (x ? x.median.toFixed(d) : '-');
  const head = ['client', 'size MiB', '-V wall ms', '-V CPU ms', '-V RSS MiB', '-V x sea', '-P -y -V wall', 'secret seen until ms', 'masked by ms'];
  const rows = s.rows.map((r) => [
    r.label,
    r.sizeBytes == null ? '-' : (r.sizeBytes / 1048576).toFixed(1),
    f(r.version.wallMs),
    f(r.version.cpuMs),
    f(r.version.rssMiB),
    r.versionVsSea == null ? '-' : `${r.versionVsSea.toFixed(2)}x`,
    f(r.version.withSecretsWallMs),
    `${f(r.secrets.lastSeenMs, 2)} (max ${r.secrets.lastSeenMs ? r.secrets.lastSeenMs.max.toFixed(2) : '-'})`,
    `${f(r.secrets.maskedMs, 2)}${r.secrets.neverMasked ? ` never in ${r.secrets.neverMasked}/${r.secrets.runs}` : ''}`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (/** @type {string[]} */ c) =>
    c.map((x, i) => (i === 0 ? x.padEnd(/** @type {number} */ (w[i])) : x.padStart(/** @type {number} */ (w[i])))).join('  ');
  return [
    STARTUP_SCENARIO,
    line(head),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map(line),
    'medians; "-V x sea" = -V wall / the Node SEA candidate\'s (the dist/ipmits of before issue 12).',
    'secrets: /proc/PID/cmdline read in a loop from spawn; "seen until" = the last read that showed -P/-k/-y, "masked by" = the first that did not.',
  ].join('\n');
}
