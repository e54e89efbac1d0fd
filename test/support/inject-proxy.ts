/**
 * A loopback proxy in front of the simulator that answers some requests itself: for commands
 * ipmi_sim lacks (DCMI, LAN alert destinations). It needs plain packets, so clients use IPMI v1.5
 * with authentication type NONE (`-I lan -A NONE`). The BMC's session sequence numbers are shifted
 * past the injected replies, so each client sees one increasing sequence.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface Injected {
  cc: number;
  data: Buffer;
}

/** Answer a request (netFn, cmd, request data), return undefined to pass it to the BMC, or 'drop' to leave it unanswered. */
export type Answer = (netFn: number, cmd: number, data: Buffer) => Injected | 'drop' | undefined;

export interface InjectProxy {
  port: number;
  close(): void;
}

const sum = (b: Buffer): number => -b.reduce((a, x) => a + x, 0) & 0xff;
/** RMCP (4 bytes), auth type (1), session sequence (4), session id (4), length (1). */
const SEQ_AT = 5;
const MSG_AT = 14;

const plainSession = (m: Buffer): boolean => m[0] === 0x06 && m[3] === 0x07 && m[4] === 0x00 && m.length > MSG_AT;

export async function startInjectProxy(target: { host: string; port: number }, answer: Answer): Promise<InjectProxy> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  let client: { address: string; port: number } | undefined;
  let lastSeq = 0;
  let shift = 0;
  const toClient = (m: Buffer): void => {
    if (client) front.send(m, client.port, client.address);
  };
  front.on('message', (m, r) => {
    client = { address: r.address, port: r.port };
    if (plainSession(m) && m.readUInt32LE(9) !== 0) {
      // rsAddr netFn/lun chk rqAddr rqSeq/lun cmd data... chk
      const msg = m.subarray(MSG_AT);
      const netFn = msg[1]! >> 2;
      const a = answer(netFn, msg[5]!, Buffer.from(msg.subarray(6, msg.length - 1)));
      if (a === 'drop') return;
      if (a) {
        const h1 = Buffer.of(msg[3]!, ((netFn | 1) << 2) | (msg[4]! & 3));
        const body = Buffer.concat([Buffer.of(msg[0]!, (msg[4]! & 0xfc) | (msg[1]! & 3), msg[5]!, a.cc), a.data]);
        const ipmi = Buffer.concat([h1, Buffer.of(sum(h1)), body, Buffer.of(sum(body))]);
        const head = Buffer.from(m.subarray(0, MSG_AT));
        shift++;
        lastSeq = (lastSeq + 1) >>> 0;
        head.writeUInt32LE(lastSeq, SEQ_AT);
        head[MSG_AT - 1] = ipmi.length;
        toClient(Buffer.concat([head, ipmi]));
        return;
      }
    }
    back.send(m, target.port, target.host);
  });
  back.on('message', (m) => {
    if (plainSession(m) && m.readUInt32LE(9) !== 0) {
      const out = Buffer.from(m);
      lastSeq = (m.readUInt32LE(SEQ_AT) + shift) >>> 0;
      out.writeUInt32LE(lastSeq, SEQ_AT);
      toClient(out);
      return;
    }
    toClient(m);
  });
  await new Promise<void>((res) => front.bind(0, '127.0.0.1', res));
  return {
    port: (front.address() as AddressInfo).port,
    close() {
      front.close();
      back.close();
    },
  };
}
