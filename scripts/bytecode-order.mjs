// @ts-check
// The bytecode order of dist/ipmits (`npm run bytecode-order`, then `npm run build`).
//
// `bun build --compile --bytecode` lays the program's bytecode out in the executable; with
// `--bytecode-order FILE` it puts first the functions and modules FILE names, in its order. FILE is
// what a run of the executable writes when BUN_BYTECODE_ORDER_OUT names it: each module and function
// as it was first used, by a hash of its source. The commands a user runs most then touch far fewer
// pages of the 110 MiB file: peak RSS -0.9 MiB (`power status`) to -1.7 MiB (`sdr elist`), CPU -2 to
// -4 % (docs/benchmarks.md, "Fast start, eighth pass").
//
// This script runs the dist/ipmits of the tree against the project's simulated BMCs (two ipmi_sim on
// loopback), one command after another, most used first, the last ones over both (a fleet run), and writes the order of every first use
// to scripts/bytecode-order.txt; scripts/build.mjs passes that file to Bun when it exists. The file is
// generated, and kept in git so that a build needs no BMC: a function changed since it was written
// has another hash and simply takes its default place, so an old file costs nothing but its gain.
//
// Code changed since the file was written loses its place, and a run of it may then cost a few per
// cent more CPU than with no order at all (sel elist +3 %): regenerate after changing what the common
// commands run. `--check` writes nothing: it says how much of what the command lines use today the
// file covers, and exits 1 under 99.5 % (a file 0.9 % short cost `sel elist` 6 % CPU).
//
//   node scripts/bytecode-order.mjs [--out FILE] [--bin PATH] [--check]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFleetSims } from '../test/fleet/fleet-sims.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node scripts/bytecode-order.mjs [--out FILE] [--bin PATH] [--check]';
/** --check: the share of today's entries the file must hold. */
const FRESH = 0.995;

/**
 * The command lines, most used first (the order the file gives their code in the executable): `one`
 * names the first simulator, `two` both of them as a hostrange (a fleet run).
 * @param {string[]} one @param {string[]} two
 */
const commandLines = (one, two) => [
  ['-V'],
  [...one, 'power', 'status'],
  [...one, 'chassis', 'status'],
  [...one, 'mc', 'info'],
  [...one, 'sdr', 'elist'],
  [...one, 'sensor', 'list'],
  [...one, 'sel', 'elist'],
  [...one, 'fru', 'print'],
  [...one, '--json', 'power', 'status'],
  [...one, '--json', 'sdr', 'elist'],
  [...two, 'power', 'status'],
  [...two, 'sensor', 'list'],
];

async function main() {
  /** @type {{ out: string, bin: string, check: boolean }} */
  let opt;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, bin: { type: 'string' }, check: { type: 'boolean' } } });
    opt = {
      out: path.resolve(values.out ?? path.join(ROOT, 'scripts/bytecode-order.txt')),
      bin: path.resolve(values.bin ?? path.join(ROOT, 'dist/ipmits')),
      check: values.check ?? false,
    };
  } catch (e) {
    process.stderr.write(`bytecode-order: ${/** @type {Error} */ (e).message}\n${USAGE}\n`);
    return 64;
  }
  if (!existsSync(opt.bin)) {
    process.stderr.write(`bytecode-order: ${path.relative(ROOT, opt.bin)} does not exist: run npm run build first\n`);
    return 1;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ipmits-order-'));
  const sims = await startFleetSims(2);
  try {
    const auth = ['-I', 'lanplus', '-C', '3', '-U', 'admin', '-P', 'adminpass'];
    const one = [...auth, '-H', sims.hosts[0] ?? '', '-p', String(sims.port)];
    const two = [...auth, '-H', `${sims.hosts.map((h) => `${h}:${sims.port}`).join(',')}`];
    const env = { ...process.env, HOME: dir, XDG_CACHE_HOME: path.join(dir, '.cache') };
    delete env.BUN_BYTECODE_ORDER_OUT;
    // The SDR caches filled first: what is recorded is a warm run, as most runs are.
    execFileSync(opt.bin, [...two, 'sdr', 'elist'], { env, stdio: 'ignore' });
    /** @type {string[]} */
    const lines = ['v2'];
    const seen = new Set();
    for (const [i, cmd] of commandLines(one, two).entries()) {
      const file = path.join(dir, `order-${i}.txt`);
      execFileSync(opt.bin, cmd, { env: { ...env, BUN_BYTECODE_ORDER_OUT: file }, stdio: 'ignore' });
      const [head, ...entries] = readFileSync(file, 'utf8').split('\n');
      if (head !== 'v2') throw new Error(`${opt.bin} ${cmd.join(' ')}: the order file starts "${head}", not "v2" (another Bun?)`);
      for (const e of entries) {
        if (!e || seen.has(e)) continue;
        seen.add(e);
        lines.push(e);
      }
      process.stderr.write(`${cmd.filter((a) => !auth.includes(a)).join(' ')}: ${entries.length - 1} entries, ${lines.length - 1} in all\n`);
    }
    if (opt.check) {
      const kept = new Set(readFileSync(opt.out, 'utf8').split('\n').slice(1));
      const share = lines.slice(1).filter((e) => kept.has(e)).length / (lines.length - 1);
      const fresh = share >= FRESH;
      process.stderr.write(
        `${path.relative(ROOT, opt.out)} holds ${(share * 100).toFixed(1)} % of what the command lines use today${fresh ? '' : ': run npm run bytecode-order'}\n`,
      );
      return fresh ? 0 : 1;
    }
    writeFileSync(opt.out, `${lines.join('\n')}\n`);
    process.stderr.write(`wrote ${path.relative(ROOT, opt.out)}\n`);
    return 0;
  } finally {
    await sims.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bytecode-order: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
