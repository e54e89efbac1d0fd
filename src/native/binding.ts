/**
 * The ipmi_dev addon as TypeScript sees it (native/src/ipmi_dev.cc): file descriptors,
 * raw kernel address bytes and message bodies in, the same out. The real addon and the
 * in-memory mock (mock-binding.ts) both fill this interface.
 */
import { constants } from 'node:os';

/** Bumped in ipmi_dev.cc when the exports change; the loader refuses other revisions. */
export const BINDING_ABI = 1;

/** One message taken off the device queue (struct ipmi_recv). */
export interface RecvMessage {
  /** IPMI_RESPONSE_RECV_TYPE (1), IPMI_ASYNC_EVENT_RECV_TYPE (2), ... (linux-ipmi.ts). */
  recvType: number;
  /** struct ipmi_addr bytes as the kernel filled them. */
  addr: Buffer;
  msgid: number;
  netfn: number;
  cmd: number;
  /** For responses: completion code, then the response data. */
  data: Buffer;
  /** The kernel cut the message to the receive buffer (EMSGSIZE with _TRUNC). */
  truncated: boolean;
}

export interface IpmiDevBinding {
  readonly abi: number;
  /** open(2) O_RDWR; throws a SysCallError. */
  open(path: string): number;
  close(fd: number): void;
  /** IPMICTL_SEND_COMMAND: `addr` is a struct ipmi_addr image (encodeAddr in linux-ipmi.ts). */
  send(fd: number, addr: Uint8Array, msgid: number, netfn: number, cmd: number, data: Uint8Array): void;
  /** IPMICTL_RECEIVE_MSG_TRUNC; null when nothing is queued (EAGAIN). */
  receive(fd: number): RecvMessage | null;
  /** poll(2) for POLLIN, at most `ms`; true when a message is queued. */
  wait(fd: number, ms: number): Promise<boolean>;
  /** IPMICTL_SET_MY_ADDRESS_CMD: our IPMB address (the requester address of bridged messages). */
  setMyAddress(fd: number, addr: number): void;
  /** IPMICTL_SET_MY_LUN_CMD. */
  setMyLun(fd: number, lun: number): void;
  /** One datagram to a unix socket ('@name': abstract), for sd_notify; absent in addons built before it. */
  notify?(path: string, message: string): void;
}

/** What the addon throws: errno and the C library's text for it. */
export interface SysCallError extends Error {
  errno: number;
  syscall: string;
  strerror: string;
}

export function isSysCallError(e: unknown): e is SysCallError {
  return e instanceof Error && typeof (e as Partial<SysCallError>).errno === 'number';
}

/** errno number -> name ('ENOENT'), from node's table for this platform. */
export function errnoName(errno: number): string | undefined {
  for (const [name, value] of Object.entries(constants.errno)) if (value === errno) return name;
  return undefined;
}

/** errno name -> number (for mocks and tests). */
export function errnoNumber(name: keyof typeof constants.errno): number {
  return constants.errno[name];
}
