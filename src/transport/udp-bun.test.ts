import { describe, expect, it } from 'vitest';
import { bunUdp, connectBunUdp, type BunUdp } from './udp-bun.js';

/** A stand-in for Bun.udpSocket: records what is sent, lets the test play the kernel. */
function fakeBun(sendResults: boolean[] = []) {
  const sent: number[][] = [];
  let handlers: Parameters<BunUdp>[0]['socket'] | undefined;
  let options: Parameters<BunUdp>[0] | undefined;
  const sock = {
    closed: false,
    send(data: Uint8Array) {
      sent.push([...data]);
      return sendResults.shift() ?? true;
    },
    close() {
      sock.closed = true;
    },
  };
  const udpSocket: BunUdp = async (o) => {
    options = o;
    handlers = o.socket;
    return sock;
  };
  return { udpSocket, sent, sock, handlers: () => handlers!, options: () => options! };
}

describe('connectBunUdp: Bun.udpSocket behind the DatagramSocket seam', () => {
  it('not under Bun (vitest runs on Node): no Bun socket offered', () => {
    expect(bunUdp()).toBeUndefined();
  });

  it('connects to the resolved address, sends, hands replies on, closes', async () => {
    const f = fakeBun();
    const s = await connectBunUdp(f.udpSocket, { host: '127.0.0.1', port: 623 });
    expect(f.options()).toMatchObject({ hostname: '0.0.0.0', connect: { hostname: '127.0.0.1', port: 623 }, binaryType: 'buffer' });
    const got: string[] = [];
    s.onMessage((m) => got.push(m.toString('hex')));
    await s.send(Buffer.from([6, 0, 0xff, 7]));
    f.handlers().data(f.sock, Buffer.from([1, 2]));
    expect(f.sent).toEqual([[6, 0, 0xff, 7]]);
    expect(got).toEqual(['0102']);
    await s.close();
    expect(f.sock.closed).toBe(true);
    await s.send(Buffer.from([1])); // after close: nothing sent
    expect(f.sent.length).toBe(1);
  });

  it('an IPv4 literal is used as it is; a name goes to the resolver (localhost: /etc/hosts)', async () => {
    const f = fakeBun();
    await connectBunUdp(f.udpSocket, { host: '10.1.2.3', port: 623 });
    expect(f.options().connect.hostname).toBe('10.1.2.3');
    await connectBunUdp(f.udpSocket, { host: 'localhost', port: 623, family: 4 });
    expect(f.options().connect.hostname).toBe('127.0.0.1');
  });

  it('an error without an Error (what Bun 1.4.5 passes for an ICMP port unreachable) is ECONNREFUSED', async () => {
    const f = fakeBun();
    const s = await connectBunUdp(f.udpSocket, { host: '127.0.0.1', port: 9 });
    const errors: unknown[] = [];
    s.onError((e) => errors.push((e as NodeJS.ErrnoException).code));
    f.handlers().error(f.sock);
    expect(errors).toEqual(['ECONNREFUSED']);
  });

  it('a full send buffer: sent once more when the socket drains', async () => {
    const f = fakeBun([false, true]);
    const s = await connectBunUdp(f.udpSocket, { host: '127.0.0.1', port: 623 });
    const done = s.send(Buffer.from([9]));
    await Promise.resolve();
    expect(f.sent.length).toBe(1);
    f.handlers().drain(f.sock);
    await done;
    expect(f.sent).toEqual([[9], [9]]);
  });
});
