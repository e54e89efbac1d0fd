/**
 * Process entry. First of all, the secrets of the command line (-P, -k, -y) are masked in the
 * process list: this module imports nothing else, and the files that takes (node:fs under Node, the
 * C library under Bun) are loaded only when there is a secret, before any other code is loaded
 * (docs/benchmarks.md, "Secrets in the process list", has the exposure window). The rest of the
 * CLI is loaded after, and lazily (-V, help and usage errors load no crypto, transport or tables).
 */
import { hasSecrets, hideSecretsFromProcessList, type ProcFiles } from './process-title.js';

const argv = process.argv.slice(2);

// The Bun executable starts with JavaScriptCore's JIT held back (scripts/build.mjs, --compile-jit-policy):
// a single command is run-once code, which the JIT would compile for nothing. A run that lasts (sol,
// shell, exec, the exporter, a fleet) gets the normal JIT back after JIT_AFTER_MS.
const JIT_AFTER_MS = 250;
const bun = (globalThis as { Bun?: { unsafe?: { setJITPolicy?(scale: number): void } } }).Bun;
if (bun?.unsafe?.setJITPolicy) setTimeout(() => bun.unsafe?.setJITPolicy?.(1), JIT_AFTER_MS).unref();

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
  .then(async (files) => (await import('./run-process.js')).runProcess(argv, files?.openAt))
  .catch((err: unknown) => {
    process.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 70;
  });
