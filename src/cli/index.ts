/**
 * Process entry: real streams and sockets, signal handling, exit status.
 * SIGINT, SIGTERM, SIGHUP and a broken pipe run the registered cleanups (Context.close:
 * its beforeClose hooks, e.g. SOL Deactivate Payload and the terminal, then Close Session)
 * before exiting.
 */
import { systemClock, systemRandom } from '../transport/io.js';
import { connectUdp } from '../transport/udp.js';
import { main } from './main.js';
import { promptSecret } from './prompt.js';
import { signalExitCode } from './exit-codes.js';
import { maskPasswordInProcessTitle } from './process-title.js';

const cleanups: Array<() => Promise<void>> = [];
let ending = false;

async function endOnSignal(signal: string): Promise<void> {
  if (ending) return;
  ending = true;
  // A second signal while cleaning up ends at once.
  const hardStop = setTimeout(() => process.exit(signalExitCode[signal] ?? 1), 3000);
  hardStop.unref();
  await Promise.allSettled(cleanups.map((c) => c()));
  process.exit(signalExitCode[signal] ?? 1);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void endOnSignal(sig));
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') void endOnSignal('SIGPIPE');
});

const argv = process.argv.slice(2);
maskPasswordInProcessTitle(argv);

main(
  argv,
  { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
  { env: process.env, clock: systemClock, random: systemRandom, connect: connectUdp, prompt: promptSecret },
  { onCleanup: (c) => void cleanups.push(c) },
).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 70;
  },
);
