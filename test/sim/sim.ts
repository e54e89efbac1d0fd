/**
 * The project's simulated BMC for tests: OpenIPMI `ipmi_sim` on a free
 * loopback UDP port with our own users, sensors, SEL, FRUs and SOL console.
 *
 *   const sim = await startSim();              // ~0.1 s
 *   run('ipmitool', ipmitoolArgs(sim, 'admin').concat(['power', 'status']));
 *   await sim.console('sensor_set_value 0x20 0 0x01 0x60 1');
 *   await sim.stop();
 *
 * The implementation is plain ESM (simlib.mjs, content.mjs) so that
 * scripts/sim.mjs can start the same simulator without TypeScript; this
 * module is the typed entry point for the test suite.  See README.md.
 */
import { startSim as startSimImpl } from './simlib.mjs';

export type Priv = 'callback' | 'user' | 'operator' | 'admin';

export interface SimUser {
  id: number;
  name: string;
  password: string;
  priv: Priv;
  enabled: boolean;
}

/** The host side of the SOL serial port (only with `startSim({ sol: true })`). */
export interface SimSol {
  /**
   * 'shell' (default): echo input like a tty and run a tiny line interpreter
   * with prompt `sim$ ` (commands: help, banner, echo TEXT, big N, hex HH..,
   * reset).  'raw': no automatic output, drive it with write().
   */
  mode: 'shell' | 'raw';
  /** Every byte the client typed that reached the serial port, since start / clear(). */
  received(): Buffer;
  /** received() as latin1 text. */
  text(): string;
  clear(): void;
  /**
   * Make the host print bytes.  ipmi_sim only forwards them while a SOL
   * session is active (output with no session is dropped).
   */
  write(data: string | Uint8Array): void;
  /** Resolve with text() once it contains / matches `pattern`. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** True while socat connects the pty to this console. */
  connected(): boolean;
  waitForConnection(timeoutMs?: number): Promise<true>;
}

export interface Sim {
  /** '127.0.0.1' unless SimOptions.host. */
  host: string;
  /** LAN channel (channel 1) UDP port. */
  port: number;
  /** ipmi_sim TCP console (sensor_set_value, sel_add, ...); may change on restart(). */
  consolePort: number;
  /** Per-instance temp dir: power, bootdev, identify, chassis.log, lan/, persist/, lan.conf, bmc.emu, fru*.bin. */
  stateDir: string;
  users: SimUser[];
  /** Set when started with a Kg (ipmitool -k). */
  kg?: string | undefined;
  /** System GUID as ipmitool `mc guid` prints it (random per instance). */
  guid: string;
  /** SOL console (startSim({ sol: true })). */
  sol?: SimSol | undefined;
  /** Path of the pty ipmi_sim uses as serial port (startSim({ sol: true })). */
  solPty?: string | undefined;
  /** pid of the running ipmi_sim (undefined before start / after stop). */
  readonly pid: number | undefined;
  /** Non-fatal problems (e.g. SEL clock not set after restart()). */
  warnings: string[];
  /** Run one simulator console command; rejects on a "**" error line. */
  console(cmd: string): Promise<string>;
  alive(): boolean;
  /** Restart ipmi_sim on the same LAN port; users, SEL and state files are kept. */
  restart(): Promise<void>;
  /** Kill ipmi_sim and helpers, remove stateDir.  Idempotent. */
  stop(): Promise<void>;
  /** ipmi_sim's stderr and console errors, for assertion messages. */
  diagnostics(): string;
}

export interface SimOptions {
  /** BMC key K_G (1..19 ASCII characters, ipmi_sim keeps at most 19). */
  kg?: string;
  /** Attach a socat pty + scripted console as the SOL serial port. */
  sol?: boolean;
  /** Extra emulation commands appended to bmc.emu (after mc_enable). */
  extraEmu?: string;
  /** Loopback address to listen on (127.0.0.0/8 only), default 127.0.0.1. */
  host?: string;
  /** Fixed LAN port instead of a free one (fails if it is in use). */
  port?: number;
  /** Seed the SEL (default true); false leaves it empty (the clock is still set). */
  seedSel?: boolean;
  /** Initial chassis power state (default on). */
  powerOn?: boolean;
  /** How long to wait for the first answer (default 5000 ms). */
  startTimeoutMs?: number;
  /**
   * Also listen on this TCP port for a virtual machine's system interface (lan.conf
   * `serial kcs ... codec VM`): QEMU's ipmi-bmc-extern connects there (test/qemu).
   */
  vmPort?: number;
}

/** Start one simulator.  Stop it with sim.stop(); a process exit hook kills leftovers. */
export function startSim(opts: SimOptions = {}): Promise<Sim> {
  return startSimImpl(opts);
}

export type IpmiInterface = 'lanplus' | 'lan';

export interface IpmitoolArgsOptions {
  /** default lanplus (always with -C 3: ipmi_sim has no SHA-256 suites) */
  iface?: IpmiInterface;
  /** -A for -I lan (NONE, MD2, MD5, PASSWORD) */
  authtype?: 'NONE' | 'MD2' | 'MD5' | 'PASSWORD';
  /** -L */
  priv?: 'CALLBACK' | 'USER' | 'OPERATOR' | 'ADMINISTRATOR';
  /** -k (defaults to sim.kg for lanplus) */
  kg?: string | null;
  /** override the password */
  password?: string;
}

/**
 * Global ipmitool options for talking to `sim` as the user named `user`
 * (or the user object), e.g. ['-I','lanplus','-C','3','-H','127.0.0.1',
 * '-p','40123','-U','admin','-P','adminpass'].
 */
export function ipmitoolArgs(sim: Sim, user: string | SimUser = 'admin', o: IpmitoolArgsOptions = {}): string[] {
  const u = typeof user === 'string' ? sim.users.find((x) => x.name === user) : user;
  if (!u) throw new Error(`no simulator user named ${JSON.stringify(user)}`);
  const iface = o.iface ?? 'lanplus';
  const args = ['-I', iface];
  if (iface === 'lanplus') args.push('-C', '3');
  args.push('-H', sim.host, '-p', String(sim.port), '-U', u.name, '-P', o.password ?? u.password);
  if (iface === 'lan' && o.authtype) args.push('-A', o.authtype);
  if (o.priv) args.push('-L', o.priv);
  const kg = o.kg === undefined ? sim.kg : o.kg;
  if (iface === 'lanplus' && kg) args.push('-k', kg);
  return args;
}

export { SEL_SEED, FRU0, FRU1, FRU_SIZE, fruImage } from './simlib.mjs';
