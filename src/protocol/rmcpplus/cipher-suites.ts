/**
 * Cipher suites and their algorithms as tables. IPMI v2.0 §22.15.2 Table 22-20
 * (suite ids), §13.28 Tables 13-17..13-19 (algorithm numbers).
 */
import type { HashName } from '../../primitives/primitives.js';

export const AuthAlg = { None: 0, HmacSha1: 1, HmacMd5: 2, HmacSha256: 3 } as const;
export type AuthAlg = (typeof AuthAlg)[keyof typeof AuthAlg];
export const IntegrityAlg = { None: 0, HmacSha1_96: 1, HmacMd5_128: 2, Md5_128: 3, HmacSha256_128: 4 } as const;
export type IntegrityAlg = (typeof IntegrityAlg)[keyof typeof IntegrityAlg];
export const CryptAlg = { None: 0, AesCbc128: 1, Xrc4_128: 2, Xrc4_40: 3 } as const;
export type CryptAlg = (typeof CryptAlg)[keyof typeof CryptAlg];

export interface CipherSuite {
  id: number;
  auth: AuthAlg;
  integrity: IntegrityAlg;
  crypt: CryptAlg;
}

/** Every standard suite; `supported` below lists those ipmits implements. */
export const cipherSuites: readonly CipherSuite[] = [
  { id: 0, auth: 0, integrity: 0, crypt: 0 },
  { id: 1, auth: 1, integrity: 0, crypt: 0 },
  { id: 2, auth: 1, integrity: 1, crypt: 0 },
  { id: 3, auth: 1, integrity: 1, crypt: 1 },
  { id: 4, auth: 1, integrity: 1, crypt: 2 },
  { id: 5, auth: 1, integrity: 1, crypt: 3 },
  { id: 6, auth: 2, integrity: 0, crypt: 0 },
  { id: 7, auth: 2, integrity: 2, crypt: 0 },
  { id: 8, auth: 2, integrity: 2, crypt: 1 },
  { id: 9, auth: 2, integrity: 2, crypt: 2 },
  { id: 10, auth: 2, integrity: 2, crypt: 3 },
  { id: 11, auth: 2, integrity: 3, crypt: 0 },
  { id: 12, auth: 2, integrity: 3, crypt: 1 },
  { id: 13, auth: 2, integrity: 3, crypt: 2 },
  { id: 14, auth: 2, integrity: 3, crypt: 3 },
  { id: 15, auth: 3, integrity: 0, crypt: 0 },
  { id: 16, auth: 3, integrity: 4, crypt: 0 },
  { id: 17, auth: 3, integrity: 4, crypt: 1 },
  { id: 18, auth: 3, integrity: 4, crypt: 2 },
  { id: 19, auth: 3, integrity: 4, crypt: 3 },
];

/** Suites ipmits can run (no xRC4). */
export const supportedSuiteIds: readonly number[] = [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17];

/** Preference when the BMC lists its suites: strongest first; 0 is never chosen automatically. */
export const suitePreference: readonly number[] = [17, 3, 16, 8, 12, 2, 7, 11, 15, 1, 6];

export function findSuite(id: number): CipherSuite | undefined {
  return supportedSuiteIds.includes(id) ? cipherSuites.find((s) => s.id === id) : undefined;
}

/** Algorithm facts: hash names (the crypto seam's, src/primitives/) and lengths. */
export const authAlgInfo: Readonly<Record<AuthAlg, { name: string; hash: HashName | null; rakp4IcvLen: number }>> = {
  0: { name: 'none', hash: null, rakp4IcvLen: 0 },
  1: { name: 'hmac_sha1', hash: 'sha1', rakp4IcvLen: 12 },
  2: { name: 'hmac_md5', hash: 'md5', rakp4IcvLen: 16 },
  3: { name: 'hmac_sha256', hash: 'sha256', rakp4IcvLen: 16 },
};

export const integrityAlgInfo: Readonly<Record<IntegrityAlg, { name: string; authCodeLen: number }>> = {
  0: { name: 'none', authCodeLen: 0 },
  1: { name: 'hmac_sha1_96', authCodeLen: 12 },
  2: { name: 'hmac_md5_128', authCodeLen: 16 },
  3: { name: 'md5_128', authCodeLen: 16 },
  4: { name: 'sha256_128', authCodeLen: 16 },
};
