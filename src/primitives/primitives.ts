/**
 * The crypto seam: the few primitives RMCP+ needs (HMAC, hash, raw AES-CBC-128, a timing-safe compare),
 * injected like the socket, clock and randomness (src/io.ts). Two implementations on real crypto APIs,
 * never hand-rolled: node.ts on node:crypto, bun.ts on Bun's natives (Bun.CryptoHasher), because a
 * Bun executable pays ~8 ms of CPU and ~2-4 MiB per run for loading node:crypto (docs/benchmarks.md,
 * "Fast start, third pass"). The entrance chooses one (src/cli/run-process.ts); `systemPrimitives` is
 * the default, by runtime. Randomness stays the RandomSource seam (the Web Crypto global in both runtimes).
 */

/** Hash functions IPMI uses: RAKP and integrity (§13.28, §13.31), v1.5 auth codes (§22.17.1). */
export type HashName = 'sha1' | 'sha256' | 'md5';

export interface CryptoPrimitives {
  /** HMAC over the concatenation of `data`. */
  hmac(hash: HashName, key: Uint8Array, ...data: Uint8Array[]): Buffer;
  /** Digest of the concatenation of `data`. */
  hash(hash: HashName, ...data: Uint8Array[]): Buffer;
  /** AES-128 in CBC mode without padding: `data` is a whole number of 16-byte blocks (IPMI pads itself, §13.29). */
  aes128CbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer;
  aes128CbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer;
  /** Equal contents, in time independent of where they differ (lengths must match: false otherwise). */
  equal(a: Uint8Array, b: Uint8Array): boolean;
}

/** node:crypto's ciphers, the one synchronous AES both runtimes have (Web Crypto's is asynchronous and always pads). */
type Ciphers = Pick<typeof import('node:crypto'), 'createCipheriv' | 'createDecipheriv'>;

/** AES-128-CBC without padding on node:crypto's ciphers (node.ts; bun.ts, which loads them late). */
export function aes128Cbc(c: Ciphers, decrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = decrypt ? c.createDecipheriv('aes-128-cbc', key, iv) : c.createCipheriv('aes-128-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/**
 * Loads the primitives when a session first needs them (a process that opens none loads no crypto).
 * `aes`: the session will encrypt (its cipher suite says so).
 */
export type PrimitivesLoader = (needs: { aes: boolean }) => Promise<CryptoPrimitives>;

/**
 * Bun's natives under Bun (the compiled executable, `bun run`), node:crypto under Node, and under Bun too
 * for a session that encrypts: it loads node:crypto for AES anyway, and Bun.CryptoHasher beside it would
 * only add its own memory (~0.5 MiB).
 */
export const systemPrimitives: PrimitivesLoader = async ({ aes }) => {
  const bun = aes ? undefined : (await import('./bun.js')).bunPrimitives();
  return bun ?? (await import('./node.js')).nodePrimitives;
};
