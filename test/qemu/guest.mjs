// A real /dev/ipmi0 for tests: a minimal Linux guest under QEMU (software emulation)
// with Debian's kernel, the ipmi_msghandler, ipmi_si and ipmi_devintf modules, a BMC
// behind an emulated KCS interface (QEMU's ipmi-bmc-sim, or ipmi-bmc-extern wired to
// an outside simulator), ipmitool, and the built ipmits. See README.md here and
// /work/shared/docs/qemu-open.md.
//
// One boot runs a batch of commands: the host writes a script into the initramfs; the
// guest runs it, keeps each command's stdout, stderr, exit status and duration in
// /out, sends them base64-encoded over a second serial port, and powers off.
//
// Cached under IPMITS_QEMU_CACHE (default ~/.cache/ipmits/qemu): the kernel (vmlinux
// for PVH boot, without the xz decompression) and its IPMI modules, and the base
// initramfs (busybox, modules, ipmitool and its libraries).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCpio } from './cpio.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
/** Bumped when the base image's layout changes, so old caches are not reused. */
const IMAGE_REVISION = 3;
/** In load order (each one's dependencies come from modprobe --show-depends). */
const MODULES = ['ipmi_msghandler', 'ipmi_si', 'ipmi_devintf'];
/** What the tests need on the host; setup-debian.sh installs the same. */
const HOST_PACKAGES = ['qemu-system-x86', 'busybox-static', 'xz-utils', 'kmod', 'ipmitool'];
const HOST_TOOLS = {
  'qemu-system-x86_64': 'qemu-system-x86',
  busybox: 'busybox-static',
  xz: 'xz-utils',
  depmod: 'kmod',
  modprobe: 'kmod',
  ipmitool: 'ipmitool',
};

export const cacheDir = () => process.env.IPMITS_QEMU_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ipmits', 'qemu');

const say = (log, msg) => log?.(`[qemu] ${msg}`);

function which(cmd) {
  for (const d of (process.env.PATH ?? '/usr/bin:/bin').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (d && existsSync(join(d, cmd))) return join(d, cmd);
  }
  return undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr ?? '').trim().slice(-500)}`);
  return r.stdout;
}

const isRoot = () => process.getuid?.() === 0;

/** Installs QEMU, busybox, xz, kmod and ipmitool with apt when one is missing (as root). */
export function ensureHostTools(log) {
  const missing = [
    ...new Set(
      Object.entries(HOST_TOOLS)
        .filter(([t]) => !which(t))
        .map(([, p]) => p),
    ),
  ];
  if (!missing.length) return;
  if (!isRoot() || !which('apt-get')) {
    throw new Error(`the QEMU tests need ${missing.join(', ')} (apt-get install ${HOST_PACKAGES.join(' ')}, or scripts/setup-debian.sh test)`);
  }
  say(log, `apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

/** The kernel package: IPMITS_QEMU_KERNEL_PKG, else what linux-image-amd64 depends on. */
function kernelPackage() {
  if (process.env.IPMITS_QEMU_KERNEL_PKG) return process.env.IPMITS_QEMU_KERNEL_PKG;
  const depends = () => {
    const r = spawnSync('apt-cache', ['depends', 'linux-image-amd64'], { encoding: 'utf8' });
    return /Depends: (linux-image-[^\s]+)/.exec(r.stdout ?? '')?.[1];
  };
  let pkg = depends();
  if (!pkg && isRoot()) {
    run('apt-get', ['update', '-qq']);
    pkg = depends();
  }
  if (!pkg) throw new Error('cannot find the Debian kernel package (apt-cache depends linux-image-amd64); set IPMITS_QEMU_KERNEL_PKG');
  return pkg;
}

