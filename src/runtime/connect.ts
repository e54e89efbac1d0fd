/**
 * The session factory: opens a session to a BMC for any interface, outside the CLI.
 * `connect(options, credentials, deps)` is what the CLI's Context, the fleet fan-out, the
 * exporter and a library user call; credentials are resolved before (resolveCredentials),
 * so a fleet prompts once for all hosts.
 */
import { UsageError } from '../errors.js';
import { IpmiClient } from '../ipmi/client.js';
import { BMC_SLAVE_ADDR } from '../ipmi/message.js';
import type { AddonResult } from '../native/addon.js';
import { transitWithoutTarget, type BridgeOptions } from '../transport/bridge.js';
import type { Deadline } from '../transport/exchanger.js';
import type { Clock, DatagramSocket, Logger, RandomSource } from '../io.js';
import type { PrimitivesLoader } from '../primitives/primitives.js';
import type { Transport } from '../transport/transport.js';
import type { UdpTarget } from '../transport/udp.js';
import type { Credentials } from './credentials.js';
import type { GlobalOptions, InterfaceName } from './options.js';

/** ipmitool defaults: -N 1 s lanplus / 2 s lan / 15 s open, -R 4 tries (open: sent once). */
export const DEFAULT_TIMEOUT_SEC: Readonly<Record<InterfaceName, number>> = { lanplus: 1, lan: 2, open: 15 };
export const DEFAULT_TRIES: Readonly<Record<InterfaceName, number>> = { lanplus: 4, lan: 4, open: 1 };

/** The longest wait a timer can hold (setTimeout fires at once beyond 2^31 - 1 ms, about 24.8 days). */
export const MAX_WAIT_MS = 0x7fffffff;

/** -N in milliseconds (the interface's default without it), clamped to what a timer can wait: -N 3000000 is not 1 ms. */
export function retryTimeoutMs(o: Pick<GlobalOptions, 'timeoutSec' | 'interface' | 'host'>): number {
  return Math.min((o.timeoutSec || DEFAULT_TIMEOUT_SEC[interfaceOf(o)]) * 1000, MAX_WAIT_MS);
}

/** -I, else lan when -H is given (ipmitool's rule), else the local driver. */
export function interfaceOf(o: Pick<GlobalOptions, 'interface' | 'host'>): InterfaceName {
  return o.interface ?? (o.host !== undefined ? 'lan' : 'open');
}

/** What opening a session needs from the world. */
export interface ConnectDeps {
  clock: Clock;
  random: RandomSource;
  /** The crypto seam (src/primitives/); default: by runtime. */
  crypto?: PrimitivesLoader;
  log: Logger;
  deadline: Deadline;
  connect(t: UdpTarget): Promise<DatagramSocket>;
  env: Readonly<Record<string, string | undefined>>;
  /** -I open: the ipmi_dev addon, loaded on first use (default: src/native/addon.ts). */
  ipmiDev?: (env: Readonly<Record<string, string | undefined>>) => AddonResult;
  /** -I open diagnostics: does a path exist (default: fs.existsSync)? */
  exists?: (path: string) => boolean;
}

export interface Connection {
  readonly client: IpmiClient;
  readonly transport: Transport;
  /** Close Session (bounded, never throws). */
  close(): Promise<void>;
}

/** The option errors ipmitool reports only when it opens the interface. */
export function checkConnectOptions(o: GlobalOptions): void {
  const iface = interfaceOf(o);
  if (iface !== 'open' && !o.host) throw new UsageError('No hostname specified!'); // -H '' too, as ipmitool
  if (o.oem !== undefined) throw new UsageError(`OEM type "${o.oem}" is not supported by ipmits (-o)`, undefined, 'unsupported-option');
  if (iface === 'open') return;
  if (o.privilegeInvalid !== undefined) throw new UsageError(`Invalid privilege level ${o.privilegeInvalid}`);
  if (o.authTypeInvalid !== undefined) throw new UsageError(`Invalid authentication type ${o.authTypeInvalid}`);
}

/** -t/-b/-T/-B/-m as ipmitool reads them (ipmi_main.c); undefined when nothing is bridged. */
export function bridgeOf(o: GlobalOptions): BridgeOptions | undefined {
  const targetAddr = o.targetAddr ?? 0;
  const transitAddr = o.transitAddr ?? 0;
  const transitChannel = o.transitChannel ?? 0;
  if (transitAddr === 0 && targetAddr === 0) return undefined;
  if (targetAddr === 0) throw new UsageError(transitWithoutTarget(transitAddr, transitChannel), undefined, 'bridge');
  return { targetAddr, targetChannel: o.targetChannel ?? 0, transitAddr, transitChannel, myAddr: o.localAddr || BMC_SLAVE_ADDR };
}

/**
 * The transport for these options, not yet opened: a caller that must be able to end a
 * half-open session (a signal during the handshake) keeps it before calling open().
 * Loaded on demand: a lanplus run never loads IPMI v1.5 (MD2, MD5), nor -I open the LAN code.
 */
export async function createTransport(o: GlobalOptions, creds: Credentials, deps: ConnectDeps): Promise<Transport> {
  const bridge = bridgeOf(o);
  checkConnectOptions(o);
  const iface = interfaceOf(o);
  const timeoutMs = retryTimeoutMs(o);
  const tries = o.retries || DEFAULT_TRIES[iface];
  if (iface === 'open') {
    const load = deps.ipmiDev ?? (await import('../native/addon.js')).loadIpmiDev;
    const { OpenTransport } = await import('../transport/open.js');
    // node:fs only here: a LAN run loads none (~4 ms of CPU and ~4 MiB in the Bun executable).
    const exists = deps.exists ?? (await import('node:fs')).existsSync;
    return new OpenTransport(
      { devnum: o.devnum, timeoutMs, tries, myAddr: o.localAddr || BMC_SLAVE_ADDR, ...(bridge ? { bridge } : {}) },
      // No session to close: the whole deadline is the command's (nothing kept back for Close Session).
      { binding: () => load(deps.env), clock: deps.clock, log: deps.log, deadline: deps.deadline.final, exists },
    );
  }
  const lanOptions = {
    host: o.host as string,
    port: o.port,
    ...(o.family ? { family: o.family } : {}),
    username: Buffer.from(o.username, 'latin1'),
    password: creds.password,
    kg: creds.kg,
    privilege: o.privilege,
    nameOnlyLookup: o.nameOnlyLookup,
    ...(o.cipherSuite !== undefined ? { cipherSuite: o.cipherSuite } : {}),
    ...(o.authType !== undefined ? { authType: o.authType } : {}),
    ...(o.workarounds?.size ? { workarounds: o.workarounds } : {}),
    timeoutMs,
    tries,
    ...(bridge ? { bridge } : {}),
  };
  const tdeps = {
    connect: deps.connect,
    clock: deps.clock,
    random: deps.random,
    log: deps.log,
    deadline: deps.deadline,
    ...(deps.crypto ? { crypto: deps.crypto } : {}),
  };
  return iface === 'lanplus'
    ? new (await import('../transport/lanplus.js')).LanplusTransport(lanOptions, tdeps)
    : new (await import('../transport/lan.js')).LanTransport(lanOptions, tdeps);
}

/** Open a session: the library entry point. */
export async function connect(o: GlobalOptions, creds: Credentials, deps: ConnectDeps): Promise<Connection> {
  const transport = await createTransport(o, creds, deps);
  try {
    await transport.open();
  } catch (e) {
    await transport.close();
    throw e;
  }
  return { client: new IpmiClient(transport), transport, close: () => transport.close() };
}
