/** The seams every transport is built on: socket, clock, randomness, logging. All injected. */
import { randomBytes } from 'node:crypto';

export interface DatagramSocket {
  send(buf: Uint8Array): Promise<void>;
  /** One listener; packets from other peers are never delivered (the socket is connected). */
  onMessage(cb: (msg: Buffer) => void): void;
  /** Asynchronous socket errors (ICMP port unreachable shows up as ECONNREFUSED). */
  onError(cb: (err: Error) => void): void;
  close(): Promise<void>;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type RandomSource = (n: number) => Buffer;
export const systemRandom: RandomSource = (n) => randomBytes(n);

/** Diagnostics printed on stderr under -v (level 1), -vv (2), ... */
export interface Logger {
  verbose(level: number, line: string): void;
}
export const silentLogger: Logger = { verbose: () => undefined };

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
