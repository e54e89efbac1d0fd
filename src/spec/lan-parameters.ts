/**
 * LAN configuration parameters (IPMI v2.0 §23.1 Table 23-4): number, data size and the name
 * ipmitool uses in its messages (lib/ipmi_lanp.c, "Gratituous" and "DHDP" sic).
 */

export const LanParam = {
  SetInProgress: 0,
  AuthTypeSupport: 1,
  AuthTypeEnable: 2,
  IpAddress: 3,
  IpAddressSource: 4,
  MacAddress: 5,
  SubnetMask: 6,
  IpHeader: 7,
  PrimaryRmcpPort: 8,
  SecondaryRmcpPort: 9,
  BmcArpControl: 10,
  GratuitousArpInterval: 11,
  DefaultGatewayIp: 12,
  DefaultGatewayMac: 13,
  BackupGatewayIp: 14,
  BackupGatewayMac: 15,
  SnmpCommunity: 16,
  DestinationCount: 17,
  DestinationType: 18,
  DestinationAddress: 19,
  VlanId: 20,
  VlanPriority: 21,
  CipherSuiteCount: 22,
  CipherSuites: 23,
  CipherSuitePrivileges: 24,
  DestinationVlanTags: 25,
  BadPasswordThreshold: 26,
} as const;

export const lanParamNames: Readonly<Record<number, string>> = {
  0: 'Set in Progress',
  1: 'Auth Type Support',
  2: 'Auth Type Enable',
  3: 'IP Address',
  4: 'IP Address Source',
  5: 'MAC Address',
  6: 'Subnet Mask',
  7: 'IP Header',
  8: 'Primary RMCP Port',
  9: 'Secondary RMCP Port',
  10: 'BMC ARP Control',
  11: 'Gratituous ARP Intrvl',
  12: 'Default Gateway IP',
  13: 'Default Gateway MAC',
  14: 'Backup Gateway IP',
  15: 'Backup Gateway MAC',
  16: 'SNMP Community String',
  17: 'Number of Destinations',
  18: 'Destination Type',
  19: 'Destination Addresses',
  20: '802.1q VLAN ID',
  21: '802.1q VLAN Priority',
  22: 'RMCP+ Cipher Suite Count',
  23: 'RMCP+ Cipher Suites',
  24: 'Cipher Suite Priv Max',
  26: 'Bad Password Threshold',
};

export const lanParamName = (p: number): string => lanParamNames[p] ?? `Parameter ${p}`;

/** Set In Progress values (parameter 0, bits 1:0). */
export const SetInProgress = { Complete: 0, InProgress: 1, CommitWrite: 2 } as const;
export const setInProgressNames: readonly string[] = ['Set Complete', 'Set In Progress', 'Commit Write', 'Reserved'];

/** IP Address Source (parameter 4, bits 3:0). */
export const ipSourceNames: readonly string[] = ['Unspecified', 'Static Address', 'DHCP Address', 'BIOS Assigned Address'];
export const ipSourceName = (v: number): string => ipSourceNames[v & 0x0f] ?? 'Other';

/** `lan print`'s one-letter privilege codes for "Cipher Suite Priv Max" (parameter 24). */
export const cipherPrivilegeChars: Readonly<Record<number, string>> = { 1: 'c', 2: 'u', 3: 'o', 4: 'a', 5: 'O' };
export const cipherPrivilegeChar = (v: number): string => cipherPrivilegeChars[v] ?? 'X';
export const cipherPrivilegeFromChar: Readonly<Record<string, number>> = { X: 0, c: 1, u: 2, o: 3, a: 4, O: 5 };

/** Alert destination types (parameter 18 byte 2 bits 2:0) as `lan alert print` names them. */
export const alertDestinationTypeName = (v: number): string => ({ 0: 'PET Trap', 6: 'OEM 1', 7: 'OEM 2' })[v & 7] ?? 'Unknown';
