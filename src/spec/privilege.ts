/**
 * Privilege levels, IPMI v2.0 §6.8, as ipmitool names them (ipmi_privlvl_vals): the one table for
 * -L and `set privlvl`, the session's elevation message, and lan, user, channel, session and SOL output.
 */
import { unknownValue, unknownValueLower } from '../format/c-printf.js';

export const Privilege = { Callback: 1, User: 2, Operator: 3, Administrator: 4, Oem: 5, NoAccess: 0x0f } as const;

export const privilegeNames: Readonly<Record<number, string>> = {
  0x01: 'CALLBACK',
  0x02: 'USER',
  0x03: 'OPERATOR',
  0x04: 'ADMINISTRATOR',
  0x05: 'OEM',
  0x0f: 'NO ACCESS',
};

/** The levels a session can ask for (-L, `set privlvl`): all but NO ACCESS. */
export const sessionPrivilegeNames: readonly string[] = Object.entries(privilegeNames)
  .filter(([v]) => Number(v) !== Privilege.NoAccess)
  .map(([, n]) => n);

/** -L and `set privlvl`: full names, case-insensitive; NO ACCESS is not a session level. */
export function privilegeFromName(name: string): number | undefined {
  const up = name.toUpperCase();
  for (const [v, n] of Object.entries(privilegeNames)) if (n === up && Number(v) !== Privilege.NoAccess) return Number(v);
  return undefined;
}

/** A session privilege in ipmitool's session messages ("Unknown (0x%02x)" otherwise). */
export function privilegeName(level: number): string {
  return privilegeNames[level] ?? unknownValueLower(level);
}

/** A privilege limit in channel, user, session and SOL output (val2str: "Unknown (0x%02X)" otherwise). */
export const privilegeLimitName = (v: number): string => privilegeNames[v] ?? unknownValue(v);

/** ipmitool's str2val(word, ipmi_privlvl_vals): exact, case-sensitive names. */
export function privilegeLimitFromName(word: string): number | undefined {
  for (const [v, n] of Object.entries(privilegeNames)) if (n === word) return Number(v);
  return undefined;
}
