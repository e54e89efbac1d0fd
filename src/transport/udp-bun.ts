/**
 * Bun's native UDP socket (Bun.udpSocket) behind the DatagramSocket seam, for the Bun executable.
 * Under Bun, node:dgram's first connect loads node:cluster and node:child_process: ~9 ms of CPU and
 * ~5 MiB per run (docs/benchmarks.md, "Fast start"). Same contract as udp.ts's connectUdp.
 */
import { TransportError } from '../errors.js';
import type { DatagramSocket } from '../io.js';
import type { UdpTarget } from './udp.js';

/** The part of Bun.udpSocket used here (Bun's own types are not a dependency of the npm package). */
interface BunConnectedUdp {
  send(data: Uint8Array): boolean;
  close(): void;
  readonly closed: boolean;
}
interface BunUdpOptions {
  binaryType: 'buffer';
  hostname: string;
  connect: { hostname: string; port: number };
  socket: {
    data(socket: BunConnectedUdp, data: Buffer): void;
    drain(socket: BunConnectedUdp): void;
    error(socket: BunConnectedUdp, err?: Error): void;
  };
}
export type BunUdp = (o: BunUdpOptions) => Promise<BunConnectedUdp>;

/** Bun.udpSocket when running under Bun, else undefined (Node: udp.ts). */
export function bunUdp(): BunUdp | undefined {
  return (globalThis as { Bun?: { udpSocket?: BunUdp } }).Bun?.udpSocket;
}

/**
 * Bun calls the error handler without an error (1.4.5): on a connected socket that is an ICMP error
 * queued by the kernel, on a BMC address nearly always "port unreachable", so it is reported as
 * ECONNREFUSED, as node:dgram reports it.
 */
function refused(err: Error | undefined): Error {
  return err ?? Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
}

/** A dotted-quad IPv4 address, which needs no lookup (the resolver would give it back as it is). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The address to send to: an IPv4 literal as it is (no node:dns: ~3 ms and ~3 MiB under Bun), else the resolver's answer. */
async function addressOf(t: UdpTarget): Promise<{ address: string; family: 4 | 6 }> {
  if (IPV4.test(t.host) && t.family !== 6) return { address: t.host, family: 4 };
  return (await import('./udp.js')).resolveHost(t);
}

export async function connectBunUdp(udpSocket: BunUdp, t: UdpTarget): Promise<DatagramSocket> {
  const { address, family } = await addressOf(t);
  let onMessage: (msg: Buffer) => void = () => undefined;
  let onError: (err: Error) => void = () => undefined;
  let drained: (() => void) | undefined;
  let sock: BunConnectedUdp;
  try {
    sock = await udpSocket({
      binaryType: 'buffer',
      hostname: family === 6 ? '::' : '0.0.0.0',
      connect: { hostname: address, port: t.port },
      socket: {
        data: (_s, data) => onMessage(data),
        drain: () => drained?.(),
        error: (_s, err) => onError(refused(err)),
      },
    });
  } catch (e) {
    throw new TransportError(`Cannot reach ${t.host}:${t.port}: ${(e as Error).message}`, 'socket');
  }
  const sendNow = (buf: Uint8Array): boolean => {
    try {
      return sock.send(buf);
    } catch (e) {
      onError(e as Error);
      return true;
    }
  };
  return {
    send: async (buf) => {
      if (sock.closed || sendNow(buf)) return;
      // The kernel's send buffer is full: once more when the socket can write again (a datagram lost
      // after that is the retransmission's business, as on the network).
      await new Promise<void>((resolve) => {
        drained = resolve;
      });
      drained = undefined;
      if (!sock.closed) sendNow(buf);
    },
    onMessage: (cb) => {
      onMessage = cb;
    },
    onError: (cb) => {
      onError = cb;
    },
    close: async () => {
      if (!sock.closed) sock.close();
      drained?.();
    },
  };
}
