// @ts-check
// Fleet benchmark (`npm run bench -- --fleet`, issue 13): one ipmits process over many BMCs
// against FreeIPMI's one-process tools and `xargs -P 16 ipmitool`, ratios from the same run.
//
//   npm run bench -- --fleet [--runs N] [--hosts N] [--scale N] [--no-scale] [--only power,sensors,dead,scale] [--ipmits dist|lib|PATH] [--json]
//
// ipmits is the shipped executable, dist/ipmits (`npm run build`), what users run; `--ipmits lib`
// runs `node bin/ipmits` (the tsc output in lib/, which loads ~200 ES modules per run), and a
// path runs that executable. The rows name it. Without dist/ipmits the bench says so and uses lib/.
//
// Peers: N ipmi_sim BMCs on 127.0.1.1..N, one port (test/fleet/fleet-sims.mjs); the scale peer,
// the project's RMCP+ responder serving --scale BMCs on 127.0.[2-..].x from one process
// (test/fleet/responder-farm-main.ts, bundled with esbuild). Scenarios and targets:
//   power status, N sims     ipmits <= 0.8 x ipmipower --stat, <= 0.1 x xargs -P 16 ipmitool
//   sensor list warm, N sims ipmits <= 0.8 x ipmi-sensors --output-sensor-thresholds (warm SDR caches for both;
//                            like with like: readings, thresholds and states, one Get Sensor Thresholds per threshold sensor)
//   sdr elist warm, N sims   ipmits against ipmi-sensors without options (readings and states only), not a target
//   power status, scale      ipmits <= 1.0 x ipmipower --stat, peak RSS <= 150 MiB
//   5% dead, N sims          ipmits --timeout 2 wall <= 2 s + 1 s, the dead ones stopped (refused)
//                            and then silent (a socket that never answers on their address)
// ipmipower runs with --retransmission-timeout=1000 (ipmits' and ipmitool's first wait, and the
// default of FreeIPMI's other tools): with its own 400 ms default it answered 0 of 64 sims and 632
// of 1024 responders, because neither peer answers a burst that fast (ipmi_sim forks a shell
// script per Get Chassis Status) and ipmipower accepts only the reply to its latest
// retransmission, so each retransmission adds load and discards the answer on its way.
// Every row says how many hosts answered.
// Exit status: 0 all targets met, 2 a target missed, 1 a client failed, 64 usage.
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleetSims } from '../../test/fleet/fleet-sims.mjs';
import { evictFromPageCache } from './page-cache.mjs';
import { meterTmp, pickMeter, runMetered } from './meter.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE =
  'usage: npm run bench -- --fleet [--runs N] [--hosts N] [--scale N] [--no-scale] [--only power,sensors,dead,scale] [--ipmits dist|lib|PATH] [--json]';
const PARTS = ['power', 'sensors', 'dead', 'scale'];

