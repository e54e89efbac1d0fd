/** IPMI message sequence numbers (rqSeq, 6 bits): new per request, kept on retransmission. */
import type { IpmiRequest } from '../ipmi/command.js';
import type { ResponseMessage } from '../ipmi/message.js';

export class RqSeq {
  private seq: number;
  constructor(start = 0) {
    this.seq = start & 0x3f;
  }
  next(): number {
    this.seq = (this.seq + 1) & 0x3f;
    return this.seq;
  }
}

/** Does this response answer that request? (netFn+1, command and rqSeq all match.) */
export function answers(msg: ResponseMessage, req: IpmiRequest, rqSeq: number): boolean {
  return msg.rqSeq === rqSeq && msg.cmd === req.cmd && msg.netFn === (req.netFn | 1);
}
