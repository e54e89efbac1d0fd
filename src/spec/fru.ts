/**
 * Tables of the Platform Management FRU Information Storage Definition v1.0 (rev 1.3),
 * with the names ipmitool 1.8.19 prints (lib/ipmi_fru.c).
 */

/** §13.1 Table 13-1, the "BCD plus" characters: 0-9, space, dash, period; Dh-Fh are reserved (ipmitool shows ":,_"). */
export const BCD_PLUS = '0123456789 -.:,_';

/** §10 Chassis Info Area byte 2, "Chassis Type" (SMBIOS System Enclosure types), as ipmitool names them. */
export const CHASSIS_TYPES: readonly string[] = [
  'Unspecified',
  'Other',
  'Unknown',
  'Desktop',
  'Low Profile Desktop',
  'Pizza Box',
  'Mini Tower',
  'Tower',
  'Portable',
  'LapTop',
  'Notebook',
  'Hand Held',
  'Docking Station',
  'All in One',
  'Sub Notebook',
  'Space-saving',
  'Lunch Box',
  'Main Server Chassis',
  'Expansion Chassis',
  'SubChassis',
  'Bus Expansion Chassis',
  'Peripheral Chassis',
  'RAID Chassis',
  'Rack Mount Chassis',
  'Sealed-case PC',
  'Multi-system Chassis',
  'CompactPCI',
  'AdvancedTCA',
  'Blade',
  'Blade Enclosure',
];

/** ipmitool prints types past the table as "Unknown" (index 2). */
export const chassisTypeName = (t: number): string => CHASSIS_TYPES[t] ?? CHASSIS_TYPES[2]!;

/** §16.1 Table 16-2, Multi-Record type IDs. C0h-FFh are OEM records. */
export const MULTIRECORD_TYPES: Readonly<Record<number, string>> = {
  0x00: 'Power Supply Information',
  0x01: 'DC Output',
  0x02: 'DC Load',
  0x03: 'Management Access Record',
  0x04: 'Base Compatibility Record',
  0x05: 'Extended Compatibility Record',
  0x06: 'ASF Fixed SMBus Device Record',
  0x07: 'ASF Legacy-Device Alerts',
  0x08: 'ASF Remote Control',
  0x09: 'Extended DC Output',
  0x0a: 'Extended DC Load',
};

export const multiRecordTypeName = (t: number): string => MULTIRECORD_TYPES[t] ?? (t >= 0xc0 ? 'OEM' : 'Reserved');

/** §18.1 Table 18-1 byte 20 (combined wattage voltages), ipmitool's names. */
export const COMBINED_VOLTAGES: readonly string[] = ['12 V', '-12 V', '5 V', '3.3 V'];

/** §18.4 Table 18-6, Management Access sub-record types. */
export const MANAGEMENT_ACCESS_TYPES: Readonly<Record<number, string>> = {
  0x01: 'System Management URL',
  0x02: 'System Name',
  0x03: 'System Ping Address',
  0x04: 'Component Management URL',
  0x05: 'Component Name',
  0x06: 'Component Ping Address',
  0x07: 'System Unique ID',
};

/** §15 Table 15-1 (and §11, §12): the English language code; 00h also means English. */
export const LANGUAGE_ENGLISH = 0x19;

/** Minutes since 1996-01-01 00:00 UTC (§11 Table 11-1 "Mfg. Date / Time"): the epoch in Unix seconds. */
export const FRU_EPOCH_SECONDS = 820454400;

/** PICMG's IANA number (OEM multi-records from PICMG carry it). */
export const IANA_PICMG = 12634;