/** @param {string[]} argv */
function parse(argv) {
  const o = { runs: 3, hosts: 64, scale: 1024, json: false, ipmits: 'dist', only: new Set(PARTS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a}: a whole number`);
      return n;
    };
    if (a === '--fleet') continue;
    else if (a === '--runs') o.runs = Math.max(1, int());
    else if (a === '--hosts') o.hosts = Math.min(254, Math.max(2, int()));
    else if (a === '--scale') o.scale = int();
    else if (a === '--no-scale') o.scale = 0;
    else if (a === '--json') o.json = true;
    else if (a === '--ipmits' && argv[i + 1]) o.ipmits = argv[++i];
    else if (a === '--only' && argv[i + 1]) {
      o.only = new Set(argv[++i].split(','));
      const bad = [...o.only].find((p) => !PARTS.includes(p));
      if (bad) throw new Error(`--only: unknown part ${bad} (${PARTS.join(', ')})\n${USAGE}`);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** @param {string[]} argv @returns {Promise<number>} */
export async function runFleetBench(argv) {
  let opt;
  try {
    opt = parse(argv);
  } catch (e) {
    process.stderr.write(`${/** @type {Error} */ (e).message}\n`);
    return 64;
  }
  const log = (/** @type {string} */ s) => process.stderr.write(s);
  const lib = path.join(ROOT, 'lib', 'cli', 'index.js');
  const dist = path.join(ROOT, 'dist', 'ipmits');
  /** @type {string[]} */
  let ipmits;
  let ipmitsName;
  if (opt.ipmits === 'dist' && fs.existsSync(dist)) {
    ipmits = [dist];
    ipmitsName = 'ipmits (dist/ipmits)';
  } else if (opt.ipmits === 'dist' || opt.ipmits === 'lib') {
    if (!fs.existsSync(lib)) {
      log('lib/ is missing: run "npx tsc -p tsconfig.build.json" first\n');
      return 64;
    }
    if (opt.ipmits === 'dist') log('dist/ipmits is missing ("npm run build"): measuring node bin/ipmits (lib/) instead\n');
    ipmits = [process.execPath, path.join(ROOT, 'bin', 'ipmits')];
    ipmitsName = 'ipmits (node bin/ipmits)';
  } else {
    ipmits = [path.resolve(opt.ipmits)];
    ipmitsName = `ipmits (${opt.ipmits})`;
  }
  log(`ipmits: ${ipmits.join(' ')}\n`);
  if (ipmits[0] === dist) {
    // A dist/ipmits older than src/ measures someone else's code: say so (npm run build).
    const newest = (/** @type {string} */ d) =>
      fs
        .readdirSync(d, { recursive: true, withFileTypes: true })
        .reduce((m, e) => (e.isFile() ? Math.max(m, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs) : m), 0);
    if (fs.statSync(dist).mtimeMs < newest(path.join(ROOT, 'src'))) log('warning: dist/ipmits is older than src/ (npm run build)\n');
  }
  for (const tool of ['ipmitool', 'ipmipower', 'ipmi-sensors', 'xargs']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      log(`${tool} is not installed (scripts/setup-debian.sh)\n`);
      return 1;
    }
  }
  // Each executable as an installed program finds it, not as the build just wrote it (page-cache.mjs).
  if (ipmits[0] && fs.existsSync(ipmits[0])) {
    const tools = ['ipmitool', 'ipmipower', 'ipmi-sensors'].map((t) => spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim());
    log(`page cache: evicted before the warm-up runs: ${evictFromPageCache([ipmits[0], ...tools]).join(', ')}\n`);
  }
  const meter = pickMeter('auto');
  const tmpDir = await meterTmp();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-fleet-bench-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LC_ALL: 'C', TZ: 'UTC' };
  /** @type {{ scenario: string, client: string, wallMs: number, rssKb: number | null, ok: string, answered: string }[]} */
  const rows = [];
  let failed = false;

  /** Run argv `runs` times (after one unmeasured warm-up), record the median wall and peak RSS. */
  const measure = async (
    /** @type {string} */ scenario,
    /** @type {string} */ client,
    /** @type {string[]} */ argv,
    /** @type {(m: any) => string} */ check,
  ) => {
    await runMetered(meter, argv, { env, cwd: ROOT, timeoutMs: 120_000, tmpDir });
    const walls = [];
    let rss = 0;
    let verdict = 'ok';
    for (let i = 0; i < opt.runs; i++) {
      const m = await runMetered(meter, argv, { env, cwd: ROOT, timeoutMs: 120_000, tmpDir });
      walls.push(m.wallMs);
      rss = Math.max(rss, m.maxRssKb ?? 0);
      const v = check(m);
      if (v !== 'ok') {
        failed = true;
        verdict = v; // the run that answered fewest is not hidden by a later full one
        log(`  ${client}: ${v}\n${m.stderr.slice(-600)}\n`);
      }
    }
    const row = { scenario, client, wallMs: median(walls), rssKb: rss || null, ok: verdict, answered: verdict === 'ok' ? 'all' : verdict };
    rows.push(row);
    const rssText = row.rssKb ? `, ${(row.rssKb / 1024).toFixed(0)} MiB` : '';
    log(`  ${scenario} / ${client}: ${row.wallMs.toFixed(0)} ms${rssText} ${verdict === 'ok' ? '' : `(${verdict})`}\n`);
    return row;
  };
  const lines = (/** @type {number} */ n, /** @type {RegExp} */ re) => (/** @type {any} */ m) => {
    const got = m.stdout.split('\n').filter((/** @type {string} */ l) => re.test(l)).length;
    return got === n ? 'ok' : `${got} of ${n} hosts answered`;
  };

  log(`starting ${opt.hosts} ipmi_sim BMCs on 127.0.1.1-${opt.hosts}\n`);
  const noSims = { sims: [], port: 0, hosts: [], stop: async () => undefined };
  const sims = ['power', 'sensors', 'dead'].some((p) => opt.only.has(p)) ? await startFleetSims(opt.hosts) : noSims;
  const N = opt.hosts;
  const port = sims.port;
  const range = `127.0.1.[1-${N}]:${port}`;
  const list = sims.hosts.map((h) => `${h}:${port}`).join(',');
  const auth = ['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'adminpass'];
  const free = ['-D', 'LAN_2_0', '-W', 'opensesspriv', '-u', 'admin', '-p', 'adminpass', '-h', list];
  const powerWait = ['--retransmission-timeout=1000']; // see the top of this file
  /** @type {Record<string, { ratio: number, target: number, met: boolean }>} */
  const targets = {};
  /** @type {dgram.Socket[]} */
  const holes = [];
  const target = (/** @type {string} */ name, /** @type {number} */ a, /** @type {number} */ b, /** @type {number} */ max) => {
    const ratio = a / b;
    targets[name] = { ratio, target: max, met: ratio <= max };
  };
  try {
    if (opt.only.has('power')) {
      log('power status\n');
      const ps = await measure(`power status, ${N} sims`, ipmitsName, [...ipmits, ...auth, '-H', range, 'power', 'status'], lines(N, /Chassis Power is on/));
      const ip = await measure(`power status, ${N} sims`, 'ipmipower --stat', ['ipmipower', ...free, ...powerWait, '--stat'], lines(N, /: on$/));
      const xa = await measure(
        `power status, ${N} sims`,
        'xargs -P 16 ipmitool',
        ['sh', '-c', `printf '%s\\n' ${sims.hosts.join(' ')} | xargs -P 16 -I{} ipmitool ${auth.join(' ')} -H {} -p ${port} power status`],
        lines(N, /Chassis Power is on/),
      );
      target(`power status vs ipmipower (<= 0.8)`, ps.wallMs, ip.wallMs, 0.8);
      target(`power status vs xargs -P 16 ipmitool (<= 0.1)`, ps.wallMs, xa.wallMs, 0.1);
    }

    if (opt.only.has('sensors')) {
      log('sensor list, warm caches\n');
      // FreeIPMI keeps its cache under the home of the password database, not $HOME: the bench's own directory.
      const fcache = ['--sdr-cache-directory', path.join(home, 'freeipmi')];
      fs.mkdirSync(fcache[1], { mode: 0o700 }); // FreeIPMI wants it there, and private
      const sl = await measure(`sensor list warm, ${N} sims`, ipmitsName, [...ipmits, ...auth, '-H', range, 'sensor', 'list'], lines(N, /CPU1 Temp/));
      const is = await measure(
        `sensor list warm, ${N} sims`,
        'ipmi-sensors --output-sensor-thresholds',
        ['ipmi-sensors', ...free, ...fcache, '--output-sensor-thresholds'],
        lines(N, /CPU1 Temp/),
      );
      target(`warm sensor list vs ipmi-sensors --output-sensor-thresholds (<= 0.8)`, sl.wallMs, is.wallMs, 0.8);
      const se = await measure(`sdr elist warm, ${N} sims`, ipmitsName, [...ipmits, ...auth, '-H', range, 'sdr', 'elist'], lines(N, /CPU1 Temp/));
      const id = await measure(`sdr elist warm, ${N} sims`, 'ipmi-sensors', ['ipmi-sensors', ...free, ...fcache], lines(N, /CPU1 Temp/));
      log(`  sdr elist / ipmi-sensors (readings only, not a target): ${(se.wallMs / id.wallMs).toFixed(2)}\n`);
    }

    if (opt.only.has('dead')) {
      log('5% dead\n');
      const dead = Math.max(1, Math.round(N * 0.05));
      const deadSims = sims.sims.slice(N - dead);
      for (const s of deadSims) await s.stop();
      for (const how of ['refused', 'silent']) {
        if (how === 'silent') {
          // Where a stopped simulator refused (ICMP port unreachable), a socket now takes every request and answers none.
          for (const s of deadSims) {
            const hole = dgram.createSocket('udp4').on('message', () => undefined);
            await new Promise((res, rej) => hole.once('error', rej).bind(port, s.host, () => res(undefined)));
            holes.push(hole);
          }
        }
        const dd = await measure(
          `power status, ${dead} of ${N} dead (${how}), --timeout 2`,
          ipmitsName,
          [...ipmits, ...auth, '-H', range, '--timeout', '2', 'power', 'status'],
          lines(N - dead, /Chassis Power is on/),
        );
        targets[`${dead} of ${N} dead (${how}): wall <= 2 s + 1 s`] = { ratio: dd.wallMs / 1000, target: 3, met: dd.wallMs <= 3000 };
      }
    }
  } finally {
    for (const h of holes.splice(0)) h.close();
    await sims.stop();
  }

  if (opt.scale > 0 && opt.only.has('scale')) {
    log(`starting the responder farm: ${opt.scale} BMCs\n`);
    const bundle = path.join(tmpDir, 'farm.mjs');
    const esb = spawnSync(
      path.join(ROOT, 'node_modules/.bin/esbuild'),
      [path.join(ROOT, 'test/fleet/responder-farm-main.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=warning'],
      { stdio: 'inherit' },
    );
    if (esb.status !== 0) return 1;
    const farm = spawn(process.execPath, [bundle, String(opt.scale)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const info = await new Promise((resolve, reject) => {
        let buf = '';
        farm.stdout.on('data', (d) => {
          buf += d;
          if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0] ?? '{}'));
        });
        farm.on('exit', (c) => reject(new Error(`responder farm exited (${c})`)));
      });
      const { range: frange, port: fport } = /** @type {{ range: string, port: number }} */ (info);
      const octets = Math.ceil(opt.scale / 254);
      const fhosts = Array.from({ length: octets }, (_, k) => `127.0.${2 + k}.[1-${Math.min(254, opt.scale - 254 * k)}]:${fport}`).join(',');
      const sp = await measure(
        `power status, ${opt.scale} responders`,
        ipmitsName,
        [...ipmits, '-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'password', '-H', frange, 'power', 'status'],
        lines(opt.scale, /Chassis Power is off/),
      );
      const sf = await measure(
        `power status, ${opt.scale} responders`,
        'ipmipower --stat',
        ['ipmipower', '-D', 'LAN_2_0', '-u', 'admin', '-p', 'password', '-h', fhosts, ...powerWait, '--stat'],
        lines(opt.scale, /: off$/),
      );
      target(`${opt.scale} responders vs ipmipower (<= 1.0)`, sp.wallMs, sf.wallMs, 1.0);
      targets[`${opt.scale} responders: ipmits peak RSS <= 150 MiB`] = {
        ratio: (sp.rssKb ?? 0) / 1024,
        target: 150,
        met: (sp.rssKb ?? Infinity) <= 150 * 1024,
      };
    } finally {
      farm.kill('SIGTERM');
    }
  }
  fs.rmSync(home, { recursive: true, force: true });

  if (opt.json) process.stdout.write(`${JSON.stringify({ rows, targets }, null, 2)}\n`);
  else {
    console.log(`\n| scenario | client | wall (median of ${opt.runs}) | peak RSS | answered |\n|---|---|---|---|---|`);
    for (const r of rows) {
      console.log(`| ${r.scenario} | ${r.client} | ${r.wallMs.toFixed(0)} ms | ${r.rssKb ? `${(r.rssKb / 1024).toFixed(0)} MiB` : '-'} | ${r.answered} |`);
    }
    console.log('\n| target | measured | limit | met |\n|---|---|---|---|');
    for (const [name, t] of Object.entries(targets)) console.log(`| ${name} | ${t.ratio.toFixed(2)} | ${t.target} | ${t.met ? 'yes' : 'NO'} |`);
  }
  if (failed) return 1;
  return Object.values(targets).every((t) => t.met) ? 0 : 2;
}
