/**
 * A scripted BMC on a loopback UDP port: each datagram goes to `answer`, which returns the
 * reply datagrams (none: silence). For failures ipmi_sim cannot be driven into on demand
 * (no free session slot). Helpers build IPMI v1.5 and RMCP+ pre-session replies.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { decodeLan15Packet, encodeLan15Packet, isLan15 } from '../../src/protocol/lan15.js';
import { decodeRmcpPlus, encodeRmcpPlus, isRmcpPlus } from '../../src/protocol/rmcpplus/packet.js';

export interface FakeBmc {
  host: string;
  port: number;
  /** Datagrams received. */
  received: number;
  close(): Promise<void>;
}

/** What arrived: an unauthenticated v1.5 message (netFn, cmd, rqSeq, data) or an RMCP+ payload. */
export type Inbound =
  | { kind: 'v15'; netFn: number; cmd: number; rqSeq: number; data: Buffer }
  | { kind: 'rmcpplus'; payloadType: number; payload: Buffer }
  | { kind: 'other'; packet: Buffer };

export function decodeInbound(pkt: Buffer): Inbound {
  if (isLan15(pkt)) {
    const m = decodeLan15Packet(pkt).message;
    return { kind: 'v15', netFn: m[1]! >> 2, cmd: m[5]!, rqSeq: m[4]! >> 2, data: Buffer.from(m.subarray(6, m.length - 1)) };
  }
  if (isRmcpPlus(pkt)) {
    const d = decodeRmcpPlus(pkt, 0);
    return { kind: 'rmcpplus', payloadType: d.header.payloadType, payload: Buffer.from(d.payload) };
  }
  return { kind: 'other', packet: pkt };
}

const checksum = (b: Uint8Array): number => -b.reduce((a, x) => a + x, 0) & 0xff;

/** An unauthenticated IPMI v1.5 reply (session 0) to a request. */
export function v15Reply(rq: { netFn: number; cmd: number; rqSeq: number }, cc: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  const h = Buffer.of(0x81, ((rq.netFn | 1) << 2) | 0);
  const body = Buffer.concat([Buffer.of(0x20, rq.rqSeq << 2, rq.cmd, cc), data]);
  const message = Buffer.concat([h, Buffer.of(checksum(h)), body, Buffer.of(checksum(body))]);
  return encodeLan15Packet({ authType: 0, seq: 0, sessionId: 0, message });
}

/** An unauthenticated RMCP+ packet (Open Session Response, RAKP 2/4). */
export function rmcpPlusReply(payloadType: number, payload: Uint8Array): Buffer {
  return encodeRmcpPlus({ payloadType, encrypted: false, authenticated: false, sessionId: 0, seq: 0 }, payload);
}

export async function startFakeBmc(answer: (m: Inbound) => Buffer[]): Promise<FakeBmc> {
  const sock = dgram.createSocket('udp4');
  const bmc: FakeBmc = {
    host: '127.0.0.1',
    port: 0,
    received: 0,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
  sock.on('message', (pkt, from) => {
    bmc.received++;
    for (const out of answer(decodeInbound(pkt))) sock.send(out, from.port, from.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  bmc.port = (sock.address() as AddressInfo).port;
  return bmc;
}
