/** Privilege levels. IPMI v2.0 §6.8, as ipmitool names them (-L, lan/user/channel output). */
export const Privilege = { Callback: 1, User: 2, Operator: 3, Administrator: 4, Oem: 5, NoAccess: 0x0f } as const;

export const privilegeNames: Readonly<Record<number, string>> = {
  1: 'CALLBACK',
  2: 'USER',
  3: 'OPERATOR',
  4: 'ADMINISTRATOR',
  5: 'OEM',
  15: 'NO ACCESS',
};

/** ipmitool -L: full names only, case-insensitive. */
export function privilegeFromName(name: string): number | undefined {
  const up = name.toUpperCase();
  for (const [v, n] of Object.entries(privilegeNames)) if (n === up && v !== '15') return Number(v);
  return undefined;
}

export function privilegeName(level: number): string {
  return privilegeNames[level] ?? `Unknown (0x${level.toString(16).padStart(2, '0')})`;
}
