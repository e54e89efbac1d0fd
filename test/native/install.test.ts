/**
 * native/install.mjs (npm's install step) never fails the install: when the -I open addon
 * cannot be built it warns and exits 0, and only -I open then reports, in one line, that the
 * local driver interface is unavailable. Run on a copy of native/ so the tree's build stays.
 * The same for a single executable built without the addon (the one with it is tested on a
 * real /dev/ipmi0 in test/qemu).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { ROOT, runIpmits } from '../support/run.js';

const pkg = mkdtempSync(path.join(tmpdir(), 'ipmits-install-'));
cpSync(path.join(ROOT, 'native', 'binding.gyp'), path.join(pkg, 'native', 'binding.gyp'));
cpSync(path.join(ROOT, 'native', 'install.mjs'), path.join(pkg, 'native', 'install.mjs'));
cpSync(path.join(ROOT, 'native', 'src'), path.join(pkg, 'native', 'src'), { recursive: true });
symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'));
const addon = path.join(pkg, 'native', 'build', 'Release', 'ipmi_dev.node');

afterAll(() => rmSync(pkg, { recursive: true, force: true }));

function install(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(pkg, 'native', 'install.mjs')], {
    cwd: pkg,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('scripts/build.mjs without the addon', () => {
  it('builds; -I open then says how to get it, in one line (exit 3)', () => {
    const out = path.join(pkg, 'sea', 'ipmits');
    const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--out', out, '--work', path.join(pkg, 'sea', 'work'), '--no-code-cache'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, IPMITS_SEA_ADDON: path.join(pkg, 'no-such-addon.node') },
    });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr).toContain('building without it');
    const r = spawnSync(out, ['mc', 'info'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'The local driver interface (-I open) is unavailable: this executable was built without the native addon (build it with a C++ compiler: npm run build:addon, then npm run build)\n',
    );
    expect(r.status).toBe(ExitCode.Connection);
  }, 120_000);
});

describe('native/install.mjs', () => {
  it('a compiler that fails: one warning (with the build error), exit 0, no addon', () => {
    const r = install({ CXX: '/bin/false', CC: '/bin/false' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('ipmits: WARNING: the -I open addon could not be built; -I open will be unavailable (lan and lanplus work).\n');
    expect(existsSync(addon)).toBe(false);
  });

  it('IPMITS_SKIP_ADDON: nothing built, exit 0', () => {
    const r = install({ IPMITS_SKIP_ADDON: '1' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('ipmits: IPMITS_SKIP_ADDON is set: not building the -I open addon\n');
  });

  it('without the addon, -I open says so in one line (exit 3); nothing else needs it', async () => {
    const r = await runIpmits(['mc', 'info'], { env: { IPMITS_ADDON: addon } });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^The local driver interface \\(-I open\\) is unavailable: cannot load IPMITS_ADDON=${addon.replace(/[.]/g, '\\.')}: Cannot find module [^\\n]*\\n$`,
      ),
    );
    expect(r.code).toBe(ExitCode.Connection);
    // Loaded lazily: nothing but -I open touches it.
    const version = await runIpmits(['-V'], { env: { IPMITS_ADDON: addon } });
    expect(version).toMatchObject({ code: 0, stderr: '' });
  });
});
