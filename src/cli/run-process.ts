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
import { ExitCode, signalExitCode } from './exit-codes.js';
import { strerror } from '../strerror.js';

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

/**
 * Output that could not be written (a full disk, `> /dev/full`): one line and exit 6, not a silent
 * 0. Waits for what is still queued; a reader gone away (EPIPE) keeps its own path (SIGPIPE above).
 */
function stdoutFailure(): Promise<string | undefined> {
  return new Promise((resolve) => {
    process.stdout.write('', (err) => {
      const code = (err as NodeJS.ErrnoException | null | undefined)?.code;
      resolve(err && code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED' ? `ipmits: write error: ${strerror(err)}` : undefined);
    });
  });
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
    async (code) => {
      const failure = await stdoutFailure();
      if (failure !== undefined) process.stderr.write(`${failure}\n`);
      process.exitCode = failure !== undefined && code === ExitCode.Ok ? ExitCode.Local : code;
    },
    (err: unknown) => {
      process.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
