/**
 * docs/library.md's example is real code: its ```ts block, with `'ipmits'` pointing at
 * src/index.ts, type-checks under the project's compiler options and, run against the in-process
 * RMCP+ test BMC (test/responder, 127.0.0.1, a free port), prints the BMC's IDs and power state.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startResponder, type Responder } from '../responder/responder.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function example(): string {
  const doc = readFileSync(path.join(ROOT, 'docs/library.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/library.md has no ```ts block');
  return block.replaceAll("from 'ipmits'", `from '${path.join(ROOT, 'src/index.js')}'`);
}

describe('docs/library.md example', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-library-'));
  const file = path.join(dir, 'example.mts');
  let bmc: Responder;

  beforeAll(async () => {
    writeFileSync(file, example());
    bmc = await startResponder({ suites: [3, 17] });
  });
  afterAll(async () => {
    await bmc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks against src/index.ts with the project compiler options', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const { rootDir: _r, outDir: _o, ...rest } = options;
    const program = ts.createProgram([file], { ...rest, noEmit: true, typeRoots: [path.join(ROOT, 'node_modules/@types')] });
    const source = program.getSourceFile(file)!;
    // The example's own diagnostics (src/ is checked by `npm run typecheck`; checking it again here would be slow).
    const problems = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `${d.file ? path.relative(ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('runs against the test BMC: device ID and power state, then Close Session', async () => {
    vi.stubEnv('IPMI_HOST', bmc.host);
    vi.stubEnv('IPMI_PORT', String(bmc.port));
    vi.stubEnv('IPMI_USER', 'admin');
    vi.stubEnv('IPMI_PASSWORD', 'password');
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
    }
    // test/responder/commands.ts: manufacturer 32473 (IANA's documentation number), product 1234h, power on.
    expect(lines).toEqual([`${bmc.host}: manufacturer 32473, product 4660, power ${bmc.powerOn() ? 'on' : 'off'}`]);
    expect(bmc.stats().sessionsOpen).toBe(0);
    expect(bmc.stats().closed).toBe(1);
  }, 30_000);
});
