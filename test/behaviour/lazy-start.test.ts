/**
 * Lazy start-up (issue 12): the modules a process loads, listed by a resolve hook
 * (test/support/module-log.mjs) around `node bin/ipmits` on the compiled lib/. -V, help and a usage
 * error load no crypto, no transport, no session and no tables; `power status` loads its own
 * command and the lanplus session, nothing of the other families.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Runs node bin/ipmits with the resolve hook; the modules it loaded, relative to the repo (node:x for built-ins). */
async function modulesLoaded(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const log = path.join(dir, `modules-${n++}.txt`);
  const r = await run([process.execPath, '--import', path.join(ROOT, 'test/support/module-log.mjs'), path.join(ROOT, 'bin/ipmits'), ...args], {
    env: { IPMITS_MODULE_LOG: log },
  });
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const modules = [...new Set(urls.map((u) => (u.startsWith('file://') ? path.relative(ROOT, new URL(u).pathname) : u)))].sort();
  return { code: r.code, modules };
}

/**
 * Crypto, sockets, sessions, transports and tables: none of it is needed to print a version or a usage.
 * One table is: the privilege level names, which parsing -L needs (src/spec/privilege.ts, a few lines).
 */
const SESSION_WORK = [
  /^node:(crypto|dgram|dns|net|tty|readline)/,
  /^lib\/(transport|session|primitives|protocol\/(crypto|rmcp)|sdr|sel|fru|sol|native|ipmi)\//,
  /^lib\/spec\/(?!privilege\.js)/,
  /^lib\/runtime\/(context|connect|credentials)/,
];

describe('modules loaded at start-up', () => {
  it.each([
    ['-V', ['-V'], 0],
    ['help', ['help'], 0],
    ['a usage error (unknown option)', ['-Z'], 2],
    ['an unknown command', ['nosuchcommand'], 2],
  ])('%s: no crypto, transport, session or tables', async (_, args, code) => {
    const r = await modulesLoaded(args);
    expect(r.code).toBe(code);
    expect(r.modules).toContain('lib/cli/main.js'); // the hook saw the CLI load
    expect(r.modules.filter((m) => SESSION_WORK.some((re) => re.test(m)))).toEqual([]);
    expect(r.modules.filter((m) => /chalk|cli-table3/.test(m))).toEqual([]);
    // Nor what costs a Bun process most to load (docs/benchmarks.md, "Fast start"): node:util, the stream classes.
    expect(r.modules.filter((m) => /^node:(util|stream|child_process|cluster)/.test(m))).toEqual([]);
  });

  it('power status: the lanplus session and the chassis command, nothing of the other families', async () => {
    const sim = simulator();
    const r = await modulesLoaded(['-I', 'lanplus', '-C', '3', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', 'power', 'status']);
    expect(r.code).toBe(0);
    for (const m of [
      'lib/transport/lanplus.js',
      'lib/transport/udp.js',
      'lib/session/lanplus-session.js',
      'lib/commands/power/index.js',
      'node:crypto',
      'node:dgram',
    ]) {
      expect(r.modules).toContain(m);
    }
    const unneeded = r.modules.filter(
      (m) =>
        /^lib\/(sdr|sel|fru|sol|fleet|exporter|native|watchdog)\//.test(m) ||
        /^lib\/commands\/(?!power\/|chassis\/|shared\/|invoke\.js|words\.js)/.test(m) ||
        /^lib\/spec\/(?!chassis\.js|privilege\.js)/.test(m) ||
        /^lib\/transport\/(lan|open)\.js$/.test(m) ||
        /chalk|cli-table3|enterprise-numbers|iana/.test(m),
    );
    expect(unneeded).toEqual([]);
  });

  /**
   * The Bun executable loads no node:fs for these (~4 ms of CPU there): of the modules a Node run
   * loads, only the Node side of the I/O seams imports it (run-process.ts and index.ts load the Bun
   * side instead). A static import anywhere else would load it in the executable too.
   */
  it.each([
    ['-V', ['-V']],
    ['help', ['help']],
    ['power status', ['power', 'status']],
    ['chassis status', ['chassis', 'status']],
  ])('%s: no static import of node:fs but in the Node I/O seams', async (_, command) => {
    const sim = simulator();
    const lan = ['-I', 'lanplus', '-C', '3', '-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass'];
    const r = await modulesLoaded(command[0] === 'power' || command[0] === 'chassis' ? [...lan, ...command] : command);
    expect(r.code).toBe(0);
    const NODE_SEAMS = ['lib/cli/fd-writer-node.js', 'lib/cli/process-title-node.js'];
    const importers = r.modules.filter(
      (m) => m.startsWith('lib/') && !NODE_SEAMS.includes(m) && /^import [^;]*from '(node:)?fs(\/promises)?';/m.test(readFileSync(path.join(ROOT, m), 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});
