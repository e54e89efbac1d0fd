/**
 * The contract every IPMI command file fills: a pure value object with no I/O
 * and no presentation. `encode` returns the request data bytes only (no header,
 * no checksum); `decode` receives the response data after the completion code.
 */
import type { NetFn } from './netfn.js';

export interface IpmiCommand<Req, Res> {
  /** Spec name, e.g. "Get Chassis Status". */
  readonly name: string;
  readonly netFn: NetFn;
  readonly cmd: number;
  /** Spec section, e.g. "IPMI v2.0 §28.2". */
  readonly spec: string;
  encode(req: Req): Uint8Array;
  decode(data: Uint8Array): Res;
  /** Command-specific completion codes 80h-BEh. */
  readonly completionCodes?: Readonly<Record<number, string>>;
}

/** Identity helper that keeps the Req/Res types inferred at the definition site. */
export function defineCommand<Req, Res>(c: IpmiCommand<Req, Res>): IpmiCommand<Req, Res> {
  return c;
}

export const noData = (): Uint8Array => new Uint8Array(0);
export const ignoreData = (): void => undefined;

/** An addressed IPMI request as transports see it. */
export interface IpmiRequest {
  netFn: number;
  cmd: number;
  data: Uint8Array;
  /** Responder LUN (0-3). */
  lun?: number;
  /** Send once and wait one timeout; no retransmission (a cold reset must not repeat). */
  once?: boolean;
}

/** The request a transport sends for `cmd` with `req` (encoded data; LUN 0 and retransmission unless told). */
export function toRequest<Req>(cmd: IpmiCommand<Req, unknown>, req: Req, opts: { lun?: number; once?: boolean } = {}): IpmiRequest {
  return { netFn: cmd.netFn, cmd: cmd.cmd, data: cmd.encode(req), ...opts };
}

export interface IpmiResponse {
  cc: number;
  data: Uint8Array;
}
