/** The crypto seam (primitives.ts) on node:crypto: the npm package under Node. */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CryptoPrimitives } from './primitives.js';

/** AES-128-CBC without padding (node:crypto's is synchronous; the seam's is not, for Web Crypto's sake). */
async function aes128Cbc(decrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer> {
  const cipher = decrypt ? createDecipheriv('aes-128-cbc', key, iv) : createCipheriv('aes-128-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

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
  aes128CbcEncrypt: (key, iv, data) => aes128Cbc(false, key, iv, data),
  aes128CbcDecrypt: (key, iv, data) => aes128Cbc(true, key, iv, data),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
