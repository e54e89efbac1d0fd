/**
 * The process around main() (loaded by index.ts once the secrets are masked): real streams and
 * sockets, signal handling, exit status. The UDP socket and the prompt are loaded on first use.
 * SIGINT, SIGTERM, SIGHUP and a broken pipe run the registered cleanups (Context.close:
 * its beforeClose hooks, e.g. SOL Deactivate Payload and the terminal, then Close Session)
 * before exiting.
 */
import { systemClock, systemRandom } from '../io.js';
import type { UdpTarget } from '../transport/udp.js';
import type { CryptoPrimitives } from '../primitives/primitives.js';
import { main } from './main.js';
import { normalJit } from './jit.js';
import { ExitCode, signalExitCode } from './exit-codes.js';
import { strerror } from '../strerror.js';
import type { Io } from '../runtime/context.js';
import { fdOutput, type FdWriter } from './stdio.js';
import { bunFdWriter, bunFiles } from './fd-writer-bun.js';
import { bunFileSlices, bunOpenFile } from '../runtime/open-file-bun.js';
import type { CFiles } from '../runtime/c-files.js';
import type { CacheIo } from '../runtime/cache-files.js';

/**
 * SIGINT, SIGTERM, SIGHUP and EPIPE on stdout run the registered cleanups, then exit with the
 * signal's status. Further signals while cleaning up change nothing; cleanups still running after
 * 3 s are cut short. Returns how main() registers a cleanup, and `end` for a broken pipe.
 */
function endOnSignals(): { onCleanup: (cleanup: () => Promise<void>) => void; end: (signal: string) => Promise<void> } {
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
  return { onCleanup: (cleanup) => void cleanups.push(cleanup), end };
}

/**
 * How stdout and stderr are written: in the Bun executable Bun's FileSink on a regular file or a
 * terminal, Bun.write on anything else (src/cli/fd-writer-bun.ts); under Node node:fs.
 */
async function fdWriters(): Promise<(fd: number) => FdWriter> {
  const files = bunFiles();
  return files ? (fd) => bunFdWriter(files, fd) : (await import('./fd-writer-node.js')).nodeFdWriter;
}

/**
 * The process's stdio for main(): stdout and stderr on their descriptors (src/cli/stdio.ts), stdin
 * created on first use. Output that could not be written (a full disk, `> /dev/full`) gives one
 * line and exit 6, not a silent 0 (`failure`); a reader gone away (EPIPE) ends as SIGPIPE.
 */
async function processIo(end: (signal: string) => Promise<void>): Promise<{ io: Io; failure: () => Promise<string | undefined> }> {
  const fdWriter = await fdWriters();
  const stdout = fdOutput(
    fdWriter(1),
    () => process.stdout,
    (err) => {
      if (err.code === 'EPIPE') void end('SIGPIPE');
    },
  );
  const stderr = fdOutput(
    fdWriter(2),
    () => process.stderr,
    () => undefined,
  );
  const io: Io = {
    // The process stream itself once it exists (a terminal: the shell's readline writes to it).
    get stdout() {
      return stdout.stream ?? stdout;
    },
    get stderr() {
      return stderr.stream ?? stderr;
    },
    get stdin() {
      return process.stdin;
    },
  };
  const failure = async (): Promise<string | undefined> => {
    const err = await stdout.settle();
    const code = err?.code;
    return err && code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED' ? `ipmits: write error: ${strerror(err)}` : undefined;
  };
  return { io, failure };
}

/**
 * Runs the CLI on the user's arguments; sets process.exitCode. `c`: the C library's file calls,
 * when the masking of the command line's secrets has loaded them (src/cli/index.ts).
 */
export async function runProcess(argv: readonly string[], c?: CFiles): Promise<void> {
  const { onCleanup, end } = endOnSignals();
  const { io, failure: stdoutFailure } = await processIo(end);
  let primitives: Promise<CryptoPrimitives> | undefined;
  const crypto = () => (primitives ??= import('../primitives/primitives.js').then((m) => m.systemPrimitives()));
  let cacheIo: Promise<CacheIo> | undefined;
  const bunSlices = bunFileSlices();
  const deps = {
    env: process.env,
    clock: systemClock,
    random: systemRandom,
    // Bun's natives in the Bun executable (Bun.CryptoHasher, Web Crypto's AES: never node:crypto), else node:crypto (src/primitives/).
    // One set for the whole run, sessions of every host included: the executable's AES moves from Web Crypto to
    // node:crypto after a number of operations counted over the run (src/primitives/bun.ts).
    crypto,
    // Bun's own UDP socket in the Bun executable (node:dgram there costs ~9 ms and ~5 MiB per run).
    connect: async (t: UdpTarget) => {
      const udp = await import('../transport/udp-bun.js');
      const bun = udp.bunUdp();
      return bun ? udp.connectBunUdp(bun, t) : (await import('../transport/udp.js')).connectUdp(t);
    },
    prompt: async (text: string) => (await import('./prompt.js')).promptSecret(text),
    // mc info's IANA registry in the Bun executable: the C library if loaded, else Bun.file's slices (node:fs
    // there costs ~4 ms of CPU and ~4 MiB per run); under Node the default, node:fs/promises (src/runtime/open-file*.ts).
    ...(bunSlices ? { openFile: bunOpenFile(bunSlices, c) } : {}),
    // The SDR cache in the Bun executable: the crypto seam's SHA-256, the C library if loaded (src/runtime/cache-io-bun.ts).
    ...(bunSlices
      ? { sdrCacheIo: () => (cacheIo ??= Promise.all([import('../runtime/cache-io-bun.js'), crypto()]).then(([m, p]) => m.bunCacheIo(p, c))) }
      : {}),
    // --timeout counts from the process start (what a user or a supervisor measures), not from main().
    startedAt: performance.timeOrigin,
  };
  main(argv, io, deps, { onCleanup, onLongRun: normalJit }).then(
    async (code) => {
      const failure = await stdoutFailure();
      if (failure !== undefined) io.stderr.write(`${failure}\n`);
      process.exitCode = failure !== undefined && code === ExitCode.Ok ? ExitCode.Local : code;
    },
    (err: unknown) => {
      io.stderr.write(`ipmits: internal error: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
