/** node:dgram behind the DatagramSocket seam: one connected UDP socket per BMC. */
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { TransportError } from '../errors.js';
import type { DatagramSocket } from '../io.js';

export interface UdpTarget {
  host: string;
  port: number;
  /** -4 / -6 */
  family?: 4 | 6;
}

export async function resolveHost(t: UdpTarget): Promise<{ address: string; family: 4 | 6 }> {
  try {
    const r = await lookup(t.host, t.family ? { family: t.family } : {});
    return { address: r.address, family: r.family === 6 ? 6 : 4 };
  } catch {
    // ipmitool's two lines (ipmi_intf_socket_connect, then its caller).
    throw new TransportError('Could not open socket!', 'host-lookup', [`Address lookup for ${t.host} failed`]);
  }
}

export async function connectUdp(t: UdpTarget): Promise<DatagramSocket> {
  const { address, family } = await resolveHost(t);
  const sock = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  let onError: (err: Error) => void = () => undefined;
  sock.on('error', (err) => onError(err));
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => reject(new TransportError(`Cannot reach ${t.host}:${t.port}: ${err.message}`, 'socket'));
    sock.once('error', fail);
    sock.connect(t.port, address, () => {
      sock.off('error', fail);
      resolve();
    });
  });
  let closed = false;
  return {
    send: (buf) =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        // Send errors (e.g. ECONNREFUSED from an earlier ICMP) are reported through onError.
        sock.send(buf, (err) => {
          if (err) onError(err);
          resolve();
        });
      }),
    onMessage: (cb) => {
      sock.on('message', (msg) => cb(msg));
    },
    onError: (cb) => {
      onError = cb;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        sock.close(() => resolve());
      }),
  };
}
