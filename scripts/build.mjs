#!/usr/bin/env node
// Build dist/ipmits, the single-file executable. Two runtimes (chosen by measurement in
// `npm run bench`, startup section; docs/benchmarks.md):
//
//   --runtime bun (default)  `bun build --compile --bytecode --splitting` (--no-split: one chunk): Bun from the pinned `bun` devDependency
//                            (its binary comes in the @oven/bun-linux-x64 registry package); nothing is
//                            downloaded. The -I open addon is embedded with --asset. The JIT starts held back
//                            (--compile-jit-policy, --jit-policy N to change it; 1 = normal). The bytecode is laid
//                            out in the order of scripts/bytecode-order.txt (scripts/bytecode-order.mjs; --no-order: Bun's).
//   --runtime sea            a Node single executable application (SEA):
//     1. esbuild bundles the CLI entry (ESM/TypeScript) + all dependencies into
//        ONE CommonJS file (Node 20 SEA can only run a CJS main script).
//     2. `node --experimental-sea-config` turns it into a SEA preparation blob
//        (with V8 code cache, and the optional native addon as an asset);
//        --snapshot adds a V8 start-up snapshot (useSnapshot, scripts/sea/snapshot-entry.ts).
//     3. process.execPath is copied to dist/ipmits, its debug info is stripped
//        (if `strip` is available), and the blob is injected with postject.
//   --candidates             every candidate into dist/candidates/ (sea, sea-snapshot, bun, bun-minify, bun-split)
//                            for the bench; dist/ipmits is left alone.
//
// See scripts/sea/README.md for details, measurements and the addon recipe.
//
// Usage: node scripts/build.mjs [--runtime bun|sea] [--snapshot] [--minify] [--no-split] [--jit-policy N] [--no-order] [--no-code-cache] [--no-strip]
//                                [--no-addon] [--entry <file>] [--out <file>] [--work <dir>] [--no-smoke] [--candidates]
// Env:   IPMITS_SEA_ENTRY, IPMITS_SEA_ADDON override the entry / addon path.

import { build } from 'esbuild';
import { inject } from 'postject';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** CLI entry point bundled into the executable. */
const ENTRY = 'src/cli/index.ts';
/** The SEA entry with a start-up snapshot: it calls v8.startupSnapshot.setDeserializeMainFunction. */
const SNAPSHOT_ENTRY = 'scripts/sea/snapshot-entry.ts';
/** Optional native addon (node-gyp output) embedded as a SEA asset if present. */
const ADDON = 'native/build/Release/ipmi_dev.node';
/** Asset key under which the addon is stored; src must use the same key. */
const ADDON_ASSET_KEY = 'ipmi_dev.node';
/** Output executable. */
const OUT = 'dist/ipmits';
/** The bytecode order of the executable (scripts/bytecode-order.mjs; generated, kept in git). */
const BYTECODE_ORDER = join(ROOT, 'scripts/bytecode-order.txt');
/** Bun's --compile-jit-policy (see buildBun); --jit-policy N overrides it, 1 = the normal JIT. */
const JIT_POLICY = 100;
/** Intermediate files (bundle, blob, sea-config.json). */
const WORK_DIR = 'dist/sea';
/** --candidates: every runtime/build the bench compares (`npm run bench -- --startup`). */
const CANDIDATES_DIR = 'dist/candidates';
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

