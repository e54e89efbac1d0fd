/**
 * IpmiClient: encode -> transport -> completion code check -> decode.
 * The only way command verbs talk to a BMC.
 */
import { CompletionCodeError } from '../errors.js';
import { toRequest, type IpmiCommand, type IpmiResponse } from './command.js';
import { describeCommandCode } from './completion-codes.js';
import type { Transport } from './transport.js';

export interface CallOptions {
  lun?: number;
  /** Send once, never retransmit. */
  once?: boolean;
}

export interface RawResult {
  cc: number;
  data: Buffer;
}

export class IpmiClient {
  constructor(readonly transport: Transport) {}

  /** Run a command; a non-zero completion code throws CompletionCodeError naming the command. */
  async call<Req, Res>(cmd: IpmiCommand<Req, Res>, req: Req, opts: CallOptions = {}): Promise<Res> {
    const r = await this.try(cmd, req, opts);
    if (r.cc !== 0) throw new CompletionCodeError(cmd.name, r.cc, describeCommandCode(cmd, r.cc));
    return r.value as Res;
  }

  /** Run a command and hand back the completion code instead of throwing on it. */
  async try<Req, Res>(cmd: IpmiCommand<Req, Res>, req: Req, opts: CallOptions = {}): Promise<{ cc: number; value?: Res }> {
    const r = await this.transport.request(toRequest(cmd, req, { lun: opts.lun ?? 0, once: opts.once === true }));
    if (r.cc !== 0) return { cc: r.cc };
    return { cc: 0, value: cmd.decode(r.data) };
  }

  /** `raw`: bytes in, completion code and bytes out. */
  async raw(netFn: number, cmd: number, data: Uint8Array, lun = 0): Promise<RawResult> {
    const r: IpmiResponse = await this.transport.request({ netFn, cmd, data, lun });
    return { cc: r.cc, data: Buffer.from(r.data) };
  }
}
