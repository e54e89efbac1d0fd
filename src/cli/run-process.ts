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
function watchStdout(): () => Promise<string | undefined> {
  // Node hands the error to the last write's callback; Bun only to the failed write's own callback and
  // the stream's 'error' event (one turn of the event loop after an empty write's callback), so the
  // event is watched from the start.
  let failure: NodeJS.ErrnoException | undefined;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    failure ??= err;
  });
  return () =>
    new Promise((resolve) => {
      process.stdout.write('', (err) => {
        if (err) failure ??= err as NodeJS.ErrnoException;
        setImmediate(() => {
          const code = failure?.code;
          resolve(failure && code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED' ? `ipmits: write error: ${strerror(failure)}` : undefined);
        });
      });
    });
}

/** Runs the CLI on the user's arguments; sets process.exitCode. */
export function runProcess(argv: readonly string[]): void {
  const onCleanup = endOnSignals();
  const stdoutFailure = watchStdout();
  const deps = {
    env: process.env,
    clock: systemClock,
    random: systemRandom,
    connect: async (t: UdpTarget) => (await import('../transport/udp.js')).connectUdp(t),
    prompt: async (text: string) => (await import('./prompt.js')).promptSecret(text),
    // --timeout counts from the process start (what a user or a supervisor measures), not from main().
    startedAt: performance.timeOrigin,
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
