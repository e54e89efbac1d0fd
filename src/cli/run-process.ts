/**
 * The process around main() (loaded by index.ts once the secrets are masked): real streams and
 * sockets, signal handling, exit status. The UDP socket and the prompt are loaded on first use.
 * SIGINT, SIGTERM, SIGHUP and a broken pipe run the registered cleanups (Context.close:
 * its beforeClose hooks, e.g. SOL Deactivate Payload and the terminal, then Close Session)
 * before exiting.
 */
import { systemClock, systemRandom } from '../io.js';
import type { UdpTarget } from '../transport/udp.js';
import { main } from './main.js';
import { signalExitCode } from './exit-codes.js';

/**
 * SIGINT, SIGTERM, SIGHUP and EPIPE on stdout run the registered cleanups, then exit with the
 * signal's status. Further signals while cleaning up change nothing; cleanups still running after
 * 3 s are cut short. Returns how main() registers a cleanup.
 */
function endOnSignals(): (cleanup: () => Promise<void>) => void {
  const cleanups: Array<() => Promise<void>> = [];
  let ending = false;
  const end = async (signal: string): Promise<void> => {
    if (ending) return;
    ending = true;
    const hardStop = setTimeout(() => process.exit(signalExitCode[signal] ?? 1), 3000);
    hardStop.unref();
    await Promise.allSettled(cleanups.map((c) => c()));
    process.exit(signalExitCode[signal] ?? 1);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void end(sig));
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') void end('SIGPIPE');
  });
  return (cleanup) => void cleanups.push(cleanup);
}

/** Runs the CLI on the user's arguments; sets process.exitCode. */
export function runProcess(argv: readonly string[]): void {
  const onCleanup = endOnSignals();
  const deps = {
    env: process.env,
    clock: systemClock,
    random: systemRandom,
    connect: async (t: UdpTarget) => (await import('../transport/udp.js')).connectUdp(t),
    prompt: async (text: string) => (await import('./prompt.js')).promptSecret(text),
  };
  main(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, deps, { onCleanup }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
