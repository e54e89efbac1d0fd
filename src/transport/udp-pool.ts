/**
 * The UDP sockets of a fleet run: the same `connect(UdpTarget) -> DatagramSocket` seam as
 * udp.ts, in one of two modes.
 *
 * 'connected' (the default): a connected socket per session, opened at the session's start and
 * closed at its end, so at most --fanout at once. The kernel then matches replies to sessions,
 * and an ICMP port-unreachable reaches the session as ECONNREFUSED: a host where nothing listens
 * fails at once with "Connection refused", as in a one-host run, instead of after its whole
 * retry budget (unconnected sockets never see ICMP errors; Node has no IP_RECVERR). Opening and
 * closing a socket costs a few system calls per host, nothing measurable next to the handshake.
 *
 * 'shared': sessions share a few unconnected sockets, at most `perSocket` sessions each, with a
 * receive buffer sized for the burst of replies a fan-out provokes (the kernel caps it at
 * net.core.rmem_max); replies are matched by source address and port, so a second session to
 * one address (a BMC named twice) gets another socket. Idle sockets stay for reuse until close().
 * A refused host looks silent here (a timeout). For fan-outs beyond the file descriptor limit.
 */
import dgram from 'node:dgram';
import type { DatagramSocket } from '../io.js';
import { openConnected, resolveHost, type UdpTarget } from './udp.js';

export interface UdpPoolOptions {
  /** 'connected' (default): a socket per session; 'shared': few sockets for all (see above). */
  mode?: 'connected' | 'shared';
  /** Sessions per socket before another socket is opened (default 256). */
  perSocket?: number;
  /** SO_RCVBUF wanted per shared socket in bytes (default 4 MiB). */
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
  const own = new Set<DatagramSocket>();
  let closed = false;

  /** A connected socket for one session (udp.ts): the kernel filters by peer and reports ICMP errors. */
  const connectOwn = async (address: string, family: 4 | 6, t: UdpTarget): Promise<DatagramSocket> => {
    const sock = await openConnected(address, family, t.port, t.host);
    if (closed) {
      await sock.close();
      throw new Error('UDP pool is closed');
    }
    own.add(sock);
    return { ...sock, close: () => (own.delete(sock) ? sock.close() : Promise.resolve()) };
  };

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
      if ((o.mode ?? 'connected') === 'connected') return connectOwn(address, family, t);
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
    stats: () => ({ sockets: sockets.length + own.size, sessions: sockets.reduce((n, s) => n + s.subs.size, own.size) }),
    async close() {
      closed = true;
      const mine = [...own];
      own.clear();
      await Promise.all([...sockets.splice(0).map((s) => new Promise<void>((res) => s.sock.close(() => res()))), ...mine.map((s) => s.close())]);
    },
  };
}
