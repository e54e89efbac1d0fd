#!/usr/bin/env node
// @ts-check
// ipmits benchmarks: ipmitool and ipmits side by side against the simulated BMC,
// reported as ratios measured in the same run (never as absolute timings in tests).
//
//   npm run bench [-- --runs N] [--warmup N] [--bin node|dist|both|auto] [--json]
//                 [--meter auto|time|wait4|proc] [--scenario NAME]... [--ipmitool PATH]
//                 [--timeout MS] [--list] [--no-qemu] [--candidates]
//   npm run bench -- --exporter [--runs N] [--targets N] [--json]   (scripts/bench/exporter.mjs)
//
// One simulator (test/sim/simlib.mjs) runs behind a UDP proxy that counts datagrams
// (scripts/bench/proxy.mjs). For each scenario (scripts/bench/scenarios.mjs) the
// clients run in turn, N times each, with the same arguments through the proxy.
// The script measures wall time, CPU, peak RSS (scripts/bench/meter.mjs) and round
// trips, and prints medians and ipmits/ipmitool ratios. See docs/benchmarks.md.
//
// Exit status: 0 = every client ran every scenario (stdout differences are only
// warnings). 1 = a client failed a scenario (its output is printed). 2 = a
// round-trip target failed. 64 = usage error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startSim } from '../test/sim/simlib.mjs';
import { meterTmp, pickMeter, runMetered } from './bench/meter.mjs';
import { evictFromPageCache } from './bench/page-cache.mjs';
import { startProxy } from './bench/proxy.mjs';
import { SCENARIOS } from './bench/scenarios.mjs';
import { OPEN_SCENARIO, benchOpen, formatOpen } from './bench/qemu.mjs';
import { SOL_SCENARIO, benchSol, formatSol } from './bench/sol.mjs';
import { CANDIDATES, STARTUP_SCENARIO, benchStartup, formatStartup, startupClients } from './bench/startup.mjs';

/** @typedef {import('./bench/scenarios.mjs').Scenario} Scenario */
/** @typedef {import('./bench/scenarios.mjs').Client} Client */
/** @typedef {import('./bench/scenarios.mjs').Ctx} Ctx */
/** @typedef {import('./bench/meter.mjs').Measured} Measured */
/** @typedef {import('./bench/proxy.mjs').ProxyCounters} ProxyCounters */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `usage: npm run bench -- [options]
  --runs N          measured runs per client per scenario (default 10)
  --warmup N        unmeasured runs first, per client per scenario (default 1)
  --bin WHICH       ipmits binaries: node (node bin/ipmits), dist (dist/ipmits),
                    both, auto (default: node, plus dist if dist/ipmits exists)
  --meter M         auto (default: GNU time if installed), time, wait4 (python3), proc
  --scenario NAME   only scenarios whose name contains NAME (repeatable)
  --ipmitool PATH   ipmitool binary (default: ipmitool from PATH)
  --timeout MS      per-run limit (default 30000)
  --delay MS        hold every datagram MS ms in each direction in the proxy: a network
                    and BMC with a round-trip time of 2 x MS (default 0: bare loopback)
  --json            machine-readable results on stdout (progress goes to stderr)
  --list            list the scenarios and exit
  --no-qemu         skip "${OPEN_SCENARIO}" (a QEMU guest boot, ~1 min)
  --no-evict        measure the executables as their files sit in the page cache; by default each
                    is evicted first and read back by the warm-up runs, as after a reboot (a file
                    just written by the build maps larger folios: ~6 MiB more peak RSS)
  --candidates      also run the single-file candidates of dist/candidates/ (node scripts/build.mjs
                    --candidates: Node SEA, SEA with snapshot, Bun, Bun minified) in every scenario`;

