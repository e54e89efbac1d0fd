/** The seams every transport is built on: socket, clock, randomness, logging. All injected. */

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
/**
 * The CSPRNG through the Web Crypto global (Node >= 19, Bun): nothing is imported, so a process that
 * opens no session (-V, help) loads no crypto. getRandomValues fills at most 65536 bytes per call.
 */
export const systemRandom: RandomSource = (n) => {
  const out = Buffer.alloc(n);
  for (let at = 0; at < n; at += 65536) globalThis.crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65536)));
  return out;
};

/** Diagnostics printed on stderr under -v (level 1), -vv (2), ... */
export interface Logger {
  verbose(level: number, line: string): void;
}
export const silentLogger: Logger = { verbose: () => undefined };

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
