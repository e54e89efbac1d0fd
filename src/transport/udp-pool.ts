/**
 * The UDP sockets of a fleet run: the same `connect(UdpTarget) -> DatagramSocket` seam as
 * udp.ts, in one of two modes.
 *
 * 'connected' (the default): a connected socket per session, connected at the session's start and
 * disconnected at its end for the next session, so at most --fanout sockets. The kernel then matches replies to sessions,
 * and an ICMP port-unreachable reaches the session as ECONNREFUSED: a host where nothing listens
 * fails at once with "Connection refused", as in a one-host run, instead of after its whole
 * retry budget (unconnected sockets never see ICMP errors; Node has no IP_RECVERR). Connecting
 * costs a system call or two per host.
 *
 * 'shared': sessions share a few unconnected sockets, at most `perSocket` sessions each, with a
 * receive buffer sized for the burst of replies a fan-out provokes (the kernel caps it at
 * net.core.rmem_max); replies are matched by source address and port, so a second session to
 * one address (a BMC named twice) gets another socket. Idle sockets stay for reuse until close().
 * A refused host looks silent here (a timeout). For fan-outs beyond the file descriptor limit.
 */
import dgram from 'node:dgram';
import type { DatagramSocket } from '../io.js';
import { TransportError } from '../errors.js';
import { resolveHost, type UdpTarget } from './udp.js';

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

/** A connected socket of the pool: `sub` is the session using it now, `peer` its address|port. */
interface Own {
  sock: dgram.Socket;
  sub: Subscriber | undefined;
  peer: string;
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
  const own = new Set<Own>();
  const idle: Record<4 | 6, Own[]> = { 4: [], 6: [] };
  let closed = false;

  /**
   * A connected socket for one session: the kernel filters by peer and reports ICMP errors. At the
   * session's end the socket is disconnected and kept for the next session (connecting a kept
   * socket costs half the CPU of a new one); a datagram still queued from the old peer is dropped
   * by its source address.
   */
  const connectOwn = async (address: string, family: 4 | 6, port: number): Promise<DatagramSocket> => {
    const c = idle[family].pop() ?? ownSocket(family);
    c.sub = {};
    c.peer = '';
    try {
      await new Promise<void>((res, rej) => {
        c.sock.once('error', rej);
        c.sock.connect(port, address, () => {
          c.sock.off('error', rej);
          res();
        });
      });
    } catch (e) {
      c.sub = undefined;
      own.delete(c);
      c.sock.close();
      throw new TransportError(`Cannot reach ${address}:${port}: ${(e as Error).message}`, 'socket');
    }
    c.peer = `${address}|${port}`;
    const sub = c.sub;
    const mine = (): boolean => c.sub === sub;
    return {
      send: (buf) =>
        new Promise<void>((res) => {
          if (!mine()) return res();
          c.sock.send(buf, (err) => {
            if (err && mine()) sub.onError?.(err);
            res();
          });
        }),
      onMessage: (cb) => void (sub.onMessage = cb),
      onError: (cb) => void (sub.onError = cb),
      close: async () => {
        if (!mine()) return;
        c.sub = undefined;
        c.peer = '';
        if (closed) return;
        try {
          c.sock.disconnect();
          idle[family].push(c);
        } catch {
          own.delete(c);
          c.sock.close();
        }
      },
    };
  };

  const ownSocket = (family: 4 | 6): Own => {
    const sock = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
    const c: Own = { sock, sub: undefined, peer: '' };
    sock.on('message', (msg, rinfo) => {
      if (c.peer === `${rinfo.address}|${rinfo.port}`) c.sub?.onMessage?.(msg);
    });
    sock.on('error', (err) => c.sub?.onError?.(err));
    own.add(c);
    return c;
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
      if ((o.mode ?? 'connected') === 'connected') return connectOwn(address, family, t.port);
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
    stats: () => ({ sockets: sockets.length + own.size, sessions: sockets.reduce((n, s) => n + s.subs.size, own.size - idle[4].length - idle[6].length) }),
    async close() {
      closed = true;
      const all = [...sockets.splice(0).map((s) => s.sock), ...[...own].map((c) => c.sock)];
      own.clear();
      idle[4] = [];
      idle[6] = [];
      await Promise.all(all.map((sock) => new Promise<void>((res) => sock.close(() => res()))));
    },
  };
}
