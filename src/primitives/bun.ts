/**
 * The crypto seam (primitives.ts) on Bun's natives, for the Bun executable: Bun.CryptoHasher (BoringSSL's
 * hashes and HMAC, synchronous), the Web Crypto global's timingSafeEqual (a Bun extension) and, for AES,
 * Web Crypto's AES-CBC (crypto.subtle) first: loading node:crypto costs the executable ~9 ms of CPU and
 * ~6.7 MiB per run, Web Crypto's AES ~4 ms and ~2.9 MiB (suites 3, 8, 12, 17 only). But each Web Crypto
 * operation goes through Bun's thread pool and an extra turn of the event loop: over 64 BMCs a warm
 * `sensor list` (~5,800 AES operations) took 1.5x the wall time and CPU it took on node:crypto's
 * synchronous ciphers. So a run switches to node:crypto once it has done AES_SWITCH_AFTER operations: a
 * single command (power status: 4, a warm sdr elist: ~60) never loads it, a fleet or SOL soon does.
 */
import { cipherAesCbc, type AesCbc, type CryptoPrimitives, type HashName } from './primitives.js';

/** The part of Bun's API used here (Bun's own types are not a dependency of the npm package). */
interface BunHasher {
  update(data: Uint8Array): BunHasher;
  digest(): Buffer;
}
interface BunGlobal {
  CryptoHasher: new (algorithm: HashName, hmacKey?: Uint8Array) => BunHasher;
}
type TimingSafeEqual = (a: Uint8Array, b: Uint8Array) => boolean;
type Subtle = typeof globalThis.crypto.subtle;
type Key = Awaited<ReturnType<Subtle['importKey']>>;

const BLOCK = 16;
/** A whole PKCS#7 pad block, what Web Crypto's AES-CBC adds to (and expects at the end of) whole blocks. */
const PAD_BLOCK = new Uint8Array(BLOCK).fill(BLOCK);
/** Imported keys, by key bytes: a session imports its key once, not per packet (a few sessions per process). */
const MAX_KEYS = 16;
/** AES operations on Web Crypto before a run takes node:crypto's ciphers (see the top of this file). */
const AES_SWITCH_AFTER = 6;

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
  return {
    hmac: (hash, key, ...data) => digest(new Hasher(hash, key), data),
    hash: (hash, ...data) => digest(new Hasher(hash), data),
    ...switchingAes(webCryptoAesCbc(), () => cipherAesCbc(process.getBuiltinModule('node:crypto'))),
    equal: (a, b) => a.length === b.length && timingSafeEqual.call(globalThis.crypto, a, b),
  };
}

/** `first` for the first `after` operations, then `later` (loaded on the next operation). Both give the same bytes. */
export function switchingAes(first: AesCbc, later: () => AesCbc, after = AES_SWITCH_AFTER): AesCbc {
  let ops = 0;
  let loaded: AesCbc | undefined;
  const pick = (): AesCbc => loaded ?? (++ops > after ? (loaded = later()) : first);
  return {
    aes128CbcEncrypt: (key, iv, data) => pick().aes128CbcEncrypt(key, iv, data),
    aes128CbcDecrypt: (key, iv, data) => pick().aes128CbcDecrypt(key, iv, data),
  };
}

/**
 * AES-128-CBC without padding on Web Crypto's AES-CBC, which always pads (PKCS#7). Encrypt: whole blocks
 * come back with one pad block after them, dropped. Decrypt of C1..Cn: one block X is appended whose
 * decryption is a whole pad block, X = E(Cn xor pad), i.e. the first block of encrypting the pad block
 * with Cn as IV; Web Crypto then removes the pad it finds and returns the n blocks.
 */
export function webCryptoAesCbc(subtle: Subtle = globalThis.crypto.subtle): AesCbc {
  const keys = new Map<string, Promise<Key>>();
  const importKey = (key: Uint8Array): Promise<Key> => {
    const id = Buffer.from(key.buffer, key.byteOffset, key.length).toString('hex');
    let k = keys.get(id);
    if (!k) {
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
      k = subtle.importKey('raw', copy(key), 'AES-CBC', false, ['encrypt', 'decrypt']);
      keys.set(id, k);
    }
    return k;
  };
  const cbc = async (key: Key, iv: Uint8Array, data: Uint8Array): Promise<ArrayBuffer> => subtle.encrypt({ name: 'AES-CBC', iv: copy(iv) }, key, copy(data));
  const wholeBlocks = (data: Uint8Array): void => {
    if (data.length % BLOCK !== 0) throw new RangeError(`AES-CBC without padding: ${data.length} bytes is not a whole number of blocks`);
  };
  const encrypt = async (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer> => {
    wholeBlocks(data);
    return Buffer.from(await cbc(await importKey(key), iv, data), 0, data.length);
  };
  const decrypt = async (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer> => {
    wholeBlocks(data);
    if (data.length === 0) return Buffer.alloc(0);
    const k = await importKey(key);
    const padded = new Uint8Array(data.length + BLOCK);
    padded.set(data);
    padded.set(new Uint8Array(await cbc(k, data.subarray(data.length - BLOCK), PAD_BLOCK), 0, BLOCK), data.length);
    return Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv: copy(iv) }, k, padded));
  };
  return { aes128CbcEncrypt: encrypt, aes128CbcDecrypt: decrypt };
}

/** The bytes in an ArrayBuffer of their own (Web Crypto's BufferSource; a Buffer may be a view of a shared pool). */
function copy(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b);
}
