/**
 * Everything a command verb may use, injected: options, streams, clock,
 * randomness, sockets, prompting. The session opens lazily on first use.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { IpmiClient } from '../ipmi/client.js';
import { BMC_SLAVE_ADDR } from '../ipmi/message.js';
import type { AddonResult } from '../native/addon.js';
import { transitWithoutTarget, type BridgeOptions } from '../transport/bridge.js';
import { Deadline } from '../transport/exchanger.js';
import type { Clock, DatagramSocket, Logger, RandomSource } from '../io.js';
import type { Transport } from '../transport/transport.js';
import type { UdpTarget } from '../transport/udp.js';
import { resolveCredentials, type Prompt } from './credentials.js';
import type { GlobalOptions, InterfaceName } from './options.js';

export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
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
  connect(t: UdpTarget): Promise<DatagramSocket>;
  prompt: Prompt;
  /** -I open: the ipmi_dev addon, loaded on first use (default: src/native/addon.ts). */
  ipmiDev?: (env: Readonly<Record<string, string | undefined>>) => AddonResult;
  /** -I open diagnostics: does a path exist (default: fs.existsSync)? */
  exists?: (path: string) => boolean;
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
}

/** ipmitool defaults: -N 1 s lanplus / 2 s lan / 15 s open, -R 4 tries (open: sent once). */
const DEFAULT_TIMEOUT_SEC: Readonly<Record<InterfaceName, number>> = { lanplus: 1, lan: 2, open: 15 };
const DEFAULT_TRIES: Readonly<Record<InterfaceName, number>> = { lanplus: 4, lan: 4, open: 1 };

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
    this.deadline = options.deadlineSec !== undefined ? Deadline.after(deps.clock, options.deadlineSec) : Deadline.none(deps.clock);
  }

  /** A workflow's state for this invocation (e.g. the SDR records, read once), made by `init` on first use. */
  slot<T>(key: symbol, init: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, init());
    return this.slots.get(key) as T;
  }

  /** -I, else lan when -H is given (ipmitool's rule), else the local driver. */
  get interfaceName(): InterfaceName {
    return this.options.interface ?? (this.options.host !== undefined ? 'lan' : 'open');
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

  /** -t/-b/-T/-B/-m as ipmitool reads them (ipmi_main.c); undefined when nothing is bridged. */
  private bridge(): BridgeOptions | undefined {
    const o = this.options;
    const targetAddr = o.targetAddr ?? 0;
    const transitAddr = o.transitAddr ?? 0;
    const transitChannel = o.transitChannel ?? 0;
    if (transitAddr === 0 && targetAddr === 0) return undefined;
    if (targetAddr === 0) throw new UsageError(transitWithoutTarget(transitAddr, transitChannel), undefined, 'bridge');
    return { targetAddr, targetChannel: o.targetChannel ?? 0, transitAddr, transitChannel, myAddr: o.localAddr || BMC_SLAVE_ADDR };
  }

  private async open(): Promise<IpmiClient> {
    const o = this.options;
    const iface = this.interfaceName;
    const bridge = this.bridge();
    if (iface === 'open') return this.openLocal(bridge);
    if (o.host === undefined) throw new UsageError('No hostname specified!');
    if (o.oem !== undefined) throw new UsageError(`OEM type "${o.oem}" is not supported by ipmits (-o)`, undefined, 'unsupported-option');
    if (o.privilegeInvalid !== undefined) throw new UsageError(`Invalid privilege level ${o.privilegeInvalid}`);
    if (o.authTypeInvalid !== undefined) throw new UsageError(`Invalid authentication type ${o.authTypeInvalid}`);
    const creds = await resolveCredentials(o, this.deps.env, this.deps.prompt, iface);
    const lanOptions = {
      host: o.host,
      port: o.port,
      ...(o.family ? { family: o.family } : {}),
      username: Buffer.from(o.username, 'latin1'),
      password: creds.password,
      kg: creds.kg,
      privilege: o.privilege,
      nameOnlyLookup: o.nameOnlyLookup,
      ...(o.cipherSuite !== undefined ? { cipherSuite: o.cipherSuite } : {}),
      ...(o.authType !== undefined ? { authType: o.authType } : {}),
      timeoutMs: (o.timeoutSec || DEFAULT_TIMEOUT_SEC[iface]) * 1000,
      tries: o.retries || DEFAULT_TRIES[iface],
      ...(bridge ? { bridge } : {}),
    };
    const deps = { connect: this.deps.connect, clock: this.deps.clock, random: this.deps.random, log: this.log, deadline: this.deadline };
    // Loaded on demand: a lanplus run never loads IPMI v1.5 (MD2, MD5), nor -I open the LAN code.
    const t: Transport =
      iface === 'lanplus' ? new (await import('../transport/lanplus.js')).LanplusTransport(lanOptions, deps) : new (await import('../transport/lan.js')).LanTransport(lanOptions, deps);
    // Known before open() finishes, so a signal during the handshake can still end it.
    this.transport = t;
    await t.open();
    return new IpmiClient(t);
  }

  /** -I open: the local BMC through /dev/ipmi<-d>. */
  private async openLocal(bridge: BridgeOptions | undefined): Promise<IpmiClient> {
    const o = this.options;
    if (o.oem !== undefined) throw new UsageError(`OEM type "${o.oem}" is not supported by ipmits (-o)`, undefined, 'unsupported-option');
    const env = this.deps.env;
    const load = this.deps.ipmiDev ?? (await import('../native/addon.js')).loadIpmiDev;
    const { OpenTransport } = await import('../transport/open.js');
    const t = new OpenTransport(
      {
        devnum: o.devnum,
        timeoutMs: (o.timeoutSec || DEFAULT_TIMEOUT_SEC.open) * 1000,
        tries: o.retries || DEFAULT_TRIES.open,
        myAddr: o.localAddr || BMC_SLAVE_ADDR,
        ...(bridge ? { bridge } : {}),
      },
      { binding: () => load(env), clock: this.deps.clock, log: this.log, deadline: this.deadline, exists: this.deps.exists ?? existsSync },
    );
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
    if (t) await t.close();
  }
}
