// @ts-check
/**
 * `npm run bench -- --exporter`: ipmits' exporter against Debian's prometheus-ipmi-exporter
 * (ipmi_exporter 1.6.1 + FreeIPMI), same run, same simulated BMCs (docs/benchmarks.md, "Exporter").
 *
 * 1. One target, ipmi_exporter's default collectors (bmc, ipmi, chassis, dcmi), warm: wall time of
 *    a scrape as Prometheus sees it (HTTP request to last byte), CPU per scrape (the exporter's
 *    user+system time including reaped children, from /proc/PID/stat: FreeIPMI's forks count for
 *    ipmi_exporter), and BMC round trips per scrape, counted by a UDP proxy in front of the BMC
 *    (scripts/bench/proxy.mjs), one proxy per exporter. Targets: wall and CPU <= 0.3x.
 * 2. 256 targets scraped at once, X-Prometheus-Scrape-Timeout-Seconds 10: every scrape within the
 *    deadline, every collector up, and the exporter's peak RSS (VmHWM) <= 200 MiB. The BMCs are
 *    the project's RMCP+ responder (test/responder: 256 BMCs served by one separate process,
 *    collectors bmc and chassis, which it implements), or with `--bmcs sim` 16 ipmi_sim instances
 *    each behind 16 UDP proxies in this process (all default collectors; the proxies cost CPU of
 *    their own on a small machine). Two rounds: cold (first session, SDR read) and warm.
 *
 *   npm run bench -- --exporter [--runs N] [--targets N] [--bmcs responder|sim] [--json]
 *
 * Exit status: 0 = all targets met, 2 = a target missed, 1 = something failed to run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSim } from '../../test/sim/simlib.mjs';
import { startProxy } from './proxy.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLK_TCK = 100;
const COLLECTORS = '[bmc, ipmi, chassis, dcmi]';

/** @param {string[]} argv */
function parse(argv) {
  const o = { runs: 30, warmup: 5, targets: 256, json: false, bmcs: 'responder' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a}: expected a positive integer`);
      return n;
    };
    if (a === '--exporter') continue;
    else if (a === '--runs' || a === '-n') o.runs = int();
    else if (a === '--warmup') o.warmup = int();
    else if (a === '--targets') o.targets = int();
    else if (a === '--json') o.json = true;
    else if (a === '--bmcs') {
      o.bmcs = argv[++i] ?? '';
      if (!['responder', 'sim'].includes(o.bmcs)) throw new Error('--bmcs: responder or sim');
    } else throw new Error(`bench --exporter: unknown argument ${a} (--runs N, --warmup N, --targets N, --bmcs responder|sim, --json)`);
  }
  return o;
}

/** utime+stime+cutime+cstime in seconds, and VmHWM in bytes. @param {number} pid */
function procStats(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu, hwm: hwm ? Number(hwm[1]) * 1024 : NaN };
}

/** @param {number[]} xs */
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? (v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : NaN;
};

/** @param {string} url @param {number} timeoutSec */
async function get(url, timeoutSec) {
  const t0 = performance.now();
  const r = await fetch(url, {
    headers: { 'X-Prometheus-Scrape-Timeout-Seconds': String(timeoutSec) },
    signal: AbortSignal.timeout(timeoutSec * 1000 + 10000),
  });
  const body = await r.text();
  return { ms: performance.now() - t0, status: r.status, body };
}

/** @param {string} cmd @param {string[]} args @param {Record<string, string>} env @param {RegExp} ready */
async function startProcess(cmd, args, env, ready, url) {
  const child = spawn(cmd, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const end = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited: ${out.slice(-2000)}`);
    const m = ready.exec(out);
    if (m) {
      const u = url(m);
      try {
        if ((await fetch(`${u}/`)).ok) return { child, url: u, output: () => out };
      } catch {
        // not yet
      }
    }
    if (Date.now() > end) throw new Error(`${cmd} did not start: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** @param {import('node:child_process').ChildProcess} child */
const stop = (child) =>
  new Promise((r) => {
    if (child.exitCode !== null) return r(undefined);
    child.once('exit', r);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });

const freePort = async () => {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = /** @type {import('node:net').AddressInfo} */ (s.address()).port;
      s.close(() => resolve(p));
    });
  });
};

export async function runExporterBench(/** @type {string[]} */ argv) {
  const o = parse(argv);
  const log = (/** @type {string} */ s) => process.stderr.write(s);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-bench-exporter-'));
  /** @type {Array<{ stop(): Promise<void> }>} */
  const sims = [];
  /** @type {Array<{ close(): Promise<void> } & Record<string, any>>} */
  const proxies = [];
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  /** @type {number | undefined} */
  let manyPid;
  try {
    const ipmitsCfg = path.join(tmp, 'ipmits.yml');
    fs.writeFileSync(
      ipmitsCfg,
      `modules:\n  default:\n    user: admin\n    pass: adminpass\n    privilege: admin\n    cipher_suite: 3\n    collectors: ${COLLECTORS}\n`,
      { mode: 0o600 },
    );
    const theirCfg = path.join(tmp, 'ipmi_exporter.yml');
    fs.writeFileSync(
      theirCfg,
      `modules:\n  default:\n    user: admin\n    pass: adminpass\n    driver: LAN_2_0\n    privilege: admin\n    timeout: 5000\n    collectors: ${COLLECTORS}\n    workaround_flags: [opensesspriv]\n`,
      { mode: 0o600 },
    );
    log('bench --exporter: starting simulators and exporters\n');
    const sim = await startSim();
    sims.push(sim);
    const ours = await startProcess(
      process.execPath,
      [path.join(ROOT, 'bin/ipmits'), 'exporter', '--listen', '127.0.0.1:0', '--config', ipmitsCfg],
      { XDG_CACHE_HOME: path.join(tmp, 'cache'), HOME: tmp },
      /listening on 127\.0\.0\.1:(\d+)/,
      (m) => `http://127.0.0.1:${m[1]}`,
    );
    children.push(ours.child);
    const theirPort = await freePort();
    const theirs = await startProcess(
      'prometheus-ipmi-exporter',
      [`--config.file=${theirCfg}`, `--web.listen-address=127.0.0.1:${theirPort}`],
      { HOME: tmp },
      /./,
      () => `http://127.0.0.1:${theirPort}`,
    );
    children.push(theirs.child);

    // 1. One target, warm.
    const one = {};
    for (const [name, ex] of /** @type {const} */ ([
      ['ipmits', ours],
      ['ipmi_exporter', theirs],
    ])) {
      const proxy = await startProxy({ targetHost: sim.host, targetPort: sim.port });
      proxies.push(proxy);
      const url = `${ex.url}/ipmi?target=127.0.0.1:${proxy.port}`;
      for (let i = 0; i < o.warmup; i++) await get(url, 10);
      proxy.reset?.();
      const before = proxy.counters ? proxy.counters() : proxy.stats();
      const cpu0 = procStats(/** @type {number} */ (ex.child.pid)).cpu;
      const walls = [];
      let up = true;
      for (let i = 0; i < o.runs; i++) {
        const r = await get(url, 10);
        walls.push(r.ms);
        if (!/ipmi_up\{collector="ipmi"\} 1/.test(r.body)) up = false;
      }
      const cpu1 = procStats(/** @type {number} */ (ex.child.pid)).cpu;
      const after = proxy.counters ? proxy.counters() : proxy.stats();
      one[name] = {
        wallMs: median(walls),
        cpuMsPerScrape: ((cpu1 - cpu0) * 1000) / o.runs,
        roundTripsPerScrape: (after.roundTrips - (before.roundTrips ?? 0)) / o.runs,
        datagramsPerScrape: (after.toBmc - (before.toBmc ?? 0)) / o.runs,
        ipmiUp: up,
      };
      log(
        `  ${name}: median ${one[name].wallMs.toFixed(1)} ms, CPU ${one[name].cpuMsPerScrape.toFixed(1)} ms, ${one[name].roundTripsPerScrape} round trips per scrape\n`,
      );
    }
    const wallRatio = one.ipmits.wallMs / one.ipmi_exporter.wallMs;
    const cpuRatio = one.ipmits.cpuMsPerScrape / one.ipmi_exporter.cpuMsPerScrape;

    // 2. Many targets at once.
    /** @type {string[]} */
    const targets = [];
    let manyUrl = (/** @type {string} */ t) => `${ours.url}/ipmi?target=${t}`;
    let upCollector = 'ipmi';
    let bmcsLabel = '';
    if (o.bmcs === 'responder') {
      const { build } = await import('esbuild');
      const bundle = path.join(tmp, 'responders.mjs');
      const entry = path.join(tmp, 'responders-entry.ts');
      fs.writeFileSync(
        entry,
        `import { startResponder } from ${JSON.stringify(path.join(ROOT, 'test/responder/responder.ts'))};\n` +
          'const n = Number(process.argv[2]);\nconst ports = [];\n' +
          'for (let i = 0; i < n; i++) ports.push((await startResponder({ suites: [3, 17] })).port);\n' +
          "process.stdout.write(JSON.stringify(ports) + '\\n');\nprocess.stdin.resume();\nprocess.stdin.on('end', () => process.exit(0));\n",
      );
      await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
      const r = spawn(process.execPath, [bundle, String(o.targets)], { stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(r);
      const ports = await new Promise((resolve, reject) => {
        let out = '';
        r.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(JSON.parse(out));
        });
        r.once('exit', (c) => reject(new Error(`responders exited ${c}`)));
      });
      for (const p of /** @type {number[]} */ (ports)) targets.push(`127.0.0.1:${p}`);
      const respCfg = path.join(tmp, 'ipmits-responder.yml');
      fs.writeFileSync(respCfg, 'modules:\n  default:\n    user: admin\n    pass: password\n    privilege: admin\n    collectors: [bmc, chassis]\n', {
        mode: 0o600,
      });
      const many = await startProcess(
        process.execPath,
        [path.join(ROOT, 'bin/ipmits'), 'exporter', '--listen', '127.0.0.1:0', '--config', respCfg],
        { XDG_CACHE_HOME: path.join(tmp, 'cache-many'), HOME: tmp },
        /listening on 127\.0\.0\.1:(\d+)/,
        (m) => `http://127.0.0.1:${m[1]}`,
      );
      children.push(many.child);
      manyUrl = (t) => `${many.url}/ipmi?target=${t}`;
      manyPid = /** @type {number} */ (many.child.pid);
      upCollector = 'bmc';
      bmcsLabel = `${o.targets} RMCP+ responders in one process, collectors bmc, chassis`;
    } else {
      const simCount = Math.min(16, Math.max(1, Math.ceil(o.targets / 16)));
      while (sims.length < simCount)
        sims.push(...(await Promise.all(Array.from({ length: Math.min(4, simCount - sims.length) }, () => startSim({ seedSel: false })))));
      for (let i = 0; i < o.targets; i++) {
        const s = /** @type {any} */ (sims[i % sims.length]);
        const p = await startProxy({ targetHost: s.host, targetPort: s.port });
        proxies.push(p);
        targets.push(`127.0.0.1:${p.port}`);
      }
      bmcsLabel = `${sims.length} ipmi_sim behind ${o.targets} proxies, collectors ${COLLECTORS}`;
    }
    const rounds = {};
    for (const round of ['cold', 'warm']) {
      const t0 = performance.now();
      const results = await Promise.all(targets.map((t) => get(manyUrl(t), 10)));
      const total = performance.now() - t0;
      const walls = results.map((r) => r.ms);
      rounds[round] = {
        totalMs: total,
        maxMs: Math.max(...walls),
        medianMs: median(walls),
        withinDeadline: walls.filter((w) => w < 10000).length,
        ipmiUp: results.filter((r) => new RegExp(`ipmi_up\\{collector="${upCollector}"\\} 1`).test(r.body)).length,
        // The exporter's own view: from the request's arrival to the answer.
        maxReportedS: Math.max(...results.map((r) => Number(/^ipmi_scrape_duration_seconds (\S+)$/m.exec(r.body)?.[1] ?? NaN)).filter(Number.isFinite)),
      };
      log(
        `  ${o.targets} targets ${round}: all answered in ${(total / 1000).toFixed(2)} s, slowest ${(rounds[round].maxMs / 1000).toFixed(2)} s, ${upCollector} up ${rounds[round].ipmiUp}/${o.targets}\n`,
      );
    }
    const peakRss = procStats(manyPid ?? /** @type {number} */ (ours.child.pid)).hwm;
    const result = {
      oneTarget: one,
      wallRatio,
      cpuRatio,
      concurrent: { targets: o.targets, bmcs: bmcsLabel, rounds, peakRssMiB: peakRss / 2 ** 20 },
      machine: { cpus: os.cpus().length, load: os.loadavg()[0] },
    };
    const checks = [
      ['wall <= 0.3x ipmi_exporter', wallRatio <= 0.3],
      ['CPU <= 0.3x ipmi_exporter', cpuRatio <= 0.3],
      ['every concurrent scrape within 10 s', rounds.cold.withinDeadline === o.targets && rounds.warm.withinDeadline === o.targets],
      [`every concurrent scrape with ${upCollector} up (warm)`, rounds.warm.ipmiUp === o.targets],
      ['peak RSS <= 200 MiB', peakRss <= 200 * 2 ** 20],
    ];
    if (o.json) console.log(JSON.stringify({ ...result, checks: Object.fromEntries(checks) }, null, 2));
    else {
      const f = (/** @type {number} */ n, d = 1) => n.toFixed(d);
      console.log(`Exporter (one target, collectors ${COLLECTORS}, ${o.runs} warm scrapes, medians)`);
      console.log(`  client          wall ms   CPU ms/scrape   round trips/scrape`);
      for (const [n, r] of Object.entries(one))
        console.log(`  ${n.padEnd(14)}  ${f(r.wallMs).padStart(7)}   ${f(r.cpuMsPerScrape).padStart(13)}   ${String(r.roundTripsPerScrape).padStart(18)}`);
      console.log(`  ratio ipmits/ipmi_exporter: wall ${wallRatio.toFixed(2)}x, CPU ${cpuRatio.toFixed(2)}x`);
      for (const [round, r] of Object.entries(rounds)) {
        console.log(
          `${o.targets} targets at once (${bmcsLabel}), ${round}: all in ${f(r.totalMs / 1000, 2)} s, slowest ${f(r.maxMs / 1000, 2)} s, median ${f(r.medianMs / 1000, 2)} s, within 10 s ${r.withinDeadline}/${o.targets}, ${upCollector} up ${r.ipmiUp}/${o.targets}, longest ipmi_scrape_duration_seconds ${f(r.maxReportedS, 2)}`,
        );
      }
      console.log(`  exporter peak RSS ${f(peakRss / 2 ** 20)} MiB; machine: ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
      for (const [what, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'MISS'} ${what}`);
    }
    return checks.every(([, ok]) => ok) ? 0 : 2;
  } finally {
    await Promise.all(children.map(stop));
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(sims.map((s) => s.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
