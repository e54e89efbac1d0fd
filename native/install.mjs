#!/usr/bin/env node
// Builds the optional ipmi_dev addon (native/build/Release/ipmi_dev.node) for `-I open`.
//
// Run by npm's `install` step and by scripts/build.mjs. It NEVER fails: when the addon
// cannot be built (not Linux, no compiler, no Python, no Node headers) it prints one
// warning and exits 0. ipmits then works as before, and only `-I open` reports that
// the local driver interface is unavailable.
//
//   node native/install.mjs            build if missing or older than its sources
//   node native/install.mjs --force    always rebuild
//   IPMITS_SKIP_ADDON=1                do nothing
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const addon = join(here, 'build', 'Release', 'ipmi_dev.node');
const say = (msg) => process.stderr.write(`ipmits: ${msg}\n`);

function newestSource() {
  const files = [join(here, 'binding.gyp'), ...readdirSync(join(here, 'src')).map((f) => join(here, 'src', f))];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** node-gyp: the one npm runs lifecycle scripts with, a local install, or the one bundled with npm. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  const req = createRequire(import.meta.url);
  try {
    candidates.push(req.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally
  }
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => c && existsSync(c));
}

/** Build against the headers next to this node when they are there (no download needed). */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

function main() {
  if (process.env.IPMITS_SKIP_ADDON) return say('IPMITS_SKIP_ADDON is set: not building the -I open addon');
  if (process.platform !== 'linux') return say(`-I open needs Linux; no addon built on ${process.platform}`);
  const force = process.argv.includes('--force');
  if (!force && existsSync(addon) && statSync(addon).mtimeMs >= newestSource()) return;
  const gyp = findNodeGyp();
  if (!gyp) return say('node-gyp not found: the -I open addon was not built (lan and lanplus work)');
  const r = spawnSync(process.execPath, [gyp, 'rebuild', ...nodedirArgs()], {
    cwd: here,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status === 0 && existsSync(addon)) return say(`built ${addon}`);
  const why = `${r.error?.message ?? ''}${r.stderr ?? ''}`
    .trim()
    .split('\n')
    .filter((l) => /error/i.test(l))
    .slice(-3);
  say('WARNING: the -I open addon could not be built; -I open will be unavailable (lan and lanplus work).');
  for (const line of why) say(`  ${line}`);
}

try {
  main();
} catch (e) {
  say(`WARNING: the -I open addon could not be built: ${e instanceof Error ? e.message : String(e)}`);
}
process.exitCode = 0;
