/**
 * A loopback UDP proxy between one client and a BMC: counts datagrams each way,
 * and can drop, delay or reorder them (seeded, so a failing run repeats).
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { prng as rng } from './prng.js';

export interface ProxyOptions {
  target: { host: string; port: number };
  /** Probability (0..1) of dropping a datagram, each direction. */
  dropRate?: number;
  /** Probability of holding a datagram back behind the next one. */
  reorderRate?: number;
  /** Delay every BMC -> client datagram by this many ms. */
  delayMs?: number;
  /** Drop the datagrams this picks (after they are counted), each direction. */
  drop?: (dir: 'toBmc' | 'toClient', msg: Buffer) => boolean;
  /** Send the datagrams this picks twice (a duplicating network), each direction. */
  duplicate?: (dir: 'toBmc' | 'toClient', msg: Buffer) => boolean;
  /** Forward only this many BMC -> client datagrams, then go dark (the BMC "hangs" mid-session). */
  repliesBeforeDark?: number;
  seed?: number;
}

export interface UdpProxy {
  host: string;
  port: number;
  /** Datagrams forwarded client -> BMC and BMC -> client. */
  counts(): { toBmc: number; toClient: number; dropped: number };
  /** Date.now() of each client -> BMC datagram received, dropped or not. */
  readonly arrivals: number[];
  reset(): void;
  /** Stop forwarding replies (the BMC "goes dark"). */
  blackhole(on: boolean): void;
  close(): Promise<void>;
}

export async function startUdpProxy(o: ProxyOptions): Promise<UdpProxy> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  const random = rng(o.seed ?? 1);
  let client: { address: string; port: number } | undefined;
  let toBmc = 0;
  let toClient = 0;
  let dropped = 0;
  let dark = false;
  const arrivals: number[] = [];
  const held: { toBmc?: Buffer; toClient?: Buffer } = {};

  const forward = (dir: 'toBmc' | 'toClient', msg: Buffer, send: (m: Buffer) => void): void => {
    if (o.drop?.(dir, msg) || ((o.dropRate ?? 0) > 0 && random() < o.dropRate!)) {
      dropped++;
      return;
    }
    if ((o.reorderRate ?? 0) > 0 && !held[dir] && random() < o.reorderRate!) {
      held[dir] = msg;
      // Released behind the next datagram, or after 50 ms at the latest.
      setTimeout(() => {
        const h = held[dir];
        if (h) {
          held[dir] = undefined;
          send(h);
        }
      }, 50).unref();
      return;
    }
    send(msg);
    if (o.duplicate?.(dir, msg)) send(msg);
    const h = held[dir];
    if (h) {
      held[dir] = undefined;
      send(h);
    }
  };

  front.on('message', (msg, rinfo) => {
    client = { address: rinfo.address, port: rinfo.port };
    toBmc++;
    arrivals.push(Date.now());
    forward('toBmc', msg, (m) => back.send(m, o.target.port, o.target.host));
  });
  back.on('message', (msg) => {
    if (o.repliesBeforeDark !== undefined && toClient >= o.repliesBeforeDark) dark = true;
    if (dark || !client) return;
    toClient++;
    const c = client;
    const send = (m: Buffer): void => {
      if (o.delayMs) setTimeout(() => front.send(m, c.port, c.address), o.delayMs).unref();
      else front.send(m, c.port, c.address);
    };
    forward('toClient', msg, send);
  });
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', r));
  await new Promise<void>((r) => back.bind(0, '127.0.0.1', r));
  return {
    host: '127.0.0.1',
    port: (front.address() as AddressInfo).port,
    counts: () => ({ toBmc, toClient, dropped }),
    arrivals,
    reset: () => {
      toBmc = 0;
      toClient = 0;
      dropped = 0;
    },
    blackhole: (on) => {
      dark = on;
    },
    close: async () => {
      await new Promise<void>((r) => front.close(() => r()));
      await new Promise<void>((r) => back.close(() => r()));
    },
  };
}
