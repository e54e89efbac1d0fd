/**
 * -I open: the Linux IPMI driver through /dev/ipmi<N> (ipmitool's "Linux OpenIPMI
 * Interface"). No session: each request goes to the system interface (or, bridged,
 * to an IPMB address the driver reaches through the BMC) with a message id of ours;
 * the reply is the queued message with that id. Message ids, waiting, timeouts and
 * retries live here; the addon (src/native/) only opens, sends, polls and receives.
 */
import { DecodeError, DeviceError, TimeoutError } from '../errors.js';
import type { IpmiRequest, IpmiResponse } from '../ipmi/command.js';
import { errnoName, isSysCallError, type IpmiDevBinding, type RecvMessage } from '../native/binding.js';
import type { AddonResult } from '../native/addon.js';
import { devicePaths, encodeAddr, RecvType, type KernelAddr } from '../native/linux-ipmi.js';
import { bridgeLevel, decodeTransitReply, encodeTransitRequest, type BridgeOptions } from './bridge.js';
import type { Deadline } from './exchanger.js';
import type { Clock, Logger } from '../io.js';
import type { Transport } from './transport.js';

export interface OpenOptions {
  /** -d N: /dev/ipmiN, /dev/ipmi/N, /dev/ipmidev/N. */
  devnum: number;
  /** Per-try wait for the reply (-N; ipmitool waits 15 s). */
  timeoutMs: number;
  /** Sends per request (-R; ipmitool sends once on this interface). */
  tries: number;
  /** -m: our IPMB address, given to the driver at open (ipmitool: 20h unless -m). */
  myAddr: number;
  /** -t/-b/-T/-B. */
  bridge?: BridgeOptions;
}

export interface OpenDeps {
  /** The addon, loaded on first use. */
  binding(): AddonResult;
  clock: Clock;
  log: Logger;
  deadline: Deadline;
  /** Does this path exist (tells "driver not loaded" from "no BMC")? */
  exists(path: string): boolean;
}

/** poll(2) in slices of at most this, so close() never waits long for a worker thread. */
const WAIT_SLICE_MS = 250;

/**
 * One request in flight: its message ids (one per try; a late reply to an earlier try
 * still counts), and what the reader has found for it.
 */
interface InFlight {
  ids: number[];
  msg?: RecvMessage;
  error?: Error;
  /** Set while the request waits: ends the wait early. */
  wake?: () => void;
}

