/**
 * PEF facts as ipmitool names them (lib/ipmi_pef.c): action bits (IPMI v2.0 §30.1 Table 30-2),
 * event severities and filter fields (§17.7 Table 17-2), alert policy rules (§17.11 Table 17-9),
 * PEF control bits (§30.3 Table 30-6 parameter 1), generic event reading type offsets (Table 42-2,
 * ipmitool's short forms) and alert destination types (§23.1 parameter 18).
 */

/** `[name, mask]` in ipmitool's order; several may match ("all" maps). */
export type BitNames = readonly (readonly [string, number])[];

export const pefActionNames: BitNames = [
  ['Alert', 0x01],
  ['Power-off', 0x02],
  ['Reset', 0x04],
  ['Power-cycle', 0x08],
  ['OEM-defined', 0x10],
  ['Diagnostic-interrupt', 0x20],
];

/** Only the first match is shown (ipmitool's BIT_DESC_MAP_ANY). */
export const pefSeverityNames: BitNames = [
  ['Non-recoverable', 0x20],
  ['Critical', 0x10],
  ['Warning', 0x08],
  ['OK', 0x04],
  ['Information', 0x02],
  ['Monitor', 0x01],
];

export const pefControlNames: BitNames = [
  ['PEF', 0x01],
  ['PEF event messages', 0x02],
  ['PEF startup delay', 0x04],
  ['Alert startup delay', 0x08],
];

/** Filter sensor types (exact values; 255 = any). */
export const pefSensorTypeNames: Readonly<Record<number, string>> = {
  255: 'Any',
  1: 'Temperature',
  2: 'Voltage',
  3: 'Current',
  4: 'Fan',
  5: 'Chassis Intrusion',
  6: 'Platform security breach',
  7: 'Processor',
  8: 'Power supply',
  9: 'Power Unit',
  10: 'Cooling device',
  11: 'Other (units-based)',
  12: 'Memory',
  13: 'Drive Slot',
  14: 'POST memory resize',
  15: 'POST error',
  16: 'Logging disabled',
  17: 'Watchdog 1',
  18: 'System event',
  19: 'Critical Interrupt',
  20: 'Button',
  21: 'Module/board',
  22: 'uController/coprocessor',
  23: 'Add-in card',
  24: 'Chassis',
  25: 'Chipset',
  26: 'Other (FRU)',
  27: 'Cable/interconnect',
  28: 'Terminator',
  29: 'System boot',
  30: 'Boot error',
  31: 'OS boot',
  32: 'OS critical stop',
  33: 'Slot/connector',
  34: 'ACPI power state',
  35: 'Watchdog 2',
  36: 'Platform alert',
  37: 'Entity presence',
  38: 'Monitor ASIC/IC',
  39: 'LAN',
  40: 'Management subsystem health',
  41: 'Battery',
};

/** Generic event/reading types 01h-0Ch, one short text per offset (ipmitool's pef_b2s_gentype_N). */
export const pefGenericOffsetNames: readonly (readonly string[])[] = [
  ['<LNC', '>LNC', '<LC', '>LC', '<LNR', '>LNR', '>UNC', '<UNC', '>UC', '<UC', '>UNR', '<UNR'],
  ['transition to idle', 'transition to active', 'transition to busy'],
  ['state deasserted', 'state asserted'],
  ['predictive failure deasserted', 'predictive failure asserted'],
  ['limit not exceeded', 'limit exceeded'],
  ['performance met', 'performance lags'],
  ['ok', '<warn', '<fail', '<dead', '>warn', '>fail', 'dead', 'monitor', 'informational'],
  ['device removed/absent', 'device inserted/present'],
  ['device disabled', 'device enabled'],
  [
    'transition to running',
    'transition to in test',
    'transition to power off',
    'transition to online',
    'transition to offline',
    'transition to off duty',
    'transition to degraded',
    'transition to power save',
    'install error',
  ],
  [
    'fully redundant',
    'redundancy lost',
    'redundancy degraded',
    '<non-redundant/sufficient',
    '>non-redundant/sufficient',
    'non-redundant/insufficient',
    '<redundancy degraded',
    '>redundancy degraded',
  ],
  ['D0 power state', 'D1 power state', 'D2 power state', 'D3 power state'],
];

export const pefPolicyRuleNames: readonly string[] = ['Match-always', 'Try-next-entry', 'Try-next-set', 'Try-next-channel', 'Try-next-destination'];

/** Channel medium names as `pef policy list` prints them (they differ from `channel info`'s). */
export const pefChannelMediumNames: Readonly<Record<number, string>> = {
  1: 'IPMB (I2C)',
  2: 'ICMB v1.0',
  3: 'ICMB v0.9',
  4: '802.3 LAN',
  5: 'Serial/Modem (RS-232)',
  6: 'Other LAN',
  7: 'PCI SMBus',
  8: 'SMBus v1.0/1.1',
  9: 'SMBus v2.0',
  10: 'USB 1.x',
  11: 'USB 2.x',
  12: 'System I/F (KCS,SMIC,BT)',
};

export const pefLanDestTypeNames: Readonly<Record<number, string>> = { 0: 'PET', 6: 'OEM 1', 7: 'OEM 2' };

/** ipmi_pef_bit_desc for an "all" map: the names of the bits set, comma separated; "None" when none. */
export function allBitNames(map: BitNames, value: number): string {
  const names = map.filter(([, m]) => (value & m) === m).map(([n]) => n);
  return names.length ? names.join(',') : 'None';
}

/** For an "any" map: the first name whose bits are all set. */
export const firstBitName = (map: BitNames, value: number): string => map.find(([, m]) => (value & m) === m)?.[0] ?? 'None';
