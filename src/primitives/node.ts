/** The crypto seam (primitives.ts) on node:crypto: the npm package under Node. */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { aes128Cbc, type CryptoPrimitives } from './primitives.js';

const ciphers = { createCipheriv, createDecipheriv };

export const nodePrimitives: CryptoPrimitives = {
  hmac(hash, key, ...data) {
    const h = createHmac(hash, key);
    for (const d of data) h.update(d);
    return h.digest();
  },
  hash(hash, ...data) {
    const h = createHash(hash);
    for (const d of data) h.update(d);
    return h.digest();
  },
  aes128CbcEncrypt: (key, iv, data) => aes128Cbc(ciphers, false, key, iv, data),
  aes128CbcDecrypt: (key, iv, data) => aes128Cbc(ciphers, true, key, iv, data),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
