/**
 * RMCP+ per-packet integrity. IPMI v2.0 §13.28.4 (integrity algorithms):
 * the auth code covers the session header through the "next header" byte.
 *   HMAC-SHA1-96:     HMAC-SHA1(K1, data)[0..12]
 *   HMAC-MD5-128:     HMAC-MD5(K1, data)
 *   MD5-128:          MD5(password | data | password)  (password = K_UID, 20 bytes zero padded)
 *   HMAC-SHA256-128:  HMAC-SHA256(K1, data)[0..16]
 */
import type { CryptoPrimitives } from '../../primitives/primitives.js';
import { IntegrityAlg, integrityAlgInfo } from '../rmcpplus/cipher-suites.js';

export interface IntegrityKeys {
  k1: Uint8Array;
  /** K_UID: the user password, zero padded to 20 bytes. */
  kuid: Uint8Array;
}

export function integrityAuthCode(p: CryptoPrimitives, alg: IntegrityAlg, keys: IntegrityKeys, data: Uint8Array): Buffer {
  const len = integrityAlgInfo[alg].authCodeLen;
  switch (alg) {
    case IntegrityAlg.None:
      return Buffer.alloc(0);
    case IntegrityAlg.HmacSha1_96:
      return p.hmac('sha1', keys.k1, data).subarray(0, len);
    case IntegrityAlg.HmacMd5_128:
      return p.hmac('md5', keys.k1, data);
    case IntegrityAlg.Md5_128:
      return p.hash('md5', keys.kuid, data, keys.kuid);
    case IntegrityAlg.HmacSha256_128:
      return p.hmac('sha256', keys.k1, data).subarray(0, len);
    default:
      throw new Error(`unknown integrity algorithm ${String(alg)}`);
  }
}
