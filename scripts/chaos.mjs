#!/usr/bin/env node
// @ts-check
// The chaos suite: ipmits and ipmitool in the same run against the simulated BMC (test/sim,
// OpenIPMI ipmi_sim) through a seeded, fault-injecting UDP proxy on loopback: loss,
// duplication and reordering, damaged replies (plus an in-process harness for volume), dead
// and silent hosts, signals at random points, concurrent clients, tampered and replayed
// replies, secrets. Results as markdown tables (docs/reliability.md).
//
//   npm run chaos [-- --long] [--seed N] [--only a,b] [--out FILE|-] [--append] [--smoke] [--no-build] [--lib DIR]
//
// Default: a few minutes. --long: the full figures (100,000+ damaged replies, 100 signal runs
// per command, ...; about an hour on a 2-core machine). --smoke: a bounded CI check of the
// harness itself (test/chaos/smoke.test.ts). Exit status: 0 when the run completed (the
// figures say how well the clients did), 1 when the harness itself failed, 2 on a usage error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadIpmits } from './chaos/inproc.mjs';
import { setDocumentedExits, setIpmits } from './chaos/run.mjs';
import { SCENARIOS } from './chaos/scenarios.mjs';
import { renderReport } from './chaos/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `usage: npm run chaos -- [options]
  --long          the full figures (about an hour); default: a few minutes
  --smoke         a bounded check of the harness (CI)
  --seed N        base seed (default 1); every run's faults derive from it
  --only LIST     scenarios to run, comma-separated: ${Object.keys(SCENARIOS).join(', ')}
  --out FILE      where the markdown goes (default docs/reliability.md; - for stdout)
  --append        add this run to the end of FILE as a further run (e.g. --long --only damaged)
  --no-build      use the existing private build (.cache/chaos-lib)
  --worktree      build from the work tree as it is (default: the committed tree, git HEAD)
  --lib DIR       use this compiled src/ (e.g. lib/, as the integration tests build it); implies --no-build
  --concurrency N clients run at once in the loss/damage scenarios (default 8)`;

function parseArgs(/** @type {string[]} */ argv) {
  const o = {
    long: false,
    smoke: false,
    seed: 1,
    only: Object.keys(SCENARIOS),
    out: path.join(ROOT, 'docs/reliability.md'),
    build: true,
    worktree: false,
    append: false,
    concurrency: 8,
    lib: path.join(ROOT, '.cache/chaos-lib'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (/** @type {string} */ v) => {
      if (!/^\d+$/.test(v)) throw new Error(`${a}: not a number: ${v}`);
      return Number(v);
    };
    switch (a) {
      case '--long':
        o.long = true;
        break;
      case '--smoke':
        o.smoke = true;
        break;
      case '--seed':
        o.seed = int(value());
        break;
      case '--only': {
        const names = value().split(',');
        const bad = names.filter((n) => !(n in SCENARIOS));
        if (bad.length) throw new Error(`unknown scenario: ${bad.join(', ')}`);
        o.only = names;
        break;
      }
      case '--out':
        o.out = value();
        break;
      case '--append':
        o.append = true;
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--worktree':
        o.worktree = true;
        break;
      case '--lib':
        o.lib = path.resolve(value());
        o.build = false;
        break;
      case '--concurrency':
        o.concurrency = Math.max(1, int(value()));
        break;
      case '-h':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`chaos: ${/** @type {Error} */ (e).message}\n${USAGE}\n`);
    return 2;
  }
  const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);
  const libDir = o.lib;
  if (o.build) {
    // The committed tree (git HEAD), not the work tree: the figures belong to a commit, and a
    // half-edited file elsewhere in a shared tree cannot break the run. --worktree: as it is.
    let tree = ROOT;
    if (!o.worktree) {
      tree = path.join(ROOT, '.cache/chaos-src');
      fs.rmSync(tree, { recursive: true, force: true });
      fs.mkdirSync(tree, { recursive: true });
      const tar = spawnSync('sh', ['-c', 'git archive --format=tar HEAD src tsconfig.json tsconfig.build.json | tar -x -C "$1"', 'sh', tree], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (tar.status !== 0) {
        log(`chaos: git archive HEAD failed: ${tar.stderr.toString().trim()}`);
        return 1;
      }
    }
    log(`chaos: compiling ${o.worktree ? 'the work tree' : 'HEAD'} into ${path.relative(ROOT, libDir)}`);
    fs.rmSync(libDir, { recursive: true, force: true });
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(tree, 'tsconfig.build.json'), '--outDir', libDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // tsc emits even when a file does not type-check; the status is only reported.
    if (r.status !== 0) log(`chaos: warning: tsc reported errors (the build is used anyway):\n${r.stdout.toString().split('\n').slice(0, 5).join('\n')}`);
    const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(libDir, 'BUILT_FROM'), o.worktree ? `the work tree at ${head}` : head);
  }
  const builtFrom = fs.existsSync(path.join(libDir, 'BUILT_FROM')) ? fs.readFileSync(path.join(libDir, 'BUILT_FROM'), 'utf8') : `${libDir} (unknown commit)`;
  if (!fs.existsSync(path.join(libDir, 'cli/index.js'))) {
    log(`chaos: no build in ${libDir} (run without --no-build)`);
    return 1;
  }
  setIpmits(process.env.IPMITS_BIN ? [process.env.IPMITS_BIN] : [process.execPath, path.join(libDir, 'cli/index.js')]);
  const { ExitCode, signalExitCode } = await import(pathToFileURL(path.join(libDir, 'cli/exit-codes.js')).href);
  setDocumentedExits([...Object.values(ExitCode), ...Object.values(signalExitCode)].map(Number));
  const inproc = await loadIpmits(libDir);
  /** @type {import('./chaos/scenarios.mjs').Goal[]} */
  const goals = [];
  const settings = { long: o.long, smoke: o.smoke, seed: o.seed, log, inproc, concurrency: o.concurrency, goals };
  const started = new Date();
  const sections = [];
  let failed = 0;
  for (const name of o.only) {
    log(`chaos: ${name}`);
    const t0 = Date.now();
    // A scenario that breaks (the simulator out of slots, a peer missing) is reported, and the run goes on.
    const sec = await SCENARIOS[/** @type {keyof typeof SCENARIOS} */ (name)](settings).catch((/** @type {unknown} */ e) => {
      log(`chaos: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      failed++;
      return { title: name, body: [`**The scenario failed**: \`${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\``] };
    });
    sections.push({ ...sec, seconds: Math.round((Date.now() - t0) / 1000) });
  }
  const ipmitool = spawnSync('ipmitool', ['-V'], { encoding: 'utf8' }).stdout.trim();
  const md = renderReport({
    sections,
    goals,
    builtFrom,
    started,
    seed: o.seed,
    mode: o.long ? 'long' : o.smoke ? 'smoke' : 'default',
    only: o.only,
    all: Object.keys(SCENARIOS),
    ipmitool,
  });
  if (o.out === '-') process.stdout.write(md);
  else if (o.append && fs.existsSync(o.out)) {
    fs.appendFileSync(o.out, `\n---\n\n${md.replace(/^# Reliability in figures/, '# A further run')}`);
    log(`chaos: appended to ${path.relative(process.cwd(), o.out) || o.out}`);
  } else {
    fs.writeFileSync(o.out, md);
    log(`chaos: wrote ${path.relative(process.cwd(), o.out) || o.out}`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`chaos: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
