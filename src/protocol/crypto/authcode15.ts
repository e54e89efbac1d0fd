/**
 * IPMI v1.5 session authentication codes. IPMI v2.0 §22.17.1 (Table 22-21),
 * §13.6 "Authentication Code" for multi-session packets:
 *   MD2/MD5: hash(password16 | session id | IPMI message | session seq | password16)
 *   PASSWORD ("straight password key"): the 16-byte password itself
 *   NONE: no auth code field in the packet
 */
import { ByteWriter } from '../../ipmi/codec.js';
import { md2 } from './md2.js';
import { AuthType } from '../auth-type.js';
import type { CryptoPrimitives } from '../../primitives/primitives.js';

export { AuthType, authTypeFromName, authTypeNames } from '../auth-type.js';

/** The 16-byte auth code for one packet, or undefined for NONE (no field on the wire). */
export function authCode15(
  p: CryptoPrimitives,
  type: AuthType,
  password16: Uint8Array,
  sessionId: number,
  sessionSeq: number,
  message: Uint8Array,
): Buffer | undefined {
  switch (type) {
    case AuthType.None:
      return undefined;
    case AuthType.Password:
      return Buffer.from(new ByteWriter().padded(password16, 16).done());
    case AuthType.Md5:
    case AuthType.Md2: {
      const input = new ByteWriter().padded(password16, 16).u32(sessionId).bytes(message).u32(sessionSeq).padded(password16, 16).done();
      return type === AuthType.Md5 ? p.hash('md5', input) : md2(input);
    }
    default:
      throw new Error(`unsupported IPMI v1.5 authentication type ${type}`);
  }
}
