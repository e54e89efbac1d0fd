// @ts-check
/**
 * A UDP forwarding proxy that counts datagrams. It sits between a client
 * (ipmitool or ipmits) and the simulated BMC, so that both clients' round trips
 * are counted the same way without trusting either one's own reports.
 *
 *   client ──▶ front socket (127.0.0.1:<port>) ──▶ upstream socket (one per client
 *   address:port, "flow") ──▶ BMC, and BMC replies go back the same way.
 *
 * Counting works per flow. A client->BMC datagram opens a request. If the BMC
 * answers before the client sends its next datagram, that request/response
 * pair is one round trip. A client datagram that arrives while the previous
 * one is still open counts as unanswered (a retry, or a datagram the BMC dropped).
 * A BMC datagram with no open request counts as unsolicited (for example SOL
 * data the BMC pushes). IPMI over LAN has one request in flight at a time, so
 * this matches "one request answered by one response".
 *
 * Loopback only: every socket binds to a 127.0.0.0/8 address.
 */
import dgram from 'node:dgram';

/**
 * @typedef {object} ProxyCounters
 * @property {number} toBmc       client -> BMC datagrams
 * @property {number} fromBmc     BMC -> client datagrams
 * @property {number} roundTrips  client datagrams answered by the BMC
 * @property {number} unanswered  client datagrams with no answer (retries, drops)
 * @property {number} unsolicited BMC datagrams with no open request
 * @property {number} bytesToBmc
 * @property {number} bytesFromBmc
 * @property {number} flows       distinct client address:port pairs seen
 */

/** @returns {ProxyCounters} */
function zero() {
  return { toBmc: 0, fromBmc: 0, roundTrips: 0, unanswered: 0, unsolicited: 0, bytesToBmc: 0, bytesFromBmc: 0, flows: 0 };
}

/**
 * @param {{ targetHost: string, targetPort: number, host?: string }} o
 */
export async function startProxy({ targetHost, targetPort, host = '127.0.0.1' }) {
  if (!/^127\./.test(host) || !/^127\./.test(targetHost)) throw new Error('proxy: loopback (127.0.0.0/8) only');
  const front = dgram.createSocket({ type: 'udp4', reuseAddr: false });
  /** @type {Map<string, { up: dgram.Socket, open: boolean, addr: string, port: number }>} */
  let flows = new Map();
  let c = zero();
  let lastPacket = process.hrtime.bigint();

  front.on('error', () => { /* loopback; a client that vanished is not our problem */ });
  front.on('message', (msg, rinfo) => {
    lastPacket = process.hrtime.bigint();
    const key = `${rinfo.address}:${rinfo.port}`;
    let f = flows.get(key);
    if (!f) {
      const up = dgram.createSocket({ type: 'udp4', reuseAddr: false });
      const flow = { up, open: false, addr: rinfo.address, port: rinfo.port };
      up.on('error', () => {});
      up.on('message', (reply) => {
        lastPacket = process.hrtime.bigint();
        c.fromBmc++;
        c.bytesFromBmc += reply.length;
        if (flow.open) { c.roundTrips++; flow.open = false; } else c.unsolicited++;
        front.send(reply, flow.port, flow.addr);
      });
      // Node queues send() calls made while the bind is in progress.
      up.bind({ address: host, port: 0, exclusive: true });
      flows.set(key, flow);
      c.flows++;
      f = flow;
    }
    c.toBmc++;
    c.bytesToBmc += msg.length;
    if (f.open) c.unanswered++;
    f.open = true;
    f.up.send(msg, targetPort, targetHost);
  });
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.bind({ address: host, port: 0, exclusive: true }, () => { front.off('error', reject); resolve(undefined); });
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
      for (const f of flows.values()) if (f.open) open++;
      return { ...c, unanswered: c.unanswered + open };
    },
    /** Milliseconds since the last datagram in either direction. */
    idleMs() { return Number(process.hrtime.bigint() - lastPacket) / 1e6; },
    close() {
      for (const f of flows.values()) f.up.close();
      flows = new Map();
      front.close();
    },
  };
}
