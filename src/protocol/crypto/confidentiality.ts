/**
 * RMCP+ confidentiality: AES-CBC-128. IPMI v2.0 §13.29 (Figure 13-17):
 *   IV (16) | AES-CBC(key = K2[0..16], data | pad 01 02 .. N | N)
 * where N makes the encrypted part a multiple of 16 bytes. No other padding
 * is applied: the primitives' AES-CBC pads nothing.
 */
import { DecodeError } from '../../errors.js';
import type { CryptoPrimitives } from '../../primitives/primitives.js';

const BLOCK = 16;

export async function aesEncryptPayload(p: CryptoPrimitives, k2: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Buffer> {
  const padLen = (BLOCK - ((data.length + 1) % BLOCK)) % BLOCK;
  const plain = Buffer.alloc(data.length + padLen + 1);
  plain.set(data);
  for (let i = 0; i < padLen; i++) plain[data.length + i] = i + 1;
  plain[plain.length - 1] = padLen;
  return Buffer.concat([iv, await p.aes128CbcEncrypt(k2.subarray(0, 16), iv, plain)]);
}

export async function aesDecryptPayload(p: CryptoPrimitives, k2: Uint8Array, payload: Uint8Array): Promise<Buffer> {
  if (payload.length < 2 * BLOCK || payload.length % BLOCK !== 0) {
    throw new DecodeError(`encrypted payload has invalid length ${payload.length}`);
  }
  const plain = await p.aes128CbcDecrypt(k2.subarray(0, 16), payload.subarray(0, BLOCK), payload.subarray(BLOCK));
  const padLen = plain[plain.length - 1]!;
  if (padLen >= BLOCK || padLen + 1 > plain.length) {
    throw new DecodeError(`encrypted payload has invalid confidentiality pad length ${padLen}`);
  }
  for (let i = 0; i < padLen; i++) {
    if (plain[plain.length - 1 - padLen + i] !== i + 1) {
      throw new DecodeError('encrypted payload has an invalid confidentiality pad');
    }
  }
  return plain.subarray(0, plain.length - 1 - padLen);
}
