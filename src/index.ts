/**
 * ipmits as a library (docs/library.md): open a session to a BMC with connect(), run typed IPMI
 * commands through its IpmiClient, close it. The second entrance beside src/cli/: it composes
 * the same runtime the command line uses, with the system's clock, randomness and UDP sockets.
 */
import { connectUdp, type UdpTarget } from './transport/udp.js';
import { Deadline } from './transport/exchanger.js';
import { silentLogger, systemClock, systemRandom, type Logger } from './io.js';
import type { ConnectDeps } from './runtime/connect.js';

export { connect, type Connection, type ConnectDeps, DEFAULT_TIMEOUT_SEC, DEFAULT_TRIES } from './runtime/connect.js';
export { defaultOptions, type GlobalOptions, type InterfaceName } from './runtime/options.js';
export type { Credentials } from './runtime/credentials.js';
export { IpmiClient, type CallOptions, type RawResult } from './ipmi/client.js';
export type { IpmiCommand } from './ipmi/command.js';
export { AuthenticationError, CompletionCodeError, DeadlineError, IpmiError, TimeoutError, TransportError } from './errors.js';
export { getDeviceId, type DeviceId } from './ipmi/cmds/app/get-device-id.js';
export { getChassisStatus, type ChassisStatus } from './ipmi/cmds/chassis/get-chassis-status.js';
export { chassisControl } from './ipmi/cmds/chassis/chassis-control.js';

export interface SystemDepsOptions {
  /** Diagnostics (ipmits -v lines); default: none. */
  log?: Logger;
  /** One deadline for everything the session does (the CLI's --timeout); default: none. */
  deadlineSec?: number;
  /** Environment read by -I open (where the addon is: IPMITS_ADDON, XDG_RUNTIME_DIR); default: empty. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What connect() needs from the world, from the system: clock, randomness, UDP sockets. */
export function systemDeps(o: SystemDepsOptions = {}): ConnectDeps {
  return {
    clock: systemClock,
    random: systemRandom,
    log: o.log ?? silentLogger,
    deadline: o.deadlineSec !== undefined ? Deadline.after(systemClock, o.deadlineSec) : Deadline.none(systemClock),
    connect: (t: UdpTarget) => connectUdp(t),
    env: o.env ?? {},
  };
}
