/**
 * Process entry. First of all, the secrets of the command line (-P, -k, -y) are masked in the
 * process list: this module imports nothing else, so that runs before any other code is loaded
 * (docs/benchmarks.md, "Secrets in the process list", has the exposure window). The rest of the
 * CLI is loaded after, and lazily (-V, help and usage errors load no crypto, transport or tables).
 */
import { hideSecretsFromProcessList } from './process-title.js';

const argv = process.argv.slice(2);
hideSecretsFromProcessList(argv);

import('./run-process.js').then(
  (m) => m.runProcess(argv),
  (err: unknown) => {
    process.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 70;
  },
);