// ---------------------------------------------------------------------------
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const optValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const rel = (p) => relative(ROOT, p) || '.';
const log = (msg) => process.stderr.write(`[build] ${msg}\n`);
const fail = (msg) => {
  process.stderr.write(`[build] ERROR: ${msg}\n`);
  process.exit(1);
};
const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) fail(`${cmd} ${cmdArgs.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/**
 * The -I open addon is built first (native/install.mjs: only when missing or older than its
 * sources; never fatal), so dist/ipmits carries it. --no-addon skips it. Returns its path or undefined.
 */
function prepareAddon() {
  const addon = resolve(ROOT, process.env.IPMITS_SEA_ADDON ?? ADDON);
  if (flag('--no-addon')) return undefined;
  if (!process.env.IPMITS_SEA_ADDON) run(process.execPath, [join(ROOT, 'native', 'install.mjs')]);
  if (existsSync(addon)) return addon;
  log(`no native addon at ${rel(addon)}: building without it`);
  return undefined;
}

/** The executable must start and print its version (with a minimal env, from /). */
function smoke(out) {
  if (flag('--no-smoke')) return;
  const r = spawnSync(out, ['-V'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, cwd: '/' });
  if (r.error || r.status !== 0) {
    fail(`smoke test "${rel(out)} -V" failed (status ${r.status ?? r.signal}): ${r.error ?? r.stderr}`);
  }
  if (/ExperimentalWarning|single-executable/i.test(r.stderr)) fail(`SEA warning printed on stderr: ${r.stderr}`);
  log(`smoke test: ${rel(out)} -V -> ${r.stdout.trim()}`);
}

// ---------------------------------------------------------------------------
// Bun: bun build --compile --bytecode
// ---------------------------------------------------------------------------
/**
 * The Bun binary of the pinned devDependency. The platform package (@oven/bun-linux-x64, or its
 * -baseline/-musl variants) brings the executable; bun's postinstall moves it to
 * node_modules/bun/bin/bun.exe, and without install scripts (--ignore-scripts) it stays where it came.
 */
function bunBinary() {
  if (process.env.IPMITS_BUN) return process.env.IPMITS_BUN;
  const req = createRequire(import.meta.url);
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const candidates = [];
  for (const pkg of [
    'bun',
    `@oven/bun-${process.platform}-${arch}`,
    `@oven/bun-${process.platform}-${arch}-baseline`,
    `@oven/bun-${process.platform}-${arch}-musl`,
    `@oven/bun-${process.platform}-${arch}-musl-baseline`,
  ]) {
    try {
      const dir = dirname(req.resolve(`${pkg}/package.json`));
      candidates.push(join(dir, 'bin', pkg === 'bun' ? 'bun.exe' : 'bun'));
    } catch {
      // this variant is not installed
    }
  }
  const bin = candidates.find((b) => existsSync(b) && spawnSync(b, ['--version']).status === 0);
  if (!bin) fail('no Bun binary in node_modules (the `bun` devDependency and its @oven/bun-* platform package): run npm ci');
  return bin;
}

function buildBun({ out, entry, minify, split }) {
  const bun = bunBinary();
  const addon = prepareAddon();
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const version = spawnSync(bun, ['--version'], { encoding: 'utf8' }).stdout.trim();
  log(`bun ${version} build --compile --bytecode${minify ? ' --minify' : ''}${split ? ' --splitting' : ''} ${rel(entry)} -> ${rel(out)}`);
  const bunArgs = [
    'build',
    '--compile',
    '--bytecode',
    entry,
    '--outfile',
    out,
    // A compiled Bun program reads .env and bunfig.toml of the current directory by default:
    // an IPMI_PASSWORD in someone's .env must not change what ipmits does.
    '--no-compile-autoload-dotenv',
    '--no-compile-autoload-bunfig',
  ];
  // JavaScriptCore's JIT thresholds x JIT_POLICY at start: one command runs its code once or a few
  // times, and compiling it costs more than it saves (power status: CPU 0.87x, peak RSS -4 MiB,
  // docs/benchmarks.md "Fast start"). src/cli/index.ts restores the normal policy once a run lasts.
  bunArgs.push(`--compile-jit-policy=${optValue('--jit-policy') ?? JIT_POLICY}`);
  // The functions the common commands run, first in the file (scripts/bytecode-order.mjs wrote the
  // order): fewer pages of the executable touched per run. --no-order leaves Bun's own layout.
  if (!flag('--no-order') && existsSync(BYTECODE_ORDER)) {
    const head = readFileSync(BYTECODE_ORDER, 'utf8').slice(0, 3);
    if (head !== 'v2\n')
      fail(`${rel(BYTECODE_ORDER)} is not a bytecode order of this Bun (it starts "${head.trim()}"): run npm run bytecode-order, or build with --no-order`);
    bunArgs.push(`--bytecode-order=${relative(ROOT, BYTECODE_ORDER)}`);
    log(`bytecode order: ${rel(BYTECODE_ORDER)}`);
  }
  if (minify) bunArgs.push('--minify');
  // One chunk per dynamic import() (the command families, the session code): embedded in the one
  // file, and only the chunks a command needs are loaded and run.
  if (split) bunArgs.push('--splitting', '--format', 'esm');
  if (addon) {
    // Embedded at the root of the executable's file system as `ipmi_dev.node` (src/native/addon.ts).
    if (basename(addon) !== ADDON_ASSET_KEY) fail(`the addon must be named ${ADDON_ASSET_KEY}, not ${basename(addon)}`);
    bunArgs.push('--asset', relative(ROOT, addon));
    log(`embedding native addon ${rel(addon)} (${(statSync(addon).size / 1024).toFixed(0)} KiB)`);
  }
  run(bun, bunArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  smoke(out);
  log(`done: ${rel(out)} (${mib(statSync(out).size)})`);
}

// ---------------------------------------------------------------------------
// Node SEA
// ---------------------------------------------------------------------------
async function buildSea({ out, entry, minify, snapshot, workDir }) {
  const bundleFile = join(workDir, 'ipmits.cjs');
  const blobFile = join(workDir, 'ipmits.blob');
  const seaConfigFile = join(workDir, 'sea-config.json');
  const useCodeCache = !flag('--no-code-cache');
  const doStrip = !flag('--no-strip');
  {
    const [major, minor] = process.versions.node.split('.').map(Number);
    if (major < 20 || (major === 20 && minor < 12)) {
      fail(`Node ${process.version} cannot build this SEA (need >= 20.12 for sea assets / code cache)`);
    }
  }
  const nodeBinary = readFileSync(process.execPath);
  if (!nodeBinary.includes(Buffer.from(`${SEA_FUSE}:`))) {
    fail(`${process.execPath} has no ${SEA_FUSE} sentinel: this node binary cannot host a SEA`);
  }
  if (nodeBinary.includes(Buffer.from(`${SEA_FUSE}:1`))) {
    fail(`${process.execPath} is itself a SEA (fuse already flipped); build with a plain node`);
  }

  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  mkdirSync(dirname(out), { recursive: true });

  // 1. Bundle to a single CommonJS file.
  // In a SEA main script __filename is process.execPath, and `require` only
  // loads built-in modules. import.meta.* does not exist in CJS, so it is
  // replaced by values derived from __filename (= the executable).
  const banner = ['"use strict";', 'var __ipmits_import_meta_url = require("node:url").pathToFileURL(__filename).href;'].join('\n');

  log(`bundling ${rel(entry)} -> ${rel(bundleFile)}${minify ? ' (minified)' : ''}`);
  let result;
  try {
    result = await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile: bundleFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify,
      keepNames: true,
      sourcemap: false,
      legalComments: 'none',
      charset: 'utf8',
      banner: { js: banner },
      define: {
        'import.meta.url': '__ipmits_import_meta_url',
        'import.meta.filename': '__filename',
        'import.meta.dirname': '__dirname',
      },
      // A .node addon can never be bundled; leave any (static) require of one
      // alone. In the SEA the addon is loaded from an asset instead (README).
      // bun:ffi: the Bun side of src/cli/index.ts's masking, never loaded under Node.
      external: ['*.node', 'bun:ffi'],
      logLevel: 'warning',
      metafile: true,
    });
  } catch (err) {
    const msgs = err?.errors ?? [];
    if (msgs.some((m) => /top-level await/i.test(m.text))) {
      process.stderr.write(
        '[build] hint: Node 20 SEAs run a CommonJS script, which cannot contain top-level await.\n' +
          '[build]       Use e.g. `main(argv).then((code) => { process.exitCode = code; })` in the entry.\n',
      );
    }
    fail(`esbuild failed (${msgs.length} error(s))`);
  }
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    log(`bundle ${file}: ${(info.bytes / 1024).toFixed(0)} KiB`);
  }
  // Dynamic import() of something that is not bundled cannot work in a Node 20
  // SEA (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): warn about any left over.
  {
    const code = readFileSync(bundleFile, 'utf8');
    const leftover = code.match(/\bimport\(\s*[^)]{0,80}\)/g)?.filter((s) => !/import\(\s*\)|import\(\s*["']bun:/.test(s));
    if (leftover?.length) log(`WARNING: unbundled dynamic import(s) remain and will fail in the SEA: ${leftover.join(', ')}`);
  }

  // 2. SEA blob.
  const addon = prepareAddon();
  const assets = {};
  if (addon) {
    assets[ADDON_ASSET_KEY] = addon;
    log(`embedding native addon ${rel(addon)} (${(statSync(addon).size / 1024).toFixed(0)} KiB) as asset "${ADDON_ASSET_KEY}"`);
  }
  // Paths are relative to workDir (node runs there): the `main` path is stored
  // in the blob and shows up in stack traces, so keep it free of build paths.
  const seaConfig = {
    main: relative(workDir, bundleFile),
    output: relative(workDir, blobFile),
    disableExperimentalSEAWarning: true,
    useSnapshot: snapshot,
    // Node ignores the code cache when a snapshot is used (the snapshot holds compiled code).
    useCodeCache: useCodeCache && !snapshot,
    assets,
  };
  writeFileSync(seaConfigFile, `${JSON.stringify(seaConfig, null, 2)}\n`);
  log(`generating SEA blob (useSnapshot: ${seaConfig.useSnapshot}, useCodeCache: ${seaConfig.useCodeCache})`);
  run(process.execPath, ['--experimental-sea-config', relative(workDir, seaConfigFile)], {
    cwd: workDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(blobFile)) fail('SEA blob was not generated');

  // 3. Executable: copy node, strip debug info, inject the blob.
  rmSync(out, { force: true });
  copyFileSync(process.execPath, out);
  chmodSync(out, 0o755);
  if (doStrip && process.platform === 'linux') {
    // Must happen BEFORE injection (stripping an injected binary breaks it).
    // --strip-all removes .debug_*, .symtab and .strtab (~12 MiB); .dynsym /
    // .dynstr stay (native addons resolve napi_* from them), as does the fuse.
    // .gnu.build.attributes (annobin notes, not loaded at run time) is dropped
    // because postject/LIEF otherwise re-emits it as dozens of bogus sections.
    const r = spawnSync('strip', ['--strip-all', '--remove-section=.gnu.build.attributes', out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.error || r.status !== 0) {
      log('strip not available or failed: keeping the unstripped binary');
      copyFileSync(process.execPath, out);
    }
  }

  log(`injecting blob into ${rel(out)}`);
  {
    // postject's LIEF always prints a harmless "Can't find string offset for
    // section name '.note'" on ELF; filter that noise, keep anything else.
    const warn = console.warn;
    console.warn = (...a) => {
      if (!/Can't find string offset for section name/.test(String(a[0]))) warn(...a);
    };
    try {
      await inject(out, 'NODE_SEA_BLOB', readFileSync(blobFile), {
        sentinelFuse: SEA_FUSE,
        machoSegmentName: 'NODE_SEA',
        overwrite: true,
      });
    } finally {
      console.warn = warn;
    }
  }
  chmodSync(out, 0o755);
  smoke(out);
  log(`done: ${rel(out)} (${mib(statSync(out).size)})`);
}

// ---------------------------------------------------------------------------
const runtime = optValue('--runtime') ?? 'bun';
if (!['bun', 'sea'].includes(runtime)) fail(`--runtime: bun or sea, not ${runtime}`);
const entryOf = (snapshot) => resolve(ROOT, optValue('--entry') ?? process.env.IPMITS_SEA_ENTRY ?? (snapshot ? SNAPSHOT_ENTRY : ENTRY));
for (const e of [entryOf(false), entryOf(flag('--snapshot'))]) if (!existsSync(e)) fail(`entry point ${rel(e)} does not exist`);

if (flag('--candidates')) {
  const dir = resolve(ROOT, CANDIDATES_DIR);
  await buildSea({ out: join(dir, 'sea'), entry: entryOf(false), minify: false, snapshot: false, workDir: join(dir, 'sea.work') });
  await buildSea({ out: join(dir, 'sea-snapshot'), entry: entryOf(true), minify: false, snapshot: true, workDir: join(dir, 'sea-snapshot.work') });
  buildBun({ out: join(dir, 'bun'), entry: entryOf(false), minify: false, split: false });
  buildBun({ out: join(dir, 'bun-minify'), entry: entryOf(false), minify: true, split: false });
  buildBun({ out: join(dir, 'bun-split'), entry: entryOf(false), minify: false, split: true });
} else {
  const out = resolve(ROOT, optValue('--out') ?? OUT);
  const minify = flag('--minify');
  if (runtime === 'bun') buildBun({ out, entry: entryOf(false), minify, split: !flag('--no-split') });
  else {
    const snapshot = flag('--snapshot');
    await buildSea({ out, entry: entryOf(snapshot), minify, snapshot, workDir: resolve(ROOT, optValue('--work') ?? WORK_DIR) });
  }
}
