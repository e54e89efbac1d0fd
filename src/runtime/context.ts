/**
 * Everything a command verb may use, injected: options, streams, clock,
 * randomness, sockets, prompting. The session opens lazily on first use.
 */
import { IpmiClient } from '../ipmi/client.js';
import type { AddonResult } from '../native/addon.js';
import { Deadline } from '../transport/exchanger.js';
import type { Clock, DatagramSocket, Logger, RandomSource } from '../io.js';
import type { PrimitivesLoader } from '../primitives/primitives.js';
import type { OpenRegistryFile } from '../spec/iana.js';
import type { CacheIoLoader } from './cache-files.js';
import type { Transport } from '../transport/transport.js';
import type { UdpTarget } from '../transport/udp.js';
import { bridgeOf, checkConnectOptions, createTransport, interfaceOf, type ConnectDeps } from './connect.js';
import { resolveCredentials, type Credentials, type Prompt } from './credentials.js';
import type { GlobalOptions, InterfaceName } from './options.js';
import type { CommandSet } from './command-set.js';

export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  /** The process stream behind it, for readline on a terminal (the CLI creates it only then: src/cli/stdio.ts). */
  processStream?(): NodeJS.WriteStream;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; fd?: number };
}

export interface Deps {
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  random: RandomSource;
  /** The crypto seam for RMCP+ (src/primitives/); default: by runtime. */
  crypto?: PrimitivesLoader;
  connect(t: UdpTarget): Promise<DatagramSocket>;
  prompt: Prompt;
  /** -I open: the ipmi_dev addon, loaded on first use (default: src/native/addon.ts). */
  ipmiDev?: (env: Readonly<Record<string, string | undefined>>) => AddonResult;
  /** -I open diagnostics: does a path exist (default: fs.existsSync)? */
  exists?: (path: string) => boolean;
  /** Reference files read whole (the IANA registry; default: fs.readFileSync). A fleet run reads each once for all hosts. */
  readFile?: (path: string) => Uint8Array;
  /** Reference files read at offsets, only as far as a lookup needs (mc info's IANA registry), when readFile is absent. Default: node:fs/promises. */
  openFile?: OpenRegistryFile;
  /** When the command started, on `clock` (the CLI: the process start); --timeout counts from it. Default: now. */
  startedAt?: number;
  /** The SDR cache's file calls and digest (src/sdr/cache.ts). Default: node:fs and node:crypto (src/runtime/cache-io.ts). */
  sdrCacheIo?: CacheIoLoader;
  /** State every host of a fleet run shares, keyed like Context.slot (the SDR sets per model); absent for one host. */
  shared?: Map<symbol, unknown>;
}

/** How one line of `exec` or `shell` ended (the exit status itself is main.ts's business). */
export type LineStatus = 'ok' | 'failed' | 'no-session';

/**
 * exec and shell run their lines through this (src/cli/main.ts): each line like a command
 * line of its own, one session for all of them; `set` changes the options of later lines.
 */
export interface LineHost {
  /** The context the next line runs in (`set` and a lost session replace it). */
  readonly current: Context;
  /** Lines running now, one inside the other (a line that runs `exec` counts once per level). */
  readonly depth: number;
  run(argv: string[]): Promise<LineStatus>;
  /** Later lines use these options; a change of connection parameters opens a new session. */
  update(change: Partial<GlobalOptions>): Promise<void>;
  /** The command registry (families, global options), for completion; loaded when asked for. */
  commands(): Promise<CommandSet>;
}

const NO_CREDENTIALS: Credentials = { password: Buffer.alloc(0), kg: Buffer.alloc(20) };

export class Context {
  readonly log: Logger;
  readonly deadline: Deadline;
  private opening: Promise<IpmiClient> | undefined;
  private transport: Transport | undefined;
  private readonly closeHooks: Array<() => Promise<void>> = [];
  private closing: Promise<void> | undefined;
  private readonly slots = new Map<symbol, unknown>();

  constructor(
    readonly options: GlobalOptions,
    readonly io: Io,
    readonly deps: Deps,
    /** Set by main(): how exec and shell run lines, and what `set` changes. */
    readonly lines?: LineHost,
  ) {
    this.log = {
      verbose: (level, line) => {
        if (options.verbose >= level) io.stderr.write(`${line}\n`);
      },
    };
    this.deadline = options.deadlineSec !== undefined ? Deadline.after(deps.clock, options.deadlineSec, deps.startedAt) : Deadline.none(deps.clock);
  }

  /** A workflow's state for this invocation (e.g. the SDR records, read once), made by `init` on first use. */
  slot<T>(key: symbol, init: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, init());
    return this.slots.get(key) as T;
  }

  /** -I, else lan when -H is given (ipmitool's rule), else the local driver. */
  get interfaceName(): InterfaceName {
    return interfaceOf(this.options);
  }

  /** The open session; the first call establishes it. */
  client(): Promise<IpmiClient> {
    this.opening ??= this.open();
    return this.opening;
  }

  /** True once a session was asked for (so close() has work to do). */
  get connected(): boolean {
    return this.transport !== undefined;
  }

  /** What connect() needs, from this invocation's deps. */
  get connectDeps(): ConnectDeps {
    const d = this.deps;
    return {
      clock: d.clock,
      random: d.random,
      log: this.log,
      deadline: this.deadline,
      connect: d.connect,
      env: d.env,
      ...(d.crypto ? { crypto: d.crypto } : {}),
      ...(d.ipmiDev ? { ipmiDev: d.ipmiDev } : {}),
      ...(d.exists ? { exists: d.exists } : {}),
    };
  }

  private async open(): Promise<IpmiClient> {
    const o = this.options;
    const iface = this.interfaceName;
    bridgeOf(o);
    checkConnectOptions(o);
    const creds: Credentials = iface === 'open' ? NO_CREDENTIALS : await resolveCredentials(o, this.deps.env, this.deps.prompt, iface);
    const t = await createTransport(o, creds, this.connectDeps);
    // Known before open() finishes, so a signal during the handshake can still end it.
    this.transport = t;
    await t.open();
    return new IpmiClient(t);
  }

  /**
   * Work that must reach the BMC before Close Session (SOL: Deactivate Payload)
   * or must happen on every exit (restore the terminal). Hooks run last-registered
   * first, on a normal end and when a signal or a broken pipe ends the process;
   * the returned function unregisters a hook once its work is done.
   */
  beforeClose(hook: () => Promise<void>): () => void {
    this.closeHooks.push(hook);
    return () => {
      const i = this.closeHooks.indexOf(hook);
      if (i >= 0) this.closeHooks.splice(i, 1);
    };
  }

  /** Run the hooks, then Close Session if one is open; once, bounded, never throws. */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    for (const hook of this.closeHooks.splice(0).reverse()) {
      try {
        await hook();
      } catch {
        // Best effort: the session is closed below in any case.
      }
    }
    const t = this.transport;
    this.transport = undefined;
    if (!t) return;
    // A signal during the handshake: let it finish (briefly), so the session the BMC has opened by
    // then gets its Close Session instead of lingering until the BMC times it out.
    if (this.opening) await settled(this.opening, this.deps.clock, this.deadline.final.cap(HANDSHAKE_GRACE_MS));
    await t.close();
  }
}

/** How long close() waits for a session set-up under way (the process's hard stop on a signal is 3 s). */
const HANDSHAKE_GRACE_MS = 1500;

/** Resolves when `p` settles (either way) or after `ms`, whichever is first. */
function settled(p: Promise<unknown>, clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    const done = (): void => {
      clock.clearTimeout(timer);
      resolve();
    };
    p.then(done, done);
  });
}
