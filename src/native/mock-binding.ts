/**
 * An in-memory stand-in for the ipmi_dev addon, for unit tests: device nodes that
 * open or fail with an errno, a responder function playing the BMC (and whatever
 * sits behind it on IPMB), replies delivered after a delay on an injected clock,
 * and records of everything sent. One instance per test; no global state.
 */
import type { Clock } from '../io.js';
import { BINDING_ABI, errnoNumber, type IpmiDevBinding, type RecvMessage, type SysCallError } from './binding.js';
import { decodeAddr, encodeAddr, RecvType, type KernelAddr } from './linux-ipmi.js';

/** glibc's strerror text for the errnos tests use. */
const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EBUSY: 'Device or resource busy',
  ENXIO: 'No such device or address',
  ENODEV: 'No such device',
  EIO: 'Input/output error',
  EINVAL: 'Invalid argument',
  EBADF: 'Bad file descriptor',
  ENOMEM: 'Cannot allocate memory',
  EMSGSIZE: 'Message too long',
};

export type ErrnoName = 'ENOENT' | 'EACCES' | 'EPERM' | 'EBUSY' | 'ENXIO' | 'ENODEV' | 'EIO' | 'EINVAL' | 'EBADF' | 'ENOMEM' | 'EMSGSIZE';

export function sysCallError(name: ErrnoName, syscall: string): SysCallError {
  const text = STRERROR[name] ?? name;
  return Object.assign(new Error(`${syscall}: ${text}`), { errno: errnoNumber(name), syscall, strerror: text });
}

/** A request as the mock BMC sees it (the addr decoded back from its struct ipmi_addr image). */
export interface MockRequest {
  fd: number;
  addr: KernelAddr;
  msgid: number;
  netfn: number;
  cmd: number;
  data: Buffer;
}

/** What the mock BMC does with a request: answer (after delayMs), or nothing at all. */
export interface MockReply {
  cc: number;
  data?: readonly number[] | Uint8Array;
  delayMs?: number;
  /** Answer under another msgid (a stale or foreign reply). */
  msgid?: number;
  recvType?: number;
}

export interface MockOptions {
  clock: Clock;
  /** Device nodes: 'ok' opens, an errno name fails open(2). Missing paths give ENOENT. Default: /dev/ipmi0 opens. */
  nodes?: Readonly<Record<string, 'ok' | ErrnoName>>;
  /** The BMC. Return undefined for silence, or several replies (duplicates, a stale one first, ...). */
  respond?: (req: MockRequest) => MockReply | readonly MockReply[] | undefined;
  /** IPMICTL_SEND_COMMAND fails with this errno. */
  sendErrno?: ErrnoName;
  /** IPMICTL_SET_MY_ADDRESS_CMD fails with this errno. */
  setAddressErrno?: ErrnoName;
}

interface OpenFile {
  path: string;
  queue: RecvMessage[];
  waiters: Set<() => void>;
}

export class MockIpmiDev implements IpmiDevBinding {
  readonly abi = BINDING_ABI;
  /** Every request that reached the device, in order. */
  readonly sent: MockRequest[] = [];
  /** Paths open(2) was called with, successful or not. */
  readonly openAttempts: string[] = [];
  readonly closed: number[] = [];
  myAddress = 0x20;
  myLun = 2;
  private readonly files = new Map<number, OpenFile>();
  private nextFd = 3;

  constructor(private readonly options: MockOptions) {}

  /** Descriptors currently open. */
  get openFds(): number[] {
    return [...this.files.keys()];
  }

  open(path: string): number {
    this.openAttempts.push(path);
    const state = (this.options.nodes ?? { '/dev/ipmi0': 'ok' })[path] ?? 'ENOENT';
    if (state !== 'ok') throw sysCallError(state, 'open');
    const fd = this.nextFd++;
    this.files.set(fd, { path, queue: [], waiters: new Set() });
    return fd;
  }

  close(fd: number): void {
    const f = this.file(fd, 'close');
    this.files.delete(fd);
    this.closed.push(fd);
    for (const w of [...f.waiters]) w();
  }

  send(fd: number, addr: Uint8Array, msgid: number, netfn: number, cmd: number, data: Uint8Array): void {
    this.file(fd, 'ioctl(IPMICTL_SEND_COMMAND)');
    if (this.options.sendErrno) throw sysCallError(this.options.sendErrno, 'ioctl(IPMICTL_SEND_COMMAND)');
    const decoded = decodeAddr(addr);
    if (!decoded) throw sysCallError('EINVAL', 'ioctl(IPMICTL_SEND_COMMAND)');
    const req: MockRequest = { fd, addr: decoded, msgid, netfn, cmd, data: Buffer.from(data) };
    this.sent.push(req);
    const r = this.options.respond?.(req);
    const replies: readonly MockReply[] = r === undefined ? [] : Array.isArray(r) ? r : [r as MockReply];
    for (const reply of replies) {
      const msg: RecvMessage = {
        recvType: reply.recvType ?? RecvType.Response,
        addr: encodeAddr(decoded),
        msgid: reply.msgid ?? msgid,
        netfn: netfn | 1,
        cmd,
        data: Buffer.from([reply.cc, ...(reply.data ?? [])]),
        truncated: false,
      };
      if (reply.delayMs) this.options.clock.setTimeout(() => this.deliver(fd, msg), reply.delayMs);
      else this.deliver(fd, msg);
    }
  }

  /** Queue a message on an open descriptor (events, foreign replies). */
  deliver(fd: number, msg: RecvMessage): void {
    const f = this.files.get(fd);
    if (!f) return; // closed meanwhile: the kernel drops it
    f.queue.push(msg);
    for (const w of [...f.waiters]) w();
  }

  receive(fd: number): RecvMessage | null {
    return this.file(fd, 'ioctl(IPMICTL_RECEIVE_MSG_TRUNC)').queue.shift() ?? null;
  }

  wait(fd: number, ms: number): Promise<boolean> {
    let f: OpenFile;
    try {
      f = this.file(fd, 'poll');
    } catch (e) {
      return Promise.reject(e as Error);
    }
    if (f.queue.length) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        f.waiters.delete(wake);
        this.options.clock.clearTimeout(timer);
      };
      const wake = (): void => {
        done();
        resolve(f.queue.length > 0);
      };
      const timer = this.options.clock.setTimeout(() => {
        done();
        resolve(false);
      }, ms);
      f.waiters.add(wake);
    });
  }

  setMyAddress(fd: number, addr: number): void {
    this.file(fd, 'ioctl(IPMICTL_SET_MY_ADDRESS_CMD)');
    if (this.options.setAddressErrno) throw sysCallError(this.options.setAddressErrno, 'ioctl(IPMICTL_SET_MY_ADDRESS_CMD)');
    this.myAddress = addr;
  }

  setMyLun(fd: number, lun: number): void {
    this.file(fd, 'ioctl(IPMICTL_SET_MY_LUN_CMD)');
    this.myLun = lun;
  }

  private file(fd: number, syscall: string): OpenFile {
    const f = this.files.get(fd);
    if (!f) throw sysCallError('EBADF', syscall);
    return f;
  }
}
