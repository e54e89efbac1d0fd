/**
 * The crypto seam: the few primitives RMCP+ needs (HMAC, hash, raw AES-CBC-128, a timing-safe compare),
 * injected like the socket, clock and randomness (src/io.ts). Two implementations on real crypto APIs,
 * never hand-rolled: node.ts on node:crypto, bun.ts on Bun's natives (Bun.CryptoHasher, Web Crypto's
 * AES), because a Bun executable pays ~9 ms of CPU and ~6.7 MiB per run for loading node:crypto
 * (docs/benchmarks.md, "Fast start, third pass"). The entrance chooses one (src/cli/run-process.ts);
 * `systemPrimitives` is the default, by runtime. Randomness stays the RandomSource seam (the Web Crypto
 * global in both runtimes). AES is asynchronous in the seam, as Web Crypto's is.
 */

/** Hash functions IPMI uses: RAKP and integrity (§13.28, §13.31), v1.5 auth codes (§22.17.1). */
export type HashName = 'sha1' | 'sha256' | 'md5';

export interface CryptoPrimitives {
  /** HMAC over the concatenation of `data`. */
  hmac(hash: HashName, key: Uint8Array, ...data: Uint8Array[]): Buffer;
  /** Digest of the concatenation of `data`. */
  hash(hash: HashName, ...data: Uint8Array[]): Buffer;
  /** AES-128 in CBC mode without padding: `data` is a whole number of 16-byte blocks (IPMI pads itself, §13.29). */
  aes128CbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer>;
  aes128CbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer>;
  /** Equal contents, in time independent of where they differ (lengths must match: false otherwise). */
  equal(a: Uint8Array, b: Uint8Array): boolean;
}

/** AES-128-CBC of the seam, the two functions. */
export type AesCbc = Pick<CryptoPrimitives, 'aes128CbcEncrypt' | 'aes128CbcDecrypt'>;

/** node:crypto's ciphers (or Bun's node:crypto), given by the caller so this module imports none. */
type Ciphers = Pick<typeof import('node:crypto'), 'createCipheriv' | 'createDecipheriv'>;

/** AES-128-CBC without padding on node:crypto's ciphers (synchronous there; the seam's is not, for Web Crypto's sake). */
export function cipherAesCbc(c: Ciphers): AesCbc {
  const run = async (decrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer> => {
    const cipher = decrypt ? c.createDecipheriv('aes-128-cbc', key, iv) : c.createCipheriv('aes-128-cbc', key, iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(data), cipher.final()]);
  };
  return { aes128CbcEncrypt: (key, iv, data) => run(false, key, iv, data), aes128CbcDecrypt: (key, iv, data) => run(true, key, iv, data) };
}

/** Loads the primitives when a session first needs them (a process that opens none loads no crypto). */
export type PrimitivesLoader = () => Promise<CryptoPrimitives>;

/**
 * Bun's natives under Bun (the compiled executable, `bun run`: Web Crypto's AES first, node:crypto's
 * ciphers once a run has done a few AES operations; src/primitives/bun.ts), node:crypto under Node.
 */
export const systemPrimitives: PrimitivesLoader = async () => (await import('./bun.js')).bunPrimitives() ?? (await import('./node.js')).nodePrimitives;