// ---------------------------------------------------------------------------
// arguments
// ---------------------------------------------------------------------------

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    runs: 10,
    warmup: 1,
    bin: 'auto',
    meter: 'auto',
    json: false,
    list: false,
    qemu: true,
    evict: true,
    /** @type {string[]} */ scenarios: [],
    ipmitool: 'ipmitool',
    timeoutMs: 30000,
    delayMs: 0,
    candidates: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return /** @type {string} */ (v);
    };
    const int = (/** @type {number} */ min) => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) usage(`${a}: expected an integer >= ${min}, got ${v}`);
      return n;
    };
    switch (a) {
      case '--runs':
      case '-n':
        o.runs = int(1);
        break;
      case '--warmup':
        o.warmup = int(0);
        break;
      case '--bin':
        o.bin = value();
        if (!['node', 'dist', 'both', 'auto'].includes(o.bin)) usage(`--bin: node, dist, both or auto`);
        break;
      case '--meter':
        o.meter = value();
        break;
      case '--scenario':
        o.scenarios.push(value());
        break;
      case '--ipmitool':
        o.ipmitool = value();
        break;
      case '--timeout':
        o.timeoutMs = int(100);
        break;
      case '--delay':
        o.delayMs = int(0);
        break;
      case '--json':
        o.json = true;
        break;
      case '--list':
        o.list = true;
        break;
      case '--no-qemu':
        o.qemu = false;
        break;
      case '--candidates':
        o.candidates = true;
        break;
      case '--no-evict':
        o.evict = false;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  return o;
}

