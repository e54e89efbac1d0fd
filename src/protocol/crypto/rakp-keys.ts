/**
 * RAKP authentication codes and session keys. IPMI v2.0 §13.31 (RAKP 1-4),
 * §13.32 (SIK, K1, K2). All HMACs use the cipher suite's authentication hash.
 */
import { ByteWriter } from '../../ipmi/codec.js';
import { authAlgInfo, type AuthAlg } from '../rmcpplus/cipher-suites.js';
import type { CryptoPrimitives } from '../../primitives/primitives.js';

/** The values both sides exchanged during RAKP. */
export interface RakpExchange {
  auth: AuthAlg;
  /** K_UID: user password, zero padded to 20 bytes. */
  kuid: Uint8Array;
  /** K_G: BMC key (20 bytes); all zero means "use K_UID". */
  kg: Uint8Array;
  consoleSessionId: number; // SIDm
  bmcSessionId: number; // SIDc
  consoleRandom: Uint8Array; // Rm, 16 bytes
  bmcRandom: Uint8Array; // Rc, 16 bytes
  bmcGuid: Uint8Array; // GUIDc, 16 bytes
  role: number; // ROLEm as sent in RAKP 1 (privilege | lookup bit)
  username: Uint8Array; // UNAMEm
}

function hmac(p: CryptoPrimitives, auth: AuthAlg, key: Uint8Array, data: Uint8Array): Buffer {
  const hash = authAlgInfo[auth].hash;
  if (!hash) return Buffer.alloc(0);
  return p.hmac(hash, key, data);
}

/** RAKP 2 key exchange auth code (§13.21): HMAC_KUID(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENm, UNAMEm). */
export function rakp2AuthCode(p: CryptoPrimitives, x: RakpExchange): Buffer {
  const data = new ByteWriter()
    .u32(x.consoleSessionId)
    .u32(x.bmcSessionId)
    .bytes(x.consoleRandom)
    .bytes(x.bmcRandom)
    .bytes(x.bmcGuid)
    .u8(x.role)
    .u8(x.username.length)
    .bytes(x.username)
    .done();
  return hmac(p, x.auth, x.kuid, data);
}

/** RAKP 3 auth code (§13.22): HMAC_KUID(Rc, SIDm, ROLEm, ULENm, UNAMEm). */
export function rakp3AuthCode(p: CryptoPrimitives, x: RakpExchange): Buffer {
  const data = new ByteWriter().bytes(x.bmcRandom).u32(x.consoleSessionId).u8(x.role).u8(x.username.length).bytes(x.username).done();
  return hmac(p, x.auth, x.kuid, data);
}

function isZero(b: Uint8Array): boolean {
  return b.every((v) => v === 0);
}

/** Session Integrity Key (§13.31): HMAC_KG(Rm, Rc, ROLEm, ULENm, UNAMEm); KG = K_UID when no BMC key is set. */
export function sessionIntegrityKey(p: CryptoPrimitives, x: RakpExchange): Buffer {
  const data = new ByteWriter().bytes(x.consoleRandom).bytes(x.bmcRandom).u8(x.role).u8(x.username.length).bytes(x.username).done();
  return hmac(p, x.auth, isZero(x.kg) ? x.kuid : x.kg, data);
}

/** K_n = HMAC_SIK(constant n repeated 20 times) (§13.32). */
export function additionalKey(p: CryptoPrimitives, auth: AuthAlg, sik: Uint8Array, n: 1 | 2): Buffer {
  return hmac(p, auth, sik, Buffer.alloc(20, n));
}

/** RAKP 4 integrity check value (§13.23): HMAC_SIK(Rm, SIDc, GUIDc), truncated per algorithm. */
export function rakp4Icv(p: CryptoPrimitives, x: RakpExchange, sik: Uint8Array): Buffer {
  const data = new ByteWriter().bytes(x.consoleRandom).u32(x.bmcSessionId).bytes(x.bmcGuid).done();
  return hmac(p, x.auth, sik, data).subarray(0, authAlgInfo[x.auth].rakp4IcvLen);
}

export interface SessionKeys {
  sik: Buffer;
  k1: Buffer;
  k2: Buffer;
}

export function deriveSessionKeys(p: CryptoPrimitives, x: RakpExchange): SessionKeys {
  const sik = sessionIntegrityKey(p, x);
  return { sik, k1: additionalKey(p, x.auth, sik, 1), k2: additionalKey(p, x.auth, sik, 2) };
}
