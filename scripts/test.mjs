// npm test: type-check, unit and integration tests on the compiled CLI, then the
// single executable built and run through the differential suite as well, then -I open
// in a QEMU guest (test/qemu: a real kernel driver; it installs QEMU and fetches
// Debian's kernel itself, and takes a few minutes).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

function step(title, args, env = {}) {
  process.stderr.write(`\n== ${title}\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`\n== FAILED: ${title}\n`);
    process.exit(r.status ?? 1);
  }
}

const extra = process.argv.slice(2);
step('type-check (src, tests, scripts)', [tsc, '-p', 'tsconfig.json', '--noEmit']);
step('unit and integration tests', [vitest, 'run', '--project', 'unit', '--project', 'integration', ...extra]);
step('single executable: build', ['scripts/build.mjs']);
step('single executable: differential suite on dist/ipmits', [vitest, 'run', '--project', 'integration', 'test/diff'], {
  IPMITS_BIN: path.join(root, 'dist/ipmits'),
});
step('-I open in a QEMU guest: dist/ipmits and node + lib/ beside ipmitool on /dev/ipmi0', [vitest, 'run', '--project', 'qemu'], {
  IPMITS_BIN: path.join(root, 'dist/ipmits'),
});
