/**
 * Many BMC sessions over few UDP sockets (the fleet fan-out): implements the same
 * `connect(UdpTarget) -> DatagramSocket` seam as udp.ts, but on shared, unconnected sockets.
 *
 * Replies are matched by source address and port: a socket carries at most one session per
 * BMC address, so a second session to the same address (one BMC named twice) gets another
 * socket, and the session layer (session ID, sequence numbers, integrity) sorts out the rest
 * as it does on a socket of its own. Sockets are opened as needed, at most `perSocket`
 * sessions each, with a receive buffer sized for the burst of replies a fan-out provokes
 * (the kernel caps it at net.core.rmem_max). Idle sockets stay for reuse until close().
 *
 * Unconnected sockets do not see ICMP port-unreachable: a BMC with nothing listening looks
 * silent (a timeout) here, where a one-host run reports "Connection refused".
 */
import dgram from 'node:dgram';
import type { DatagramSocket } from '../io.js';
import { resolveHost, type UdpTarget } from './udp.js';

export interface UdpPoolOptions {
  /** Sessions per socket before another socket is opened (default 256). */
  perSocket?: number;
  /** SO_RCVBUF wanted per socket in bytes (default 4 MiB). */
  recvBufferSize?: number;
  /** Address lookup (default: udp.ts resolveHost, i.e. the system resolver). */
  resolve?(t: UdpTarget): Promise<{ address: string; family: 4 | 6 }>;
}

export interface UdpPool {
  connect(t: UdpTarget): Promise<DatagramSocket>;
  /** Sockets opened, sessions attached now. */
  stats(): { sockets: number; sessions: number };
  close(): Promise<void>;
}

interface Subscriber {
  onMessage?: (msg: Buffer) => void;
  onError?: (err: Error) => void;
}

interface Shared {
  sock: dgram.Socket;
  family: 4 | 6;
  ready: Promise<void>;
  subs: Map<string, Subscriber>;
}

export function createUdpPool(o: UdpPoolOptions = {}): UdpPool {
  const perSocket = o.perSocket ?? 256;
  const recvBufferSize = o.recvBufferSize ?? 4 * 1024 * 1024;
  const resolve = o.resolve ?? resolveHost;
  const sockets: Shared[] = [];
  let closed = false;

  const open = (family: 4 | 6): Shared => {
    const sock = dgram.createSocket({ type: family === 6 ? 'udp6' : 'udp4', recvBufferSize, sendBufferSize: 1024 * 1024 });
    const shared: Shared = { sock, family, subs: new Map(), ready: Promise.resolve() };
    sock.on('message', (msg, rinfo) => shared.subs.get(`${rinfo.address}|${rinfo.port}`)?.onMessage?.(msg));
    sock.on('error', (err) => {
      for (const s of shared.subs.values()) s.onError?.(err);
    });
    shared.ready = new Promise<void>((res, rej) => {
      sock.once('error', rej);
      sock.bind({ port: 0, address: family === 6 ? '::' : '0.0.0.0', exclusive: true }, () => {
        sock.off('error', rej);
        res();
      });
    });
    sockets.push(shared);
    return shared;
  };

  const pick = (family: 4 | 6, key: string): Shared => {
    let best: Shared | undefined;
    for (const s of sockets) {
      if (s.family !== family || s.subs.has(key) || s.subs.size >= perSocket) continue;
      if (!best || s.subs.size < best.subs.size) best = s;
    }
    return best ?? open(family);
  };

  return {
    async connect(t) {
      if (closed) throw new Error('UDP pool is closed');
      const { address, family } = await resolve(t);
      const key = `${address}|${t.port}`;
      const shared = pick(family, key);
      const sub: Subscriber = {};
      shared.subs.set(key, sub);
      shared.sock.ref();
      await shared.ready;
      let gone = false;
      return {
        send: (buf) =>
          new Promise<void>((res) => {
            if (gone || closed) return res();
            shared.sock.send(buf, t.port, address, (err) => {
              if (err) sub.onError?.(err);
              res();
            });
          }),
        onMessage: (cb) => void (sub.onMessage = cb),
        onError: (cb) => void (sub.onError = cb),
        close: async () => {
          if (gone) return;
          gone = true;
          if (shared.subs.get(key) === sub) shared.subs.delete(key);
          // An idle socket must not keep the process alive; it stays for the next session.
          if (shared.subs.size === 0 && !closed) shared.sock.unref();
        },
      };
    },
    stats: () => ({ sockets: sockets.length, sessions: sockets.reduce((n, s) => n + s.subs.size, 0) }),
    async close() {
      closed = true;
      await Promise.all(sockets.splice(0).map((s) => new Promise<void>((res) => s.sock.close(() => res()))));
    },
  };
}
