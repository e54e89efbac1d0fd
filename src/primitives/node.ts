/** The crypto seam (primitives.ts) on node:crypto: the npm package under Node. */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { cipherAesCbc, type CryptoPrimitives } from './primitives.js';

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
  ...cipherAesCbc({ createCipheriv, createDecipheriv }),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
