/**
 * Process entry. First of all, the secrets of the command line (-P, -k, -y) are masked in the
 * process list: this module imports nothing else but the JIT's switch (src/cli/jit.ts, which
 * imports nothing), and the files that takes (node:fs under Node, the C library under Bun) are
 * loaded only when there is a secret, before any other code is loaded (docs/benchmarks.md,
 * "Secrets in the process list", has the exposure window). The rest of the CLI is loaded after,
 * and lazily (-V, help and usage errors load no crypto, transport or tables).
 */
import { JIT_AFTER_MS, normalJit } from './jit.js';
import { hasSecrets, hideSecretsFromProcessList, type ProcFiles } from './process-title.js';

const argv = process.argv.slice(2);

// The JIT, held back at start, comes back once a run lasts (src/cli/jit.ts).
setTimeout(normalJit, JIT_AFTER_MS).unref();
const bun = (globalThis as { Bun?: unknown }).Bun;

/** The runtime's files for the masking: the C library under Bun (node:fs there if it cannot be opened). */
async function procFiles(): Promise<ProcFiles> {
  if (bun) {
    try {
      return (await import('./process-title-bun.js')).bunProcFiles();
    } catch {
      // not glibc: node:fs below
    }
  }
  return (await import('./process-title-node.js')).nodeProcFiles;
}

// The files of the masking go on to the run: under Bun their C library also reads mc info's registry.
const masked: Promise<ProcFiles | undefined> = hasSecrets(argv)
  ? procFiles().then((files) => {
      hideSecretsFromProcessList(argv, files);
      return files;
    })
  : Promise.resolve(undefined);

masked
  .then(async (files) => (await import('./run-process.js')).runProcess(argv, files?.c))
  .catch((err: unknown) => {
    process.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 70;
  });
