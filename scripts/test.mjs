// npm test: first the fast checks (about a minute: type-check, lint and format check, dead
// code, unit tests), then the integration tests on the compiled CLI, then the single
// executable built and run through the differential suite as well, then -I open in a QEMU
// guest (test/qemu: a real kernel driver; it installs QEMU and fetches Debian's kernel
// itself, and takes a few minutes). `npm run test:fast` stops after the fast checks.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const biome = path.join(root, 'node_modules/@biomejs/biome/bin/biome');
const knip = path.join(root, 'node_modules/knip/bin/knip.js');

function step(title, args, env = {}) {
  process.stderr.write(`\n== ${title}\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`\n== FAILED: ${title}\n`);
    process.exit(r.status ?? 1);
  }
}

const fast = process.argv.includes('--fast');
const extra = process.argv.slice(2).filter((a) => a !== '--fast');
step('fast: type-check (src, tests, scripts)', [tsc, '-p', 'tsconfig.json', '--noEmit']);
step('fast: lint and format check (biome)', [biome, 'check', '--error-on-warnings', '.']);
step('fast: unused files, exports and dependencies (knip)', [knip]);
step('fast: unit tests', [vitest, 'run', '--project', 'unit', ...extra]);
if (fast) process.exit(0);
step('integration tests', [vitest, 'run', '--project', 'integration', ...extra]);
step('single executable: build', ['scripts/build.mjs']);
// The behaviour lane too: signals, SOL and prompts on a pty, shell on a terminal, secrets in the process list.
step('single executable: differential and behaviour suites on dist/ipmits', [vitest, 'run', '--project', 'integration', 'test/diff', 'test/behaviour'], {
  IPMITS_BIN: path.join(root, 'dist/ipmits'),
});
step('-I open in a QEMU guest: dist/ipmits and node + lib/ beside ipmitool on /dev/ipmi0', [vitest, 'run', '--project', 'qemu'], {
  IPMITS_BIN: path.join(root, 'dist/ipmits'),
});
