/**
 * Everything a command verb may use, injected: options, streams, clock,
 * randomness, sockets, prompting. The session opens lazily on first use.
 */
import { DeviceError, UsageError } from '../errors.js';
import { IpmiClient } from '../ipmi/client.js';
import { Deadline } from '../transport/exchanger.js';
import type { Clock, DatagramSocket, Logger, RandomSource } from '../transport/io.js';
import { LanTransport } from '../transport/lan.js';
import { LanplusTransport } from '../transport/lanplus.js';
import type { Transport } from '../transport/transport.js';
import type { UdpTarget } from '../transport/udp.js';
import { resolveCredentials, type Prompt } from './credentials.js';
import type { GlobalOptions, InterfaceName } from './global-options.js';

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
}

/** ipmitool defaults: -N 1 s lanplus / 2 s lan, -R 4 tries. */
const DEFAULT_TIMEOUT_SEC: Readonly<Record<InterfaceName, number>> = { lanplus: 1, lan: 2, open: 15 };
const DEFAULT_TRIES = 4;

export class Context {
  readonly log: Logger;
  readonly deadline: Deadline;
  private opening: Promise<IpmiClient> | undefined;
  private transport: Transport | undefined;

  constructor(
    readonly options: GlobalOptions,
    readonly io: Io,
    readonly deps: Deps,
  ) {
    this.log = {
      verbose: (level, line) => {
        if (options.verbose >= level) io.stderr.write(`${line}\n`);
      },
    };
    this.deadline = options.deadlineSec !== undefined ? Deadline.after(deps.clock, options.deadlineSec) : Deadline.none(deps.clock);
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

  private async open(): Promise<IpmiClient> {
    const o = this.options;
    const iface = this.interfaceName;
    if (iface === 'open') {
      throw new DeviceError('The local driver interface (-I open) is not available in this build of ipmits');
    }
    if (o.host === undefined) throw new UsageError('No hostname specified!');
    if (o.targetAddr !== undefined || o.transitAddr !== undefined || o.targetChannel !== undefined || o.transitChannel !== undefined || o.localAddr !== undefined) {
      throw new UsageError('Bridging (-t, -b, -T, -B, -m) is not supported by this version of ipmits', undefined, 'unsupported-option');
    }
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
      tries: o.retries || DEFAULT_TRIES,
    };
    const deps = { connect: this.deps.connect, clock: this.deps.clock, random: this.deps.random, log: this.log, deadline: this.deadline };
    const t: Transport = iface === 'lanplus' ? new LanplusTransport(lanOptions, deps) : new LanTransport(lanOptions, deps);
    // Known before open() finishes, so a signal during the handshake can still end it.
    this.transport = t;
    await t.open();
    return new IpmiClient(t);
  }

  /** Close Session if one is open; bounded, never throws. */
  async close(): Promise<void> {
    const t = this.transport;
    this.transport = undefined;
    if (t) await t.close();
  }
}