export class OpenTransport implements Transport {
  readonly description = 'Linux OpenIPMI Interface';
  private dev: IpmiDevBinding | undefined;
  private fd: number | undefined;
  private msgid = 0;
  /** Requests in flight by message id. Several may be outstanding (the SDR and sensor walks pipeline). */
  private readonly inFlight = new Map<number, InFlight>();
  /** The one reader: takes every queued message and hands it to its request. */
  private pump: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly options: OpenOptions,
    private readonly deps: OpenDeps,
  ) {}

  async open(): Promise<void> {
    const loaded = this.deps.binding();
    if ('unavailable' in loaded) {
      throw new DeviceError(`The local driver interface (-I open) is unavailable: ${loaded.unavailable}`);
    }
    const dev = loaded.binding;
    const paths = devicePaths(this.options.devnum);
    const failures: { path: string; errno: number; text: string }[] = [];
    for (const path of paths) {
      try {
        this.fd = dev.open(path);
        this.deps.log.verbose(2, `Using ipmi device ${this.options.devnum} (${path})`);
        break;
      } catch (e) {
        if (!isSysCallError(e)) throw e;
        failures.push({ path, errno: e.errno, text: e.strerror });
      }
    }
    if (this.fd === undefined) throw this.openFailure(paths, failures);
    this.dev = dev;
    try {
      // As ipmitool: the driver sends bridged requests from this address (-m, else 20h).
      dev.setMyAddress(this.fd, this.options.myAddr);
    } catch (e) {
      this.closeFd();
      if (!isSysCallError(e)) throw e;
      throw new DeviceError(`Could not set IPMB address: ${e.strerror}`, errnoName(e.errno));
    }
  }

  /** One clear line per cause, starting with ipmitool's words. */
  private openFailure(paths: string[], failures: { path: string; errno: number; text: string }[]): DeviceError {
    const head = `Could not open device at ${paths.join(' or ')}`;
    // The most telling failure: a node that exists but refuses, else "no such file".
    const f = failures.find((x) => errnoName(x.errno) !== 'ENOENT') ?? failures[failures.length - 1]!;
    const code = errnoName(f.errno);
    switch (code) {
      case 'ENOENT':
        if (!this.deps.exists('/sys/class/ipmi')) {
          return new DeviceError(`${head}: ${f.text} (the IPMI driver is not loaded: modprobe ipmi_devintf ipmi_si)`, code);
        }
        if (this.deps.exists(`/sys/class/ipmi/ipmi${this.options.devnum}`)) {
          return new DeviceError(`${head}: ${f.text} (the driver has interface ${this.options.devnum} but no device node: is devtmpfs or udev missing?)`, code);
        }
        return new DeviceError(`${head}: ${f.text}`, code);
      case 'EACCES':
      case 'EPERM':
        return new DeviceError(`${head}: ${f.text} (${f.path} needs read and write access, usually root)`, code);
      case 'EBUSY':
        return new DeviceError(`${head}: ${f.text} (${f.path} is in use)`, code);
      case 'ENXIO':
      case 'ENODEV':
        return new DeviceError(`${head}: ${f.text} (${f.path} exists but no BMC driver answers behind it: is ipmi_si loaded?)`, code);
      default:
        return new DeviceError(`${head}: ${f.text}`, code);
    }
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    const dev = this.dev;
    const fd = this.fd;
    if (!dev || fd === undefined || this.closing) throw new Error(`${this.description} is not open`);
    const b = this.options.bridge;
    const level = bridgeLevel(b);
    const lun = req.lun ?? 0;
    let addr: KernelAddr = { type: 'si', lun };
    let wire = req;
    if (b && level === 1) addr = { type: 'ipmb', channel: b.targetChannel, slaveAddr: b.targetAddr, lun };
    if (b && level === 2) {
      // The driver reaches the transit controller; our Send Message takes it on to the target.
      addr = { type: 'ipmb', channel: b.transitChannel, slaveAddr: b.transitAddr, lun: 0 };
      wire = encodeTransitRequest(req, b);
    }
    const addrBytes = encodeAddr(addr);
    const me: InFlight = { ids: [] };
    const tries = req.once ? 1 : Math.max(1, this.options.tries);
    try {
      for (let attempt = 0; attempt < tries; attempt++) {
        if (this.deps.deadline.expired) throw this.deps.deadline.error();
        const id = ++this.msgid;
        me.ids.push(id);
        this.inFlight.set(id, me);
        this.deps.log.verbose(3, `OpenIPMI request: msgid ${id} netfn 0x${wire.netFn.toString(16)} cmd 0x${wire.cmd.toString(16)} to ${describe(addr)}`);
        try {
          dev.send(fd, addrBytes, id, wire.netFn, wire.cmd, wire.data);
        } catch (e) {
          if (!isSysCallError(e)) throw e;
          throw new DeviceError(`Unable to send command: ${e.strerror}`, errnoName(e.errno));
        }
        await this.until(me, this.deps.deadline.cap(this.options.timeoutMs));
        if (me.error) throw me.error;
        if (me.msg) {
          const r = toResponse(me.msg);
          return level === 2 ? decodeTransitReply(r) : r;
        }
        if (this.closing) break;
        this.deps.log.verbose(2, `no reply to msgid ${id} within ${this.options.timeoutMs} ms (try ${attempt + 1} of ${tries})`);
      }
    } finally {
      for (const id of me.ids) this.inFlight.delete(id);
    }
    if (this.deps.deadline.expired) throw this.deps.deadline.error();
    // ipmitool's words when its select() times out.
    throw new TimeoutError('No data available', tries);
  }

  /** Wait up to `ms` for the reader to find the reply (or an error) for `me`. */
  private until(me: InFlight, ms: number): Promise<void> {
    if (me.msg || me.error) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(() => {
        me.wake = undefined;
        resolve();
      }, ms);
      me.wake = () => {
        this.deps.clock.clearTimeout(timer);
        me.wake = undefined;
        resolve();
      };
      this.startPump();
    });
  }

  private waiting(): boolean {
    for (const f of this.inFlight.values()) if (f.wake) return true;
    return false;
  }

  private startPump(): void {
    if (this.pump || this.closing) return;
    this.pump = this.runPump().finally(() => {
      this.pump = undefined;
      // A request may have started waiting just as the reader decided to stop.
      if (this.waiting()) this.startPump();
    });
  }

  /** Take every queued message, hand each to its request; poll while anyone waits. */
  private async runPump(): Promise<void> {
    const dev = this.dev!;
    const fd = this.fd!;
    while (!this.closing) {
      try {
        for (let m = dev.receive(fd); m; m = dev.receive(fd)) this.dispatch(m);
      } catch (e) {
        if (!isSysCallError(e)) throw e;
        return this.failAll(new DeviceError(`Error receiving message: ${e.strerror}`, errnoName(e.errno)));
      }
      if (!this.waiting()) return;
      try {
        await dev.wait(fd, WAIT_SLICE_MS);
      } catch (e) {
        if (!isSysCallError(e)) throw e;
        return this.failAll(new DeviceError(`I/O Error: ${e.strerror}`, errnoName(e.errno)));
      }
    }
  }

  private dispatch(m: RecvMessage): void {
    const owner = m.recvType === RecvType.Response ? this.inFlight.get(m.msgid) : undefined;
    if (!owner || owner.msg) {
      this.deps.log.verbose(1, `Received a message with unexpected ID ${m.msgid} (type ${m.recvType}); ignored`);
      return;
    }
    owner.msg = m;
    owner.wake?.();
  }

  private failAll(e: Error): void {
    for (const f of this.inFlight.values()) {
      f.error ??= e;
      f.wake?.();
    }
  }

  /** No session to keep alive on this interface. */
  async keepalive(): Promise<void> {}

  /** Nothing to forget: there is no session. */
  abandon(): void {}

  close(): Promise<void> {
    this.closing ??= (async () => {
      // Requests still waiting end now ("No data available"); the reader stops after its poll slice.
      for (const f of this.inFlight.values()) f.wake?.();
      await this.pump;
      this.closeFd();
    })();
    return this.closing;
  }

  private closeFd(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined || !this.dev) return;
    try {
      this.dev.close(fd);
    } catch {
      // nothing useful to do
    }
  }
}

function toResponse(m: RecvMessage): IpmiResponse {
  if (m.data.length === 0) throw new DecodeError('the driver delivered a response without a completion code');
  return { cc: m.data[0]!, data: m.data.subarray(1) };
}

function describe(a: KernelAddr): string {
  return a.type === 'si' ? `system interface lun ${a.lun}` : `IPMB 0x${a.slaveAddr.toString(16)} channel ${a.channel} lun ${a.lun}`;
}
