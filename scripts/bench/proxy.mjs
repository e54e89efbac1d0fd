// @ts-check
/**
 * A UDP forwarding proxy that counts datagrams. It sits between a client
 * (ipmitool or ipmits) and the simulated BMC, so that both clients' round trips
 * are counted the same way without trusting either one's own reports.
 *
 *   client ──▶ front socket (127.0.0.1:<port>) ──▶ upstream socket (one per client
 *   address:port, "flow") ──▶ BMC, and BMC replies go back the same way.
 *
 * Counting works per flow. A client->BMC datagram opens a request; a BMC
 * datagram answers the oldest open one, and that request/response pair is one
 * round trip. Requests still open at the end count as unanswered (retries, or
 * datagrams the BMC dropped). A BMC datagram with no open request counts as
 * unsolicited (for example SOL data the BMC pushes). A client that keeps
 * several requests in flight (ipmits' sensor readings) still gets one round
 * trip per request/response pair; `bursts` counts how often the flow went
 * from nothing open to something open, i.e. the request/response *latencies*
 * the client waited for in sequence (= roundTrips for a one-at-a-time client).
 *
 * `delayMs` holds every datagram that long in each direction (a network with
 * a round-trip time of 2 x delayMs), to see what pipelining does off loopback.
 *
 * Loopback only: every socket binds to a 127.0.0.0/8 address.
 */
import dgram from 'node:dgram';

/**
 * @typedef {object} ProxyCounters
 * @property {number} toBmc       client -> BMC datagrams
 * @property {number} fromBmc     BMC -> client datagrams
 * @property {number} roundTrips  client datagrams answered by the BMC
 * @property {number} bursts      times the flow went from no open request to one (sequential waits)
 * @property {number} unanswered  client datagrams with no answer (retries, drops)
 * @property {number} unsolicited BMC datagrams with no open request
 * @property {number} bytesToBmc
 * @property {number} bytesFromBmc
 * @property {number} flows       distinct client address:port pairs seen
 */

/** @returns {ProxyCounters} */
function zero() {
  return { toBmc: 0, fromBmc: 0, roundTrips: 0, bursts: 0, unanswered: 0, unsolicited: 0, bytesToBmc: 0, bytesFromBmc: 0, flows: 0 };
}

/**
 * @param {{ targetHost: string, targetPort: number, host?: string, delayMs?: number }} o
 */
export async function startProxy({ targetHost, targetPort, host = '127.0.0.1', delayMs = 0 }) {
  /** @param {() => void} f */
  const later = (f) => (delayMs > 0 ? void setTimeout(f, delayMs) : f());
  if (!/^127\./.test(host) || !/^127\./.test(targetHost)) throw new Error('proxy: loopback (127.0.0.0/8) only');
  const front = dgram.createSocket({ type: 'udp4', reuseAddr: false });
  /** @type {Map<string, { up: dgram.Socket, open: number, addr: string, port: number }>} */
  let flows = new Map();
  let c = zero();
  let lastPacket = process.hrtime.bigint();

  front.on('error', () => {
    /* loopback; a client that vanished is not our problem */
  });
  front.on('message', (msg, rinfo) => {
    lastPacket = process.hrtime.bigint();
    const key = `${rinfo.address}:${rinfo.port}`;
    let f = flows.get(key);
    if (!f) {
      const up = dgram.createSocket({ type: 'udp4', reuseAddr: false });
      const flow = { up, open: 0, addr: rinfo.address, port: rinfo.port };
      up.on('error', () => {});
      up.on('message', (reply) => {
        lastPacket = process.hrtime.bigint();
        c.fromBmc++;
        c.bytesFromBmc += reply.length;
        if (flow.open > 0) {
          c.roundTrips++;
          flow.open--;
        } else c.unsolicited++;
        later(() => front.send(reply, flow.port, flow.addr));
      });
      // Node queues send() calls made while the bind is in progress.
      up.bind({ address: host, port: 0, exclusive: true });
      flows.set(key, flow);
      c.flows++;
      f = flow;
    }
    c.toBmc++;
    c.bytesToBmc += msg.length;
    if (f.open === 0) c.bursts++;
    f.open++;
    const up = f.up;
    later(() => up.send(msg, targetPort, targetHost));
  });
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.bind({ address: host, port: 0, exclusive: true }, () => {
      front.off('error', reject);
      resolve(undefined);
    });
  });
  const port = front.address().port;

  return {
    host,
    port,
    /** Forget all flows and zero the counters (call between runs). */
    reset() {
      for (const f of flows.values()) f.up.close();
      flows = new Map();
      c = zero();
    },
    /** Counters since the last reset; requests still open count as unanswered. @returns {ProxyCounters} */
    counters() {
      let open = 0;
      for (const f of flows.values()) open += f.open;
      return { ...c, unanswered: c.unanswered + open };
    },
    /** Milliseconds since the last datagram in either direction. */
    idleMs() {
      return Number(process.hrtime.bigint() - lastPacket) / 1e6;
    },
    close() {
      for (const f of flows.values()) f.up.close();
      flows = new Map();
      front.close();
    },
  };
}