/** @param {string} msg @returns {never} */
function usage(msg) {
  process.stderr.write(`bench: ${msg}\n${USAGE}\n`);
  process.exit(64);
}

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {string} cmd */
function which(cmd) {
  if (cmd.includes('/')) return fs.existsSync(cmd) ? path.resolve(cmd) : null;
  for (const d of (process.env.PATH ?? '').split(':')) {
    const p = path.join(d || '.', cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

/** Newest mtime (ms) of files under dir matching re. @param {string} dir @param {RegExp} re */
function newestMtime(dir, re) {
  let best = 0;
  /** @param {string} d */
  const walk = (d) => {
    let ents;
    try {
      ents = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(e.name)) best = Math.max(best, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return best;
}

/** @param {number[]} xs */
function stats(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  const at = (/** @type {number} */ i) => v[i] ?? Number.NaN;
  const median = v.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { median, min: /** @type {number} */ (v[0]), max: /** @type {number} */ (v[v.length - 1]), mean, n: v.length };
}

/** @param {number|null|undefined} a @param {number|null|undefined} b */
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const fmtRatio = (/** @type {number|null} */ r) => (r == null ? 'n/a' : `${r.toFixed(2)}x`);

/** The first differing line of two outputs, for warnings. @param {string} a @param {string} b */
function firstDiff(a, b) {
  const x = a.split('\n'),
    y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return { line: i + 1, ipmitool: x[i] ?? '(end of output)', ipmits: y[i] ?? '(end of output)' };
  }
  return null;
}

/**
 * An ipmits failure that only means "this command does not exist yet", e.g.
 * "Invalid command: mc" naming one of the scenario's own words. A BMC
 * completion code such as "... failed: Invalid command" (C1h) does not match, so
 * it stays a failure.
 * @param {Measured} m @param {string[]} args
 */
function notImplemented(m, args) {
  const re = /(?:invalid|unknown|unrecognized|unsupported) (?:sub-?)?command:?[ \t]*['"]?([\w-]+)|([\w-]+)['"]?:? (?:is )?not implemented/gi;
  for (const x of (m.stderr + '\n' + m.stdout).matchAll(re)) {
    const word = x[1] ?? x[2];
    if (word && args.includes(word)) return true;
  }
  return false;
}

const tail = (/** @type {string} */ s, n = 1500) => (s.length > n ? `...${s.slice(-n)}` : s);

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

async function main() {
  // The exporter bench has its own peers and options (scripts/bench/exporter.mjs).
  if (process.argv.includes('--exporter')) return (await import('./bench/exporter.mjs')).runExporterBench(process.argv.slice(2));
  // The fleet bench (issue 13): many BMCs, FreeIPMI's one-process tools (scripts/bench/fleet.mjs).
  if (process.argv.includes('--fleet')) return (await import('./bench/fleet.mjs')).runFleetBench(process.argv.slice(2));
  const opt = parseArgs(process.argv.slice(2));
  const log = (/** @type {string} */ s) => process.stderr.write(s);

  let scenarios = SCENARIOS;
  if (opt.scenarios.length) {
    scenarios = SCENARIOS.filter((s) => opt.scenarios.some((w) => s.name.toLowerCase().includes(w.toLowerCase())));
    const other = [SOL_SCENARIO, STARTUP_SCENARIO, ...(opt.qemu ? [OPEN_SCENARIO] : [])];
    if (!scenarios.length && !opt.scenarios.some((s) => other.some((o) => o.includes(s))))
      usage(`no scenario matches ${opt.scenarios.join(', ')}; --list shows them`);
  }
  if (opt.list) {
    for (const s of SCENARIOS) console.log(`${s.name}${s.issue ? `  (issue ${s.issue})` : ''}`);
    if (opt.qemu) console.log(`${OPEN_SCENARIO}  (issue 6)`);
    console.log(`${SOL_SCENARIO}  (issue 5)`);
    console.log(`${STARTUP_SCENARIO}  (issue 12)`);
    return 0;
  }

  // --- clients -------------------------------------------------------------
  const ipmitool = which(opt.ipmitool);
  if (!ipmitool) usage(`${opt.ipmitool} not found`);
  const nodeEntry = process.env.IPMITS_BENCH_ENTRY ?? path.join(ROOT, 'bin', 'ipmits'); // another build of bin/ipmits
  const libEntry = path.join(ROOT, 'lib', 'cli', 'index.js');
  const distBin = process.env.IPMITS_BENCH_DIST ?? path.join(ROOT, 'dist', 'ipmits'); // another build of dist/ipmits
  const haveLib = fs.existsSync(libEntry);
  const haveDist = fs.existsSync(distBin);
  const wantNode = opt.bin === 'node' || opt.bin === 'both' || opt.bin === 'auto';
  const wantDist = opt.bin === 'dist' || opt.bin === 'both' || (opt.bin === 'auto' && haveDist);
  if (wantNode && !haveLib) usage(`${path.relative(ROOT, libEntry)} is missing: run "npx tsc -p tsconfig.build.json" first (or --bin dist)`);
  if (wantDist && !haveDist) usage(`dist/ipmits is missing: run "npm run build" first (or --bin node)`);

  /** @type {(Client & { argv: string[] })[]} */
  const clients = [{ id: 'ipmitool', kind: 'ipmitool', label: 'ipmitool', argv: [ipmitool] }];
  if (wantNode) clients.push({ id: 'ipmits-node', kind: 'ipmits', label: 'ipmits (node)', argv: [process.execPath, nodeEntry] });
  if (wantDist) clients.push({ id: 'ipmits-dist', kind: 'ipmits', label: 'ipmits (dist)', argv: [distBin] });
  if (opt.candidates) {
    for (const c of CANDIDATES) {
      const f = path.join(ROOT, 'dist', 'candidates', c);
      if (fs.existsSync(f)) clients.push({ id: `ipmits-${c}`, kind: 'ipmits', label: `ipmits (${c})`, argv: [f] });
      else usage(`dist/candidates/${c} is missing: run "node scripts/build.mjs --candidates" first`);
    }
  }

  /** @type {string[]} */
  const warnings = [];
  const srcNewest = newestMtime(path.join(ROOT, 'src'), /^(?!.*\.test\.ts$).*\.ts$/);
  if (wantNode && srcNewest > newestMtime(path.join(ROOT, 'lib'), /\.js$/)) {
    warnings.push('lib/ is older than src/: "node bin/ipmits" runs stale code (npx tsc -p tsconfig.build.json)');
  }
  if (wantDist && srcNewest > fs.statSync(distBin).mtimeMs) {
    warnings.push('dist/ipmits is older than src/: it runs stale code (npm run build)');
  }

  // Each executable as an installed program finds it (scripts/bench/page-cache.mjs); node's own too.
  const pageCache = opt.evict
    ? `evicted before the warm-up runs (as after a reboot): ${evictFromPageCache(clients.map((c) => c.argv[0] ?? '')).join(', ')}`
    : 'as found (--no-evict)';

  const meter = pickMeter(opt.meter);
  const ipmitoolVersion = spawnSync(ipmitool, ['-V'], { encoding: 'utf8' }).stdout.trim();
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';

  // --- simulator + proxy ---------------------------------------------------
  log('bench: starting the simulator ... ');
  const sim = await startSim();
  const proxy = await startProxy({ targetHost: sim.host, targetPort: sim.port, delayMs: opt.delayMs });
  log(`${sim.host}:${sim.port}, counting proxy on ${proxy.host}:${proxy.port}${opt.delayMs ? `, ${opt.delayMs} ms each way` : ''}\n`);
  const tmpRoot = await meterTmp();

  /** @type {any[]} */
  const results = [];
  /** @type {{ scenario: string, client: string, argv: string[], measured: Measured }[]} */
  const failures = [];
  let targetFailed = false;

  try {
    for (const sc of scenarios) {
      if (!sim.alive()) {
        warnings.push(`the simulator died before "${sc.name}"; restarted it`);
        await sim.restart();
      }
      const dir = await fsp.mkdtemp(path.join(tmpRoot, 'scenario-'));
      const home = path.join(dir, 'home');
      await fsp.mkdir(home, { recursive: true });
      /** @type {Ctx} */
      const ctx = {
        sim,
        proxy: { host: proxy.host, port: proxy.port },
        dir,
        home,
        lanArgs: (o = {}) => {
          const user = sim.users.find((u) => u.name === (o.user ?? 'admin'));
          if (!user) throw new Error(`no simulator user ${o.user}`);
          return ['-I', o.iface ?? 'lanplus', '-H', proxy.host, '-p', String(proxy.port), '-U', user.name, '-P', user.password, '-C', o.cipher ?? '3'];
        },
      };
      const network = sc.network !== false;
      /** @type {NodeJS.ProcessEnv} */
      const env = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), LANG: 'C', LC_ALL: 'C', ...(sc.env ?? {}) };
      delete env.NODE_OPTIONS; // would only affect ipmits

      const cleanup = sc.setup ? await sc.setup(ctx) : undefined;
      /** @type {Record<string, { status: 'ok'|'n/a'|'failed', runs: any[], reference?: string, stdoutDiffs: number, diff?: any, note?: string }>} */
      const per = {};
      for (const c of clients) per[c.id] = { status: 'ok', runs: [], stdoutDiffs: 0 };

      log(`bench: ${sc.name} `);
      const total = opt.warmup + opt.runs;
      for (let i = 0; i < total; i++) {
        const warm = i < opt.warmup;
        // alternate the clients and rotate who goes first, so no client always
        // runs right after the same other one
        const order = clients.map((_, k) => clients[(k + i) % clients.length]);
        for (const c of /** @type {(Client & { argv: string[] })[]} */ (order)) {
          const st = per[c.id];
          if (st?.status !== 'ok') continue;
          const args = typeof sc.args === 'function' ? sc.args(ctx, c) : [...ctx.lanArgs(), ...sc.args];
          if (sc.beforeEach) await sc.beforeEach(ctx, c, warm ? -1 : i - opt.warmup);
          proxy.reset();
          const m = await runMetered(meter, [...c.argv, ...args], {
            env,
            cwd: dir,
            timeoutMs: sc.timeoutMs ?? opt.timeoutMs,
            input: sc.input,
            tmpDir: tmpRoot,
          });
          // let a last reply in flight (e.g. to Close Session) reach the counters
          if (network) {
            const t = Date.now();
            do await sleep(2);
            while (proxy.idleMs() < 5 && Date.now() - t < 100);
          }
          const counters = network ? proxy.counters() : null;
          if (m.code !== 0) {
            if (c.kind === 'ipmits' && !m.timedOut && notImplemented(m, args)) {
              st.status = 'n/a';
              st.note = (m.stderr.trim().split('\n')[0] ?? '').slice(0, 80);
            } else {
              st.status = 'failed';
              failures.push({ scenario: sc.name, client: c.label, argv: [...c.argv, ...args], measured: m });
            }
            log('x');
            continue;
          }
          log(warm ? ',' : '.');
          if (sc.compare !== false) {
            const norm = (/** @type {string} */ s) => (sc.normalize ? sc.normalize(s, c) : s);
            if (c.kind === 'ipmitool') st.reference ??= norm(m.stdout);
          }
          if (!warm) {
            st.runs.push({
              wallMs: m.wallMs,
              userMs: m.userMs,
              sysMs: m.sysMs,
              cpuMs: m.cpuMs,
              maxRssKb: m.maxRssKb,
              roundTrips: counters?.roundTrips ?? null,
              waits: counters?.bursts ?? null,
              counters,
              stdout: m.stdout,
            });
          }
        }
      }
      log('\n');
      if (typeof cleanup === 'function') await cleanup();
      await fsp.rm(dir, { recursive: true, force: true });

      // --- stdout comparison against ipmitool -----------------------------
      const ref = per.ipmitool?.reference;
      for (const c of clients) {
        const st = per[c.id];
        if (!st || c.kind !== 'ipmits' || st.status !== 'ok' || ref === undefined) continue;
        for (const r of st.runs) {
          const got = sc.normalize ? sc.normalize(r.stdout, c) : r.stdout;
          if (got !== ref) {
            st.stdoutDiffs++;
            st.diff ??= firstDiff(ref, got);
          }
        }
        if (st.stdoutDiffs) {
          warnings.push(
            `${sc.name}: ${c.label} stdout differs from ipmitool in ${st.stdoutDiffs}/${st.runs.length} runs; ` +
              `first at line ${st.diff?.line}: ipmitool ${JSON.stringify(st.diff?.ipmitool)} vs ipmits ${JSON.stringify(st.diff?.ipmits)}`,
          );
        }
      }

      // --- summary ----------------------------------------------------------
      /** @type {any} */
      const out = { name: sc.name, issue: sc.issue ?? null, network, targets: targetsOf(sc, opt.delayMs), clients: {} };
      const base = per.ipmitool && per.ipmitool.status === 'ok' ? summarize(per.ipmitool.runs) : null;
      for (const c of clients) {
        const st = /** @type {NonNullable<typeof per[string]>} */ (per[c.id]);
        const sum = st.status === 'ok' ? summarize(st.runs) : null;
        /** @type {any} */
        const entry = {
          label: c.label,
          status: st.status,
          note: st.note ?? null,
          summary: sum,
          samples: st.runs.map(({ stdout, ...r }) => r),
        };
        if (c.kind === 'ipmits') {
          entry.stdout =
            st.status !== 'ok' || sc.compare === false || ref === undefined
              ? null
              : st.stdoutDiffs
                ? { same: false, diffRuns: st.stdoutDiffs, firstDiff: st.diff }
                : { same: true };
          entry.ratios =
            sum && base
              ? {
                  wall: ratio(sum.wallMs?.median, base.wallMs?.median),
                  cpu: ratio(sum.cpuMs?.median, base.cpuMs?.median),
                  rss: ratio(sum.maxRssKb?.median, base.maxRssKb?.median),
                  roundTrips: ratio(sum.roundTrips?.median, base.roundTrips?.median),
                  waits: ratio(sum.waits?.median, base.waits?.median),
                }
              : null;
          entry.targets = checkTargets(sc, sum, entry.ratios, opt.delayMs);
          if (entry.targets.some((/** @type {any} */ t) => t.enforced && t.result === 'FAIL')) targetFailed = true;
        }
        out.clients[c.id] = entry;
      }
      results.push(out);
    }
  } finally {
    proxy.close();
    await sim.stop();
    await fsp.rm(tmpRoot, { recursive: true, force: true });
  }

  const meta = {
    date: new Date().toISOString(),
    host: `${os.hostname()} ${cpuModel} x${os.cpus().length}, ${os.type()} ${os.release()}`,
    node: process.version,
    ipmitool: `${ipmitool} (${ipmitoolVersion})`,
    meter: meter.name,
    meterDescription: meter.description,
    pageCache,
    runs: opt.runs,
    warmup: opt.warmup,
    clients: clients.map((c) => ({ id: c.id, label: c.label, argv: c.argv })),
    simulator:
      `ipmi_sim ${sim.host}:${sim.port} via counting proxy ${proxy.host}:${proxy.port}` +
      (opt.delayMs ? ` holding each datagram ${opt.delayMs} ms (RTT ${2 * opt.delayMs} ms)` : ''),
    delayMs: opt.delayMs,
    statistic: 'median',
  };
  // -I open: mc info through /dev/ipmi0 in a QEMU guest, against ipmitool in the same guest.
  /** @type {Awaited<ReturnType<typeof benchOpen>> | { error: string } | undefined} */
  let open;
  if (opt.qemu && (!opt.scenarios.length || opt.scenarios.some((s) => OPEN_SCENARIO.includes(s)))) {
    log(`\n${OPEN_SCENARIO}: booting the QEMU guest`);
    const dist = path.join(ROOT, 'dist', 'ipmits');
    open = await benchOpen({
      runs: Math.min(opt.runs, 5),
      ...(opt.bin !== 'node' && fs.existsSync(dist) ? { bin: dist } : {}),
      log: (s) => log(`${s}\n`),
    }).catch((/** @type {unknown} */ e) => ({ error: e instanceof Error ? e.message : String(e) }));
  }
  // SOL: throughput and keystroke latency on a simulated console (scripts/bench/sol.mjs).
  /** @type {Awaited<ReturnType<typeof benchSol>> | { error: string } | undefined} */
  let sol;
  if (!opt.scenarios.length || opt.scenarios.some((s) => SOL_SCENARIO.includes(s))) {
    log(`\n${SOL_SCENARIO} `);
    sol = await benchSol({ clients, runs: Math.min(opt.runs, 3), log }).catch((/** @type {unknown} */ e) => ({
      error: e instanceof Error ? e.message : String(e),
    }));
    log('\n');
  }
  // Start-up of the single-file candidates and the secrets' exposure in the process list (issue 12).
  /** @type {Awaited<ReturnType<typeof benchStartup>> | { error: string } | undefined} */
  let startup;
  if (!opt.scenarios.length || opt.scenarios.some((s) => STARTUP_SCENARIO.includes(s))) {
    log(`\n${STARTUP_SCENARIO}\n`);
    const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };
    delete env.NODE_OPTIONS;
    const tmpDir = await meterTmp();
    startup = await benchStartup({ clients: startupClients(ROOT, ipmitool), runs: opt.runs, meter, tmpDir, env, log })
      .catch((/** @type {unknown} */ e) => ({ error: e instanceof Error ? e.message : String(e) }))
      .finally(() => fsp.rm(tmpDir, { recursive: true, force: true }));
  }
  const exitCode = failures.length || (open && 'error' in open) || (sol && 'error' in sol) || (startup && 'error' in startup) ? 1 : targetFailed ? 2 : 0;

  if (opt.json) {
    console.log(
      JSON.stringify(
        {
          meta,
          scenarios: results,
          warnings,
          ...(open ? { open } : {}),
          ...(sol ? { sol } : {}),
          ...(startup ? { startup } : {}),
          failures: failures.map((f) => ({
            scenario: f.scenario,
            client: f.client,
            argv: f.argv,
            code: f.measured.code,
            signal: f.measured.signal,
            timedOut: f.measured.timedOut,
            stdout: f.measured.stdout,
            stderr: f.measured.stderr,
          })),
          exitCode,
        },
        null,
        2,
      ),
    );
  } else {
    printTable(meta, results, clients);
    for (const w of warnings) console.log(`warning: ${w}`);
    if (open && !('error' in open)) console.log(`\n${formatOpen(open)}`);
    if (sol && !('error' in sol)) console.log(`\n${formatSol(sol)}`);
    if (startup && !('error' in startup)) console.log(`\n${formatStartup(startup)}`);
  }
  if (startup && 'error' in startup) log(`\nFAILED: ${STARTUP_SCENARIO}: ${startup.error}\n`);
  if (sol && 'error' in sol) log(`\nFAILED: ${SOL_SCENARIO}: ${sol.error}\n`);
  if (open && 'error' in open) log(`\nFAILED: ${OPEN_SCENARIO}: ${open.error}\n`);
  for (const f of failures) {
    log(
      `\nFAILED: ${f.scenario}: ${f.client} ${f.measured.timedOut ? `timed out after ${opt.timeoutMs} ms` : `exited ${f.measured.code ?? f.measured.signal}`}\n` +
        `  command: ${f.argv.join(' ')}\n` +
        `  stdout: ${tail(f.measured.stdout).trimEnd() || '(empty)'}\n` +
        `  stderr: ${tail(f.measured.stderr).trimEnd() || '(empty)'}\n`,
    );
  }
  if (targetFailed) log('\nbench: a round-trip target failed (see the "target" column)\n');
  return exitCode;
}

/** @param {any[]} runs */
function summarize(runs) {
  const pick = (/** @type {string} */ k) => stats(runs.map((r) => r[k]).filter((x) => x != null));
  return {
    wallMs: pick('wallMs'),
    userMs: pick('userMs'),
    sysMs: pick('sysMs'),
    cpuMs: pick('cpuMs'),
    maxRssKb: pick('maxRssKb'),
    roundTrips: pick('roundTrips'),
    waits: pick('waits'),
  };
}

/** A scenario's targets; some depend on the proxy's delay. @param {Scenario} sc @param {number} delayMs @returns {any} */
function targetsOf(sc, delayMs) {
  return (typeof sc.targets === 'function' ? sc.targets(delayMs) : sc.targets) ?? {};
}

/**
 * @param {Scenario} sc @param {any} sum @param {any} ratios @param {number} delayMs
 * @returns {{ name: string, max: number, value: number|null, result: string, enforced: boolean, note?: string }[]}
 */
function checkTargets(sc, sum, ratios, delayMs) {
  const t = targetsOf(sc, delayMs);
  const res = [];
  if (t.roundTrips) {
    const v = sum?.roundTrips?.median ?? null;
    res.push({
      name: `RT<=${t.roundTrips.max}`,
      max: t.roundTrips.max,
      value: v,
      enforced: true,
      note: t.roundTrips.note,
      result: v == null ? 'n/a' : v <= t.roundTrips.max ? 'PASS' : 'FAIL',
    });
  }
  if (t.waitRatio) {
    const v = ratios?.waits ?? null;
    // Whether a request overtakes the previous reply on loopback is a matter of timing: informational.
    res.push({
      name: `waits<=${t.waitRatio.max.toFixed(2)}x`,
      max: t.waitRatio.max,
      value: v,
      enforced: false,
      note: t.waitRatio.note,
      result: v == null ? 'n/a' : v <= t.waitRatio.max ? 'ok' : 'over',
    });
  }
  if (t.roundTripRatio) {
    const v = ratios?.roundTrips ?? null;
    res.push({
      name: `RT<=${t.roundTripRatio.max.toFixed(2)}x`,
      max: t.roundTripRatio.max,
      value: v,
      enforced: true,
      note: t.roundTripRatio.note,
      result: v == null ? 'n/a' : v <= t.roundTripRatio.max ? 'PASS' : 'FAIL',
    });
  }
  for (const [key, label] of /** @type {const} */ ([
    ['wallRatio', 'wall'],
    ['cpuRatio', 'cpu'],
    ['rssRatio', 'rss'],
  ])) {
    const tg = t[key];
    if (!tg) continue;
    const v = ratios?.[label] ?? null;
    res.push({
      name: `${label}<=${tg.max.toFixed(2)}x`,
      max: tg.max,
      value: v,
      enforced: false,
      note: tg.note,
      result: v == null ? 'n/a' : v <= tg.max ? 'ok' : 'over',
    });
  }
  return res;
}

// ---------------------------------------------------------------------------
// table
// ---------------------------------------------------------------------------

/** @param {any} meta @param {any[]} results @param {Client[]} clients */
function printTable(meta, results, clients) {
  const cpuDigits = meta.meter === 'time' ? 0 : 1;
  const num = (/** @type {any} */ s, /** @type {number} */ d, k = 1) => (s ? (s.median / k).toFixed(d) : '-');
  const rt = (/** @type {any} */ s) => (!s ? '-' : s.min === s.max ? String(s.median) : `${s.median} (${s.min}-${s.max})`);
  const head = ['scenario', 'client', 'wall ms', 'CPU ms', 'RSS MiB', 'RT', 'waits', 'wall x', 'CPU x', 'RSS x', 'RT x', 'waits x', 'target', 'stdout'];
  /** @type {string[][]} */
  const rows = [];
  for (const r of results) {
    let first = true;
    for (const c of clients) {
      const e = r.clients[c.id];
      if (!e) continue;
      const name = first ? r.name : '';
      first = false;
      if (e.status !== 'ok') {
        rows.push([name, c.label, e.status, '', '', '', '', '', '', '', '', '', e.note ?? '', '']);
        continue;
      }
      const s = e.summary;
      const row = [name, c.label, num(s.wallMs, 1), num(s.cpuMs, cpuDigits), num(s.maxRssKb, 1, 1024), rt(s.roundTrips), rt(s.waits)];
      if (c.kind === 'ipmits') {
        const q = e.ratios;
        row.push(
          fmtRatio(q?.wall ?? null),
          fmtRatio(q?.cpu ?? null),
          fmtRatio(q?.rss ?? null),
          r.network ? fmtRatio(q?.roundTrips ?? null) : '-',
          r.network ? fmtRatio(q?.waits ?? null) : '-',
        );
        row.push(e.targets.map((/** @type {any} */ t) => `${t.name} ${t.result}`).join(', '));
        row.push(e.stdout == null ? '-' : e.stdout.same ? 'same' : `DIFF ${e.stdout.diffRuns}/${s.wallMs?.n ?? '?'}`);
      } else {
        row.push('', '', '', '', '', '', '');
      }
      rows.push(row);
    }
  }
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(/** @type {number} */ (w[i])) : c.padEnd(/** @type {number} */ (w[i]))))
      .join('  ')
      .trimEnd();
  console.log(`ipmits bench ${meta.date}: median of ${meta.runs} runs (+${meta.warmup} warm-up) per client, clients alternating`);
  console.log(`host: ${meta.host}; node ${meta.node}; ${meta.ipmitool}`);
  console.log(`meter: ${meta.meterDescription}`);
  console.log(`page cache of the executables: ${meta.pageCache}`);
  console.log(`${meta.simulator}; args: -I lanplus -H 127.0.0.1 -p <proxy> -U admin -P adminpass -C 3 <command>`);
  console.log('');
  console.log(line(head));
  console.log(line(w.map((n) => '-'.repeat(n))));
  for (const r of rows) console.log(line(r));
  console.log('');
  console.log('RT = UDP request/response pairs counted by the proxy (median; range if runs differ).');
  console.log('waits = sequential round trips: requests sent while others are outstanding share one (= RT for a one-at-a-time client).');
  console.log('x = ipmits / ipmitool (medians, same run). Targets: RT<=N and RT<=Nx are enforced (exit 2 on FAIL); waits and time ratios are informational.');
  if (meta.meter === 'time') console.log('CPU ms: GNU time truncates to 10 ms, so CPU x is rough (ipmitool uses ~20-40 ms); --meter wait4 measures in us.');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench: ${e?.stack ?? e}\n`);
    process.exitCode = 1;
  },
);