/** The uncompressed kernel from a bzImage whose payload is xz (Debian's): PVH entry, no decompression. */
function extractVmlinux(vmlinuz, out) {
  const img = readFileSync(vmlinuz);
  const at = img.indexOf(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  if (at < 0) throw new Error(`${vmlinuz}: no xz payload`);
  const r = spawnSync('xz', ['-dc', '--single-stream'], { input: img.subarray(at), maxBuffer: 1 << 30 });
  if (r.status !== 0 || !r.stdout?.length) throw new Error(`xz could not unpack ${vmlinuz}`);
  writeFileSync(out, r.stdout);
}

/**
 * Debian's kernel in the cache: { pkg, kver, modules, dir } (dir holds vmlinux and the modules, in load order).
 * Downloaded with apt-get download (no root needed), unpacked, depmod'ed; only the
 * vmlinux and the IPMI modules are kept.
 */
export function ensureKernel(log) {
  const pkg = kernelPackage();
  const dir = join(cacheDir(), 'kernel', pkg);
  const metaFile = join(dir, 'kernel.json');
  if (existsSync(metaFile)) return { ...JSON.parse(readFileSync(metaFile, 'utf8')), dir };
  mkdirSync(join(cacheDir(), 'kernel'), { recursive: true });
  const tmp = mkdtempSync(join(cacheDir(), 'kernel', '.tmp-'));
  try {
    say(log, `apt-get download ${pkg}`);
    run('apt-get', ['download', pkg], { cwd: tmp });
    const deb = readdirSync(tmp).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${pkg} left no .deb`);
    const x = join(tmp, 'x');
    run('dpkg', ['-x', join(tmp, deb), x]);
    const modRoot = existsSync(join(x, 'lib', 'modules')) ? join(x, 'lib', 'modules') : join(x, 'usr', 'lib', 'modules');
    const kver = readdirSync(modRoot)[0];
    const base = dirname(dirname(modRoot));
    run(which('depmod') ?? 'depmod', ['-b', base, kver]);
    const out = join(tmp, 'out');
    mkdirSync(out);
    const modules = [];
    for (const m of MODULES) {
      const deps = run(which('modprobe') ?? 'modprobe', ['-d', base, '-S', kver, '--show-depends', m]);
      for (const line of deps.split('\n')) {
        const p = /^insmod (\S+)/.exec(line)?.[1];
        if (!p) continue;
        let name = p.split('/').pop();
        if (modules.includes(name.replace(/\.xz$/, ''))) continue;
        if (name.endsWith('.xz')) {
          name = name.slice(0, -3);
          writeFileSync(join(out, name), execFileSync('xz', ['-dc', p], { maxBuffer: 1 << 28 }));
        } else copyFileSync(p, join(out, name));
        modules.push(name);
      }
    }
    extractVmlinux(join(x, 'boot', `vmlinuz-${kver}`), join(out, 'vmlinux'));
    writeFileSync(join(out, 'kernel.json'), JSON.stringify({ pkg, kver, modules }, null, 2));
    rmSync(dir, { recursive: true, force: true });
    renameSync(out, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { ...JSON.parse(readFileSync(metaFile, 'utf8')), dir };
}

/** A binary and the shared libraries it loads (ldd), as cpio entries at the same paths. */
export function withLibraries(bin, at = bin) {
  const entries = [{ path: at, src: realpathSync(bin), mode: 0o755 }];
  // ldd fails on a static binary (busybox-static): no libraries then.
  const out = spawnSync('ldd', [bin], { encoding: 'utf8' }).stdout ?? '';
  for (const line of out.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) entries.push({ path: m[1], src: realpathSync(m[1]), mode: 0o755 });
  }
  return entries;
}

/** Parent directories for a list of entries (cpio needs them before the files). */
function withDirs(entries) {
  const dirs = new Set();
  for (const e of entries) {
    const parts = e.path.replace(/^\/+/, '').split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const have = new Set(entries.filter((e) => 'dir' in e).map((e) => e.path.replace(/^\/+/, '')));
  const seen = new Set();
  const uniq = entries.filter((e) => {
    const p = e.path.replace(/^\/+/, '');
    if (seen.has(p)) return false;
    seen.add(p);
    return true;
  });
  return [
    ...[...dirs]
      .filter((d) => !have.has(d))
      .sort()
      .map((d) => ({ path: d, dir: true })),
    ...uniq,
  ];
}

const INIT = `#!/bin/sh
# ipmits QEMU guest: mount, load the IPMI driver, run /run.sh, send /out over ttyS1, power off.
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=1777 tmp /tmp
mount -t tmpfs -o mode=0755 out /out
for m in $(cat /etc/modules.order); do insmod /lib/modules/$m || echo "guest: insmod $m failed"; done
i=0
while [ ! -e /dev/ipmi0 ] && [ $i -lt 50 ]; do
  if [ -e /sys/class/ipmi/ipmi0/dev ]; then mknod /dev/ipmi0 c $(tr : ' ' < /sys/class/ipmi/ipmi0/dev); break; fi
  sleep 0.1; i=$((i+1))
done
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root TZ=UTC LC_ALL=C
cd /
echo @@GUEST-BEGIN@@
sh /run.sh
echo "@@GUEST-EXIT=$?@@"
{
  for f in /out/*; do
    [ -f "$f" ] || continue
    echo "@@FILE ${'$'}{f#/out/}"
    base64 "$f"
    echo "@@END"
  done
  echo "@@DONE"
} > /dev/ttyS1
sync
poweroff -f
`;

/** The base initramfs (cached): busybox, the IPMI modules, ipmitool and its libraries. */
export function ensureBaseImage(kernel, log) {
  const busybox = which('busybox');
  const ipmitool = which('ipmitool');
  const iana = ['/usr/share/misc/enterprise-numbers.txt', '/usr/share/misc/enterprise-numbers'].find((p) => existsSync(p));
  const key = createHash('sha256')
    .update(JSON.stringify({ IMAGE_REVISION, kernel, INIT, busybox: statSync(busybox).mtimeMs, ipmitool: statSync(ipmitool).mtimeMs, iana }))
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir(), `base-${key}.cpio`);
  if (existsSync(file)) return file;
  say(log, `building the base image ${file}`);
  const entries = [
    ...['bin', 'sbin', 'usr/bin', 'usr/sbin', 'usr/local/bin', 'etc', 'proc', 'sys', 'dev', 'run', 'out', 'root', 'opt'].map((d) => ({ path: d, dir: true })),
    { path: 'tmp', dir: true, mode: 0o1777 },
    { path: 'dev/console', chr: [5, 1] },
    ...withLibraries(busybox, '/bin/busybox'),
    ...run(busybox, ['--list-full'])
      .split('\n')
      .filter((p) => p && p !== 'bin/busybox')
      .map((p) => ({ path: p, symlink: '/bin/busybox' })),
    { path: 'init', data: INIT, mode: 0o755 },
    { path: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000:tester:/tmp:/bin/sh\n' },
    { path: 'etc/group', data: 'root:x:0:\ntester:x:1000:\n' },
    { path: 'etc/modules.order', data: kernel.modules.join('\n') + '\n' },
    ...kernel.modules.map((m) => ({ path: `lib/modules/${m}`, src: join(kernel.dir, m), mode: 0o644 })),
    ...withLibraries(ipmitool, '/usr/bin/ipmitool'),
    ...(iana ? [{ path: iana, src: iana, mode: 0o644 }] : []),
  ];
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeCpio(fd, withDirs(entries));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return file;
}

/** Production dependencies of the package, recursively (node_modules/<name> directories). */
function productionModules(dir = ROOT, seen = new Set()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (name === 'node-addon-api' || seen.has(name)) continue; // build-time only
    const p = join(ROOT, 'node_modules', name);
    if (!existsSync(p)) continue;
    seen.add(name);
    productionModules(p, seen);
  }
  return seen;
}

function treeEntries(src, at) {
  const out = [];
  for (const ent of readdirSync(src, { withFileTypes: true })) {
    const s = join(src, ent.name);
    const a = `${at}/${ent.name}`;
    if (ent.isDirectory()) out.push({ path: a, dir: true }, ...treeEntries(s, a));
    else if (ent.isFile()) out.push({ path: a, src: s });
    else if (ent.isSymbolicLink()) out.push({ path: a, src: realpathSync(s) });
  }
  return out;
}

/**
 * ipmits inside the guest: the single executable `bin` as /usr/bin/ipmits, and/or (`lib`)
 * node + lib/ + the production node_modules + the addon from native/build as
 * /usr/bin/ipmits-lib (also /usr/bin/ipmits when there is no `bin`).
 */
export function ipmitsEntries({ bin, lib }) {
  const entries = [];
  const addon = join(ROOT, 'native', 'build', 'Release', 'ipmi_dev.node');
  if (bin) {
    entries.push(...withLibraries(bin, '/opt/ipmits/ipmits'), { path: 'usr/bin/ipmits', symlink: '/opt/ipmits/ipmits' });
    // The addon embedded in the executable is dlopen'ed at run time: its libraries (libstdc++) too.
    if (existsSync(addon)) entries.push(...withLibraries(addon, '/opt/ipmits/ipmi_dev.node').slice(1));
  }
  if (!lib && bin) return entries;
  if (!existsSync(join(ROOT, 'lib', 'cli', 'index.js'))) throw new Error('lib/ is not built (npx tsc -p tsconfig.build.json)');
  entries.push(
    ...withLibraries(process.execPath, '/usr/bin/node'),
    { path: 'opt/ipmits-lib/package.json', src: join(ROOT, 'package.json') },
    { path: 'opt/ipmits-lib/bin/ipmits', src: join(ROOT, 'bin', 'ipmits'), mode: 0o755 },
    ...treeEntries(join(ROOT, 'lib'), 'opt/ipmits-lib/lib'),
    ...[...productionModules()].flatMap((m) => treeEntries(join(ROOT, 'node_modules', m), `opt/ipmits-lib/node_modules/${m}`)),
    ...(existsSync(addon) ? [{ path: 'opt/ipmits-lib/native/build/Release/ipmi_dev.node', src: addon, mode: 0o755 }] : []),
    { path: 'usr/bin/ipmits-lib', symlink: '/opt/ipmits-lib/bin/ipmits' },
  );
  if (!bin) entries.push({ path: 'usr/bin/ipmits', symlink: '/opt/ipmits-lib/bin/ipmits' });
  return entries;
}

/**
 * The single executable to test: IPMITS_BIN (npm test builds dist/ipmits first), else one
 * built now with scripts/build.mjs into the cache (its own work directory, the addon embedded).
 */
export function singleExecutable(log) {
  if (process.env.IPMITS_BIN) return process.env.IPMITS_BIN;
  const dir = join(cacheDir(), 'sea');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'ipmits');
  say(log, `building the single executable ${out}`);
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', out, '--work', join(dir, 'work')], { cwd: ROOT });
  return out;
}

/** POSIX shell single quoting. */
export const shq = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`);

/**
 * @typedef {{ id: string, argv?: string[], sh?: string, user?: string, repeat?: number }} GuestCommand
 *   argv: run as is; sh: a shell snippet; user: run through `su` as that user (tester is
 *   the unprivileged one); repeat: run that many times (for timings; the last run's output is kept).
 * @typedef {{ stdout: string, stderr: string, code: number, ms: number }} GuestResult
 */

const commandLines = (commands) =>
  commands.map((c) => {
    if (!/^[\w.-]+$/.test(c.id)) throw new Error(`bad command id ${c.id}`);
    const body = c.sh ?? c.argv.map(shq).join(' ');
    const cmd = c.user ? `su -s /bin/sh ${shq(c.user)} -c ${shq(body)}` : c.sh ? `sh -c ${shq(body)}` : body;
    return `r ${c.id} ${c.repeat ?? 1} ${cmd}`;
  });

/**
 * The guest's /run.sh for a batch of commands. `secondBoot` (with `reboot` in runGuest): when
 * its `when` shell condition holds (the guest was reset, e.g. by the BMC watchdog), its
 * commands run instead. `flush_out` (exported to the commands) sends /out over ttyS1 at once,
 * for a command after which the guest may not get to finish.
 */
export function runScript(commands, secondBoot) {
  const lines = [
    'up() { awk \'{ printf "%d", $1 * 1000 }\' /proc/uptime; }',
    'r() { id=$1; n=$2; shift 2; t0=$(up); i=0; while [ $i -lt $n ]; do "$@" >/out/$id.out 2>/out/$id.err; rc=$?; i=$((i+1)); done; t1=$(up); echo $rc >/out/$id.rc; echo $(( (t1 - t0) / n )) >/out/$id.ms; }',
    'printf \'%s\\n\' \'#!/bin/sh\' \'for f in /out/*; do [ -f "$f" ] || continue; echo "@@FILE ${f#/out/}"; base64 "$f"; echo @@END; done > /dev/ttyS1\' > /usr/bin/flush_out',
    'chmod +x /usr/bin/flush_out',
  ];
  if (secondBoot) lines.push(`if ${secondBoot.when}; then`, ...commandLines(secondBoot.commands), 'exit 0', 'fi');
  lines.push(...commandLines(commands));
  return lines.join('\n') + '\n';
}

/** The QEMU arguments that put a BMC behind an emulated KCS interface at 0xca2. */
function bmcArgs(bmc) {
  if (bmc === 'qemu') return ['-device', 'ipmi-bmc-sim,id=bmc0', '-device', 'isa-ipmi-kcs,bmc=bmc0'];
  if (bmc?.extern) {
    const { host, port } = bmc.extern;
    return [
      '-chardev',
      `socket,id=ipmi0,host=${host},port=${port},reconnect=1`,
      '-device',
      'ipmi-bmc-extern,id=bmc0,chardev=ipmi0',
      '-device',
      'isa-ipmi-kcs,bmc=bmc0',
    ];
  }
  throw new Error(`unknown BMC ${JSON.stringify(bmc)}`);
}

export function parseResults(text) {
  const files = new Map();
  let name;
  let chunks = [];
  let done = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('@@FILE ')) {
      name = line.slice(7);
      chunks = [];
    } else if (line === '@@END' && name !== undefined) {
      files.set(name, Buffer.from(chunks.join(''), 'base64').toString('utf8'));
      name = undefined;
    } else if (line === '@@DONE') done = true;
    else if (name !== undefined) chunks.push(line);
  }
  return { files, done };
}

/**
 * Boot the guest once, run `commands`, power off. Resolves with each command's
 * result by id, the console text and timings; rejects when the guest does not
 * finish (with the console in the message).
 * @param {{ commands: GuestCommand[], bmc?: 'qemu' | { extern: { host: string, port: number } },
 *   bin?: string, lib?: boolean, timeoutMs?: number, log?: (s: string) => void, extraFiles?: import('./cpio.mjs').CpioEntry[],
 *   reboot?: boolean, secondBoot?: { when: string, commands: GuestCommand[] } }} o
 * @returns {Promise<{ results: Record<string, GuestResult>, console: string, bootMs: number, buildMs: number }>}
 */
export async function runGuest(o) {
  const t0 = Date.now();
  ensureHostTools(o.log);
  const kernel = ensureKernel(o.log);
  const base = ensureBaseImage(kernel, o.log);
  const work = mkdtempSync(join(tmpdir(), 'ipmits-qemu-'));
  try {
    const initrd = join(work, 'initrd.cpio');
    copyFileSync(base, initrd);
    const fd = openSync(initrd, 'a');
    try {
      writeCpio(
        fd,
        withDirs([
          ...ipmitsEntries({ bin: o.bin, lib: o.lib }),
          ...(o.extraFiles ?? []),
          { path: 'run.sh', data: runScript(o.commands, o.secondBoot), mode: 0o755 },
        ]),
      );
    } finally {
      closeSync(fd);
    }
    const buildMs = Date.now() - t0;
    const resultsFile = join(work, 'ttyS1.txt');
    const args = [
      '-nodefaults',
      '-no-user-config',
      '-display',
      'none',
      ...(o.reboot ? [] : ['-no-reboot']),
      '-machine',
      'pc,accel=tcg',
      '-cpu',
      'max',
      '-m',
      '1024',
      '-kernel',
      join(kernel.dir, 'vmlinux'),
      '-initrd',
      initrd,
      '-append',
      'console=ttyS0 quiet loglevel=3 panic=-1',
      '-serial',
      'stdio',
      '-serial',
      `file:${resultsFile}`,
      '-monitor',
      'none',
      ...bmcArgs(o.bmc ?? 'qemu'),
    ];
    const booted = Date.now();
    const consoleText = await new Promise((resolveRun, rejectRun) => {
      const child = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        rejectRun(new Error(`the QEMU guest did not finish within ${o.timeoutMs ?? 240000} ms; console:\n${out.slice(-3000)}`));
      }, o.timeoutMs ?? 240_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        rejectRun(e);
      });
      child.on('close', () => {
        clearTimeout(timer);
        resolveRun(out.replace(/\r/g, ''));
      });
    });
    const bootMs = Date.now() - booted;
    const { files, done } = parseResults(existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '');
    if (!done) throw new Error(`the QEMU guest sent no results; console:\n${consoleText.slice(-3000)}`);
    const results = {};
    for (const c of [...o.commands, ...(o.secondBoot?.commands ?? [])]) {
      const rc = files.get(`${c.id}.rc`);
      if (rc === undefined) throw new Error(`the guest did not run ${c.id}; console:\n${consoleText.slice(-3000)}`);
      results[c.id] = {
        stdout: files.get(`${c.id}.out`) ?? '',
        stderr: files.get(`${c.id}.err`) ?? '',
        code: Number(rc.trim()),
        ms: Number((files.get(`${c.id}.ms`) ?? 'NaN').trim()),
      };
    }
    const slow = Object.entries(results)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 5)
      .map(([k, v]) => `${k} ${v.ms} ms`);
    say(o.log, `image ${buildMs} ms, boot-run-poweroff ${bootMs} ms, ${o.commands.length} commands (slowest: ${slow.join(', ')})`);
    return { results, console: consoleText, bootMs, buildMs };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// `node test/qemu/guest.mjs prepare`: install the host tools, fetch the kernel and build the
// base image now (scripts/setup-debian.sh test runs it), so the tests find them cached.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (s) => process.stderr.write(`${s}\n`);
  if (process.argv[2] !== 'prepare') {
    log('usage: node test/qemu/guest.mjs prepare');
    process.exitCode = 64;
  } else {
    try {
      ensureHostTools(log);
      const kernel = ensureKernel(log);
      log(`[qemu] kernel ${kernel.pkg} (${kernel.kver}), base image ${ensureBaseImage(kernel, log)}`);
    } catch (e) {
      log(`[qemu] ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }
}
