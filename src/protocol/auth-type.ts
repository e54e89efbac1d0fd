/**
 * IPMI v1.5 authentication types (IPMI v2.0 §13.6, Table 13-17): numbers and ipmitool's names.
 * Kept apart from the auth code computation (crypto/authcode15.ts) so that parsing `-A` loads no crypto.
 */
export const AuthType = { None: 0, Md2: 1, Md5: 2, Password: 4, Oem: 5 } as const;
export type AuthType = (typeof AuthType)[keyof typeof AuthType];

export const authTypeNames: Readonly<Record<number, string>> = {
  0: 'NONE',
  1: 'MD2',
  2: 'MD5',
  4: 'PASSWORD',
  5: 'OEM',
};

export function authTypeFromName(name: string): AuthType | undefined {
  switch (name.toUpperCase()) {
    case 'NONE':
      return AuthType.None;
    case 'MD2':
      return AuthType.Md2;
    case 'MD5':
      return AuthType.Md5;
    case 'PASSWORD':
      return AuthType.Password;
    case 'OEM':
      return AuthType.Oem;
    default:
      return undefined;
  }
}
