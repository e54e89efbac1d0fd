/** An in-memory datagram socket: records what is sent, lets the test deliver replies. */
import type { DatagramSocket } from '../../../src/io.js';

export class FakeSocket implements DatagramSocket {
  readonly sent: Buffer[] = [];
  closed = false;
  private onMsg: (msg: Buffer) => void = () => undefined;
  private onErr: (err: Error) => void = () => undefined;
  /** Called for each sent packet; may return replies to deliver. */
  responder: ((pkt: Buffer) => Buffer[] | undefined) | undefined;

  async send(buf: Uint8Array): Promise<void> {
    const pkt = Buffer.from(buf);
    this.sent.push(pkt);
    const replies = this.responder?.(pkt) ?? [];
    for (const r of replies) queueMicrotask(() => this.onMsg(r));
  }
  onMessage(cb: (msg: Buffer) => void): void {
    this.onMsg = cb;
  }
  onError(cb: (err: Error) => void): void {
    this.onErr = cb;
  }
  deliver(msg: Buffer): void {
    this.onMsg(msg);
  }
  fail(err: Error): void {
    this.onErr(err);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}
