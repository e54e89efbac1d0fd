/**
 * The crypto seam (primitives.ts) on Bun's natives, for the Bun executable: Bun.CryptoHasher (BoringSSL's
 * hashes and HMAC, synchronous) and the Web Crypto global's timingSafeEqual (a Bun extension). AES-CBC:
 * Bun's only synchronous AES is node:crypto's (Web Crypto's is asynchronous and always pads), so it is
 * loaded on the first encrypted packet only (suites 3, 8, 12, 17: -C 1 and 2 never load it).
 */
import { aes128Cbc, type CryptoPrimitives, type HashName } from './primitives.js';

/** The part of Bun's API used here (Bun's own types are not a dependency of the npm package). */
interface BunHasher {
  update(data: Uint8Array): BunHasher;
  digest(): Buffer;
}
interface BunGlobal {
  CryptoHasher: new (algorithm: HashName, hmacKey?: Uint8Array) => BunHasher;
}
type TimingSafeEqual = (a: Uint8Array, b: Uint8Array) => boolean;
type NodeCrypto = typeof import('node:crypto');

/** The primitives on Bun's natives when running under Bun, else undefined (Node: node.ts). */
export function bunPrimitives(): CryptoPrimitives | undefined {
  const bun = (globalThis as { Bun?: Partial<BunGlobal> }).Bun;
  const timingSafeEqual = (globalThis.crypto as { timingSafeEqual?: TimingSafeEqual } | undefined)?.timingSafeEqual;
  if (!bun?.CryptoHasher || !timingSafeEqual) return undefined;
  const Hasher = bun.CryptoHasher;
  const digest = (h: BunHasher, data: Uint8Array[]): Buffer => {
    for (const d of data) h.update(d);
    return h.digest();
  };
  let nodeCrypto: NodeCrypto | undefined;
  const aes = (decrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer =>
    aes128Cbc((nodeCrypto ??= process.getBuiltinModule('node:crypto')), decrypt, key, iv, data);
  return {
    hmac: (hash, key, ...data) => digest(new Hasher(hash, key), data),
    hash: (hash, ...data) => digest(new Hasher(hash), data),
    aes128CbcEncrypt: (key, iv, data) => aes(false, key, iv, data),
    aes128CbcDecrypt: (key, iv, data) => aes(true, key, iv, data),
    equal: (a, b) => a.length === b.length && timingSafeEqual.call(globalThis.crypto, a, b),
  };
}
