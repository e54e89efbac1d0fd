// Cipher suites, RAKP HMACs, session keys (IPMI v2.0 §13.28-13.32), integrity
// AuthCodes and AES-CBC-128 payload encryption for the test responder.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const Auth = { NONE: 0, HMAC_SHA1: 1, HMAC_MD5: 2, HMAC_SHA256: 3 } as const;
export const Integrity = { NONE: 0, HMAC_SHA1_96: 1, HMAC_MD5_128: 2, MD5_128: 3, HMAC_SHA256_128: 4 } as const;
export const Conf = { NONE: 0, AES_CBC_128: 1, XRC4_128: 2, XRC4_40: 3 } as const;

export interface CipherSuite { id: number; auth: number; integrity: number; conf: number }

/** The standard cipher suites of IPMI v2.0 table 22-20 (0-14) and errata (15-17). */
const SUITE_TABLE: ReadonlyArray<[number, number, number]> = [
  [0, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 1], [1, 1, 2], [1, 1, 3],
  [2, 0, 0], [2, 2, 0], [2, 2, 1], [2, 2, 2], [2, 2, 3],
  [2, 3, 0], [2, 3, 1], [2, 3, 2], [2, 3, 3],
  [3, 0, 0], [3, 4, 0], [3, 4, 1],
];

export function standardSuite(id: number): CipherSuite | undefined {
  const row = SUITE_TABLE[id];
  return row ? { id, auth: row[0], integrity: row[1], conf: row[2] } : undefined;
}

/** Algorithms this responder can actually run (no xRC4). */
export function suiteImplemented(s: CipherSuite): boolean {
  return s.conf === Conf.NONE || s.conf === Conf.AES_CBC_128;
}

type Hash = 'sha1' | 'md5' | 'sha256';

function authHash(auth: number): Hash | null {
  switch (auth) {
    case Auth.HMAC_SHA1: return 'sha1';
    case Auth.HMAC_MD5: return 'md5';
    case Auth.HMAC_SHA256: return 'sha256';
    default: return null;
  }
}

export function hmac(hash: Hash, key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Zero-pads (K_UID, Kg) to 20 bytes as the spec stores them. */
export function pad20(b: Buffer): Buffer {
  const out = Buffer.alloc(Math.max(20, b.length));
  b.copy(out);
  return out;
}

/** RAKP2/RAKP3 key exchange AuthCode: full HMAC with K_UID (empty for RAKP-none). */
export function rakpHmac(auth: number, kuid: Buffer, ...parts: Buffer[]): Buffer {
  const hash = authHash(auth);
  return hash ? hmac(hash, kuid, ...parts) : Buffer.alloc(0);
}

/** RAKP4 Integrity Check Value length: HMAC-SHA1-96 12, HMAC-MD5 16, HMAC-SHA256-128 16. */
export function rakp4IcvLength(auth: number): number {
  return auth === Auth.HMAC_SHA1 ? 12 : auth === Auth.NONE ? 0 : 16;
}

export interface SessionKeys { sik: Buffer; k1: Buffer; k2: Buffer }

const CONST1 = Buffer.alloc(20, 0x01);
const CONST2 = Buffer.alloc(20, 0x02);

/**
 * SIK = HMAC_KG(Rm | Rc | ROLEm | ULENm | UNAMEm) (KG = Kg if set, else K_UID);
 * K1 = HMAC_SIK(0x01 x 20), K2 = HMAC_SIK(0x02 x 20); for RAKP-none the constants.
 */
export function deriveKeys(auth: number, kg: Buffer, rm: Buffer, rc: Buffer, role: number, uname: Buffer): SessionKeys {
  const hash = authHash(auth);
  if (!hash) return { sik: Buffer.alloc(0), k1: Buffer.from(CONST1), k2: Buffer.from(CONST2) };
  const sik = hmac(hash, kg, rm, rc, Buffer.from([role, uname.length]), uname);
  return { sik, k1: hmac(hash, sik, CONST1), k2: hmac(hash, sik, CONST2) };
}

/** RAKP4 ICV = HMAC_SIK(Rm | SIDc | GUIDc), truncated. */
export function rakp4Icv(auth: number, sik: Buffer, rm: Buffer, bmcSessionId: number, guid: Buffer): Buffer {
  const hash = authHash(auth);
  if (!hash) return Buffer.alloc(0);
  return hmac(hash, sik, rm, u32le(bmcSessionId), guid).subarray(0, rakp4IcvLength(auth));
}

export function integrityAuthLength(integrity: number): number {
  switch (integrity) {
    case Integrity.HMAC_SHA1_96: return 12;
    case Integrity.HMAC_MD5_128:
    case Integrity.MD5_128:
    case Integrity.HMAC_SHA256_128: return 16;
    default: return 0;
  }
}

/**
 * Integrity AuthCode over authtype..next-header. HMAC algorithms use K1;
 * MD5-128 is MD5(K_UID | data | K_UID) with the 20-byte zero-padded password.
 */
export function integrityMac(integrity: number, k1: Buffer, kuid: Buffer, data: Buffer): Buffer {
  switch (integrity) {
    case Integrity.HMAC_SHA1_96: return hmac('sha1', k1, data).subarray(0, 12);
    case Integrity.HMAC_MD5_128: return hmac('md5', k1, data);
    case Integrity.HMAC_SHA256_128: return hmac('sha256', k1, data).subarray(0, 16);
    case Integrity.MD5_128: return createHash('md5').update(kuid).update(data).update(kuid).digest();
    default: return Buffer.alloc(0);
  }
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** AES-CBC-128 payload: IV | E(data | 01 02 .. n | n), key = first 16 bytes of K2. */
export function aesEncrypt(k2: Buffer, data: Buffer): Buffer {
  const padLen = (16 - ((data.length + 1) % 16)) % 16;
  const pad = Buffer.alloc(padLen + 1);
  for (let i = 0; i < padLen; i++) pad.writeUInt8(i + 1, i);
  pad.writeUInt8(padLen, padLen);
  const iv = randomBytes(16);
  const c = createCipheriv('aes-128-cbc', k2.subarray(0, 16), iv).setAutoPadding(false);
  return Buffer.concat([iv, c.update(Buffer.concat([data, pad])), c.final()]);
}

/** Inverse of aesEncrypt; null if the length or the confidentiality pad is wrong. */
export function aesDecrypt(k2: Buffer, payload: Buffer): Buffer | null {
  if (payload.length < 32 || payload.length % 16 !== 0) return null;
  const d = createDecipheriv('aes-128-cbc', k2.subarray(0, 16), payload.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([d.update(payload.subarray(16)), d.final()]);
  const padLen = plain.readUInt8(plain.length - 1);
  if (padLen > 15 || padLen + 1 > plain.length) return null;
  const dataLen = plain.length - 1 - padLen;
  for (let i = 0; i < padLen; i++) if (plain.readUInt8(dataLen + i) !== i + 1) return null;
  return plain.subarray(0, dataLen);
}

export function u32le(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b;
}
