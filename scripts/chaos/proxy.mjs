// @ts-check
/**
 * The chaos proxy: a seeded, fault-injecting UDP forwarder between ONE client and a BMC, on
 * loopback. Every decision (drop, duplicate, hold back, damage) is drawn from a PRNG seeded per
 * run, so a failing run repeats with the same seed (timing can still shift which datagram a
 * draw lands on when the client retransmits).
 *
 *   client ──▶ front (127.0.0.1:port) ──▶ back ──▶ BMC, replies the same way back.
 *
 * Faults, each per datagram and direction:
 *   lossToBmc / lossToClient   drop
 *   dupRate                     send twice
 *   reorderRate                 hold back behind the next datagram (at most 50 ms)
 *   damage(pkt, rnd)            BMC -> client only: returns what to deliver instead (a list:
 *                               [] drops, [bad, pkt] sends a damaged copy before the real one)
 *   dark                        drop every reply (the BMC went silent); `darkAfter` = after N replies
 */
import dgram from 'node:dgram';

/** mulberry32: small, seeded, repeatable. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from a base seed and a run's labels (FNV-1a). */
export function seedOf(base, ...labels) {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (const ch of labels.join('/')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/**
 * @typedef {object} Faults
 * @property {number} [lossToBmc]
 * @property {number} [lossToClient]
 * @property {number} [dupRate]
 * @property {number} [reorderRate]
 * @property {(pkt: Buffer, rnd: () => number) => Buffer[]} [damage]
 * @property {boolean} [dark]
 * @property {number} [darkAfter]
 */

/**
 * @param {{ host: string, port: number }} target
 * @param {Faults} faults
 * @param {number} seed
 */
export async function startChaosProxy(target, faults, seed) {
  if (!/^127\./.test(target.host)) throw new Error('chaos proxy: loopback (127.0.0.0/8) only');
  const rnd = prng(seed);
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  front.on('error', () => {});
  back.on('error', () => {});
  /** @type {{ address: string, port: number } | undefined} */
  let client;
  const n = { toBmc: 0, toClient: 0, dropped: 0, duplicated: 0, reordered: 0, damaged: 0 };
  /** @type {Record<'toBmc'|'toClient', Buffer | undefined>} */
  const held = { toBmc: undefined, toClient: undefined };
  let closed = false;

  /** @param {'toBmc'|'toClient'} dir @param {Buffer} msg @param {(m: Buffer) => void} send */
  const forward = (dir, msg, send) => {
    const loss = dir === 'toBmc' ? faults.lossToBmc : faults.lossToClient;
    if (loss && rnd() < loss) {
      n.dropped++;
      return;
    }
    const copies = faults.dupRate && rnd() < faults.dupRate ? 2 : 1;
    if (copies === 2) n.duplicated++;
    if (faults.reorderRate && !held[dir] && rnd() < faults.reorderRate) {
      n.reordered++;
      held[dir] = msg;
      setTimeout(() => {
        const h = held[dir];
        held[dir] = undefined;
        if (h) send(h);
      }, 50).unref();
      if (copies === 2) send(msg);
      return;
    }
    for (let i = 0; i < copies; i++) send(msg);
    const h = held[dir];
    if (h) {
      held[dir] = undefined;
      send(h);
    }
  };

  front.on('message', (msg, r) => {
    client = { address: r.address, port: r.port };
    n.toBmc++;
    forward('toBmc', msg, (m) => closed || back.send(m, target.port, target.host));
  });
  back.on('message', (msg) => {
    if (!client) return;
    n.toClient++;
    if (faults.dark || (faults.darkAfter !== undefined && n.toClient > faults.darkAfter)) {
      n.dropped++;
      return;
    }
    const c = client;
    const send = (/** @type {Buffer} */ m) => closed || front.send(m, c.port, c.address);
    if (faults.damage) {
      const out = faults.damage(msg, rnd);
      if (out.length !== 1 || out[0] !== msg) n.damaged++;
      for (const m of out) forward('toClient', m, send);
      return;
    }
    forward('toClient', msg, send);
  });
  await new Promise((res) => front.bind(0, '127.0.0.1', () => res(undefined)));
  await new Promise((res) => back.bind(0, '127.0.0.1', () => res(undefined)));
  return {
    host: '127.0.0.1',
    port: front.address().port,
    counts: () => ({ ...n }),
    close: () => {
      closed = true;
      front.close();
      back.close();
    },
  };
}
