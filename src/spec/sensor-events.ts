/**
 * Sensor types, event/reading types and event offset texts (IPMI v2.0 §42, Tables 42-1 to 42-3),
 * worded as ipmitool 1.8.19 prints them (lib/ipmi_strings.c, include/ipmitool/ipmi_sel.h),
 * trailing spaces included ("Lower Critical going low ").
 *
 * One table for the whole project: SEL decoding (src/sel), `event`, and the discrete sensor
 * states of `sdr`/`sensor` (use `assertedStates`, ipmitool's ipmi_sdr_print_discrete_state_mini,
 * and `sensorTypeName`). Extend it here rather than writing a second table.
 */

/**
 * One offset of a reading type: its text, or texts chosen by event data 2 (ipmitool's "data"
 * qualifier, used when event data 1 says byte 2 is specified) with `text` as the fallback;
 * null when the offset has no text.
 */
export type EventState = string | { readonly text?: string; readonly byData2: readonly string[] } | null;

/** Offsets 0..n of each reading type (or sensor type), by code. */
export type EventTable = Readonly<Record<number, readonly EventState[]>>;

/**
 * What ipmitool knows about the BMC when it names OEM sensor types (C0h-FFh) and OEM events:
 * the manufacturer (Get Device ID) and whether PICMG or VITA 46.11 extensions answered.
 */
export interface OemContext {
  manufacturerId?: number;
  picmg?: boolean;
  vita?: boolean;
}

/** IANA enterprise numbers ipmitool treats specially here. */
export const OEM = { kontron: 15000, picmg: 12634, vita: 33196 } as const;

/** Sensor type codes 00h-2Ch (IPMI v2.0 Table 42-3), ipmitool's names. */
export const SENSOR_TYPE_NAMES: readonly string[] = [
  'reserved', 'Temperature', 'Voltage', 'Current', 'Fan', 'Physical Security', 'Platform Security', 'Processor',
  'Power Supply', 'Power Unit', 'Cooling Device', 'Other', 'Memory', 'Drive Slot / Bay', 'POST Memory Resize',
  'System Firmwares', 'Event Logging Disabled', 'Watchdog1', 'System Event', 'Critical Interrupt', 'Button',
  'Module / Board', 'Microcontroller', 'Add-in Card', 'Chassis', 'Chip Set', 'Other FRU', 'Cable / Interconnect',
  'Terminator', 'System Boot Initiated', 'Boot Error', 'OS Boot', 'OS Critical Stop', 'Slot / Connector',
  'System ACPI Power State', 'Watchdog2', 'Platform Alert', 'Entity Presence', 'Monitor ASIC', 'LAN',
  'Management Subsys Health', 'Battery', 'Session Audit', 'Version Change', 'FRU State',
];

/** OEM sensor type names (C0h-FFh): [owner, code, name]; the first match for the manufacturer wins. */
const OEM_SENSOR_TYPES: readonly (readonly [number, number, string])[] = [
  [OEM.kontron, 0xc0, 'Firmware Info'],
  [OEM.kontron, 0xc2, 'Init Agent'],
  [OEM.kontron, 0xc2, 'Board Reset(cPCI)'],
  [OEM.kontron, 0xc3, 'IPMBL Link State'],
  [OEM.kontron, 0xc4, 'Board Reset'],
  [OEM.kontron, 0xc5, 'FRU Information Agent'],
  [OEM.kontron, 0xc6, 'POST Value Sensor'],
  [OEM.kontron, 0xc7, 'FWUM Status'],
  [OEM.kontron, 0xc8, 'Switch Mngt Software Status'],
  [OEM.kontron, 0xc9, 'OEM Diagnostic Status'],
  [OEM.kontron, 0xca, 'Component Firmware Upgrade'],
  [OEM.kontron, 0xcb, 'FRU Over Current'],
  [OEM.kontron, 0xcc, 'FRU Sensor Error'],
  [OEM.kontron, 0xcd, 'FRU Power Denied'],
  [OEM.kontron, 0xce, 'Reserved'],
  [OEM.kontron, 0xcf, 'Board Reset'],
  [OEM.kontron, 0xd0, 'Clock Resource Control'],
  [OEM.kontron, 0xd1, 'Power State'],
  [OEM.kontron, 0xd2, 'FRU Mngt Power Failure'],
  [OEM.kontron, 0xd3, 'Jumper Status'],
  [OEM.kontron, 0xf2, 'RTM Module Hotswap'],
  [OEM.picmg, 0xf0, 'FRU Hot Swap'],
  [OEM.picmg, 0xf1, 'IPMB Physical Link'],
  [OEM.picmg, 0xf2, 'Module Hot Swap'],
  [OEM.picmg, 0xf3, 'Power Channel Notification'],
  [OEM.picmg, 0xf4, 'Telco Alarm Input'],
  [OEM.vita, 0xf0, 'FRU State'],
  [OEM.vita, 0xf1, 'System IPMB Link'],
  [OEM.vita, 0xf2, 'FRU Health'],
  [OEM.vita, 0xf3, 'FRU Temperature'],
  [OEM.vita, 0xf4, 'Payload Test Results'],
  [OEM.vita, 0xf5, 'Payload Test Status'],
];

/** ipmitool's ipmi_get_sensor_type: the name of a sensor type code, "Unknown" when it has none. */
export function sensorTypeName(code: number, oem: OemContext = {}): string {
  if (code < 0xc0) return SENSOR_TYPE_NAMES[code] ?? 'Unknown';
  let found: string | undefined;
  for (const [owner, c, name] of OEM_SENSOR_TYPES) {
    if (c !== code) continue;
    if (owner === oem.manufacturerId) return name;
    // PICMG and VITA names apply on systems that answered the extension probe; the last one wins.
    if ((oem.picmg && owner === OEM.picmg) || (oem.vita && owner === OEM.vita)) found = name;
  }
  return found ?? 'Unknown';
}

/** Event/reading type classes (IPMI v2.0 Table 42-1), as ipmitool's `sel get` names them. */
export function eventTypeName(code: number): string {
  if (code === 0x00) return 'Unspecified';
  if (code === 0x01) return 'Threshold';
  if (code >= 0x02 && code <= 0x0b) return 'Generic Discrete';
  if (code === 0x6f) return 'Sensor-specific Discrete';
  if (code >= 0x70 && code <= 0x7f) return 'OEM';
  return 'Reserved';
}

/**
 * The offsets that apply to a sensor: generic ones by event/reading type, sensor-specific ones
 * (type 6Fh) by sensor type, with ipmitool's OEM substitutions (Kontron for C0h-EFh on Kontron
 * BMCs, VITA 46.11 first on VITA systems).
 */
export function stateTable(sensorType: number, eventType: number, oem: OemContext = {}): readonly EventState[] | undefined {
  if (eventType !== 0x6f) return GENERIC_EVENTS[eventType];
  if (sensorType >= 0xc0 && sensorType < 0xf0 && oem.manufacturerId === OEM.kontron) return KONTRON_EVENTS[sensorType];
  if (oem.vita && VITA_EVENTS[sensorType]) return VITA_EVENTS[sensorType];
  return SENSOR_SPECIFIC_EVENTS[sensorType];
}

/**
 * The text of one event (ipmitool's ipmi_get_event_desc without vendor decoders): the offset is
 * event data 1 [3:0]; a text qualified by event data 2 is chosen when data 1 [7:6] says byte 2
 * holds something. OEM event types 70h-7Eh have vendor-defined texts: undefined.
 */
export function eventDescription(sensorType: number, eventType: number, data1: number, data2: number, oem: OemContext = {}): string | undefined {
  if (eventType >= 0x70 && eventType < 0x7f) return undefined;
  const s = stateTable(sensorType, eventType, oem)?.[data1 & 0x0f];
  if (s === null || s === undefined) return undefined;
  if (typeof s === 'string') return s;
  if (data1 & 0xc0) {
    const qualified = s.byData2[data2];
    if (qualified !== undefined) return qualified;
  }
  return s.text;
}

/**
 * The names of the asserted states (ipmitool's ipmi_sdr_print_discrete_state_mini): bit n of
 * `state1` is offset n (0-7), bit n of `state2` offset 8+n (8-14). Offsets without a plain
 * text are skipped.
 */
export function assertedStates(sensorType: number, eventType: number, state1: number, state2: number, oem: OemContext = {}): string[] {
  const table = stateTable(sensorType, eventType, oem) ?? [];
  const out: string[] = [];
  table.forEach((s, offset) => {
    const text = typeof s === 'string' ? s : s?.text;
    if (text === undefined) return;
    const set = offset > 7 ? (state2 & 0x7f & (1 << (offset - 8))) !== 0 : (state1 & (1 << offset)) !== 0;
    if (set) out.push(text);
  });
  return out;
}

/** Every plain state name of a sensor, in offset order (`event <sensor> list`). */
export function stateNames(sensorType: number, eventType: number, oem: OemContext = {}): string[] {
  return assertedStates(sensorType, eventType, 0xff, 0x7f, oem);
}

/** The offset whose text (any text, qualified ones included) equals `text` ignoring case (ipmitool's event offset search). */
export function findOffset(sensorType: number, eventType: number, text: string, oem: OemContext = {}): number | undefined {
  const want = text.toLowerCase();
  const table = stateTable(sensorType, eventType, oem) ?? [];
  for (let offset = 0; offset < table.length; offset++) {
    const s = table[offset];
    if (s === null || s === undefined) continue;
    const texts = typeof s === 'string' ? [s] : [...s.byData2, ...(s.text !== undefined ? [s.text] : [])];
    if (texts.some((t) => t.toLowerCase() === want)) return offset;
  }
  return undefined;
}

/** Generic event/reading types 01h-0Ch (IPMI v2.0 §42.1, Table 42-2), by event type code. */
export const GENERIC_EVENTS: EventTable = {
  // 01h threshold
  0x01: [
    'Lower Non-critical going low ',
    'Lower Non-critical going high',
    'Lower Critical going low ',
    'Lower Critical going high',
    'Lower Non-recoverable going low ',
    'Lower Non-recoverable going high',
    'Upper Non-critical going low ',
    'Upper Non-critical going high',
    'Upper Critical going low ',
    'Upper Critical going high',
    'Upper Non-recoverable going low ',
    'Upper Non-recoverable going high',
  ],
  // 02h DMI-based usage state
  0x02: ['Transition to Idle', 'Transition to Active', 'Transition to Busy'],
  // 03h digital: state
  0x03: ['State Deasserted', 'State Asserted'],
  // 04h digital: predictive failure
  0x04: ['Predictive Failure Deasserted', 'Predictive Failure Asserted'],
  // 05h digital: limit
  0x05: ['Limit Not Exceeded', 'Limit Exceeded'],
  // 06h digital: performance
  0x06: ['Performance Met', 'Performance Lags'],
  // 07h severity
  0x07: [
    'Transition to OK',
    'Transition to Non-critical from OK',
    'Transition to Critical from less severe',
    'Transition to Non-recoverable from less severe',
    'Transition to Non-critical from more severe',
    'Transition to Critical from Non-recoverable',
    'Transition to Non-recoverable',
    'Monitor',
    'Informational',
  ],
  // 08h availability: presence
  0x08: ['Device Absent', 'Device Present'],
  // 09h availability: enabled
  0x09: ['Device Disabled', 'Device Enabled'],
  // 0Ah availability: power state
  0x0a: [
    'Transition to Running',
    'Transition to In Test',
    'Transition to Power Off',
    'Transition to On Line',
    'Transition to Off Line',
    'Transition to Off Duty',
    'Transition to Degraded',
    'Transition to Power Save',
    'Install Error',
  ],
  // 0Bh redundancy
  0x0b: [
    'Fully Redundant',
    'Redundancy Lost',
    'Redundancy Degraded',
    'Non-Redundant: Sufficient from Redundant',
    'Non-Redundant: Sufficient from Insufficient',
    'Non-Redundant: Insufficient Resources',
    'Redundancy Degraded from Fully Redundant',
    'Redundancy Degraded from Non-Redundant',
  ],
  // 0Ch ACPI device power state
  0x0c: ['D0 Power State', 'D1 Power State', 'D2 Power State', 'D3 Power State'],
};

/**
 * Sensor-specific offsets (event/reading type 6Fh, IPMI v2.0 §42.2, Table 42-3), by sensor type;
 * F0h-F2h are PICMG 3.0 (ATCA) types, which ipmitool keeps in the same table.
 */
export const SENSOR_SPECIFIC_EVENTS: EventTable = {
  // 05h Physical Security
  0x05: [
    'General Chassis intrusion',
    'Drive Bay intrusion',
    'I/O Card area intrusion',
    'Processor area intrusion',
    'System unplugged from LAN',
    'Unauthorized dock',
    'FAN area intrusion',
  ],
  // 06h Platform Security
  0x06: [
    'Front Panel Lockout violation attempted',
    'Pre-boot password violation - user password',
    'Pre-boot password violation - setup password',
    'Pre-boot password violation - network boot password',
    'Other pre-boot password violation',
    'Out-of-band access password violation',
  ],
  // 07h Processor
  0x07: [
    'IERR',
    'Thermal Trip',
    'FRB1/BIST failure',
    'FRB2/Hang in POST failure',
    'FRB3/Processor startup/init failure',
    'Configuration Error',
    'SM BIOS Uncorrectable CPU-complex Error',
    'Presence detected',
    'Disabled',
    'Terminator presence detected',
    'Throttled',
    'Uncorrectable machine check exception',
    'Correctable machine check error',
  ],
  // 08h Power Supply
  0x08: [
    'Presence detected',
    'Failure detected',
    'Predictive failure',
    'Power Supply AC lost',
    'AC lost or out-of-range',
    'AC out-of-range, but present',
    { text: 'Config Error', byData2: ['Config Error: Vendor Mismatch', 'Config Error: Revision Mismatch', 'Config Error: Processor Missing', 'Config Error: Power Supply Rating Mismatch', 'Config Error: Voltage Rating Mismatch'] },
    'Power Supply Inactive',
  ],
  // 09h Power Unit
  0x09: [
    'Power off/down',
    'Power cycle',
    '240VA power down',
    'Interlock power down',
    'AC lost',
    'Soft-power control failure',
    'Failure detected',
    'Predictive failure',
  ],
  // 0Ch Memory
  0x0c: [
    'Correctable ECC',
    'Uncorrectable ECC',
    'Parity',
    'Memory Scrub Failed',
    'Memory Device Disabled',
    'Correctable ECC logging limit reached',
    'Presence Detected',
    'Configuration Error',
    'Spare',
    'Throttled',
    'Critical Overtemperature',
  ],
  // 0Dh Drive Slot / Bay
  0x0d: [
    'Drive Present',
    'Drive Fault',
    'Predictive Failure',
    'Hot Spare',
    'Parity Check In Progress',
    'In Critical Array',
    'In Failed Array',
    'Rebuild In Progress',
    'Rebuild Aborted',
  ],
  // 0Fh System Firmwares
  0x0f: [
    { text: 'Unknown Error', byData2: ['Unspecified', 'No system memory installed', 'No usable system memory', 'Unrecoverable IDE device failure', 'Unrecoverable system-board failure', 'Unrecoverable diskette failure', 'Unrecoverable hard-disk controller failure', 'Unrecoverable PS/2 or USB keyboard failure', 'Removable boot media not found', 'Unrecoverable video controller failure', 'No video device selected', 'BIOS corruption detected', 'CPU voltage mismatch', 'CPU speed mismatch failure'] },
    { text: 'Unknown Hang', byData2: ['Unspecified', 'Memory initialization', 'Hard-disk initialization', 'Secondary CPU Initialization', 'User authentication', 'User-initiated system setup', 'USB resource configuration', 'PCI resource configuration', 'Option ROM initialization', 'Video initialization', 'Cache initialization', 'SMBus initialization', 'Keyboard controller initialization', 'Management controller initialization', 'Docking station attachment', 'Enabling docking station', 'Docking station ejection', 'Disabling docking station', 'Calling operating system wake-up vector', 'System boot initiated', 'Motherboard initialization', 'reserved', 'Floppy initialization', 'Keyboard test', 'Pointing device test', 'Primary CPU initialization'] },
    { text: 'Unknown Progress', byData2: ['Unspecified', 'Memory initialization', 'Hard-disk initialization', 'Secondary CPU Initialization', 'User authentication', 'User-initiated system setup', 'USB resource configuration', 'PCI resource configuration', 'Option ROM initialization', 'Video initialization', 'Cache initialization', 'SMBus initialization', 'Keyboard controller initialization', 'Management controller initialization', 'Docking station attachment', 'Enabling docking station', 'Docking station ejection', 'Disabling docking station', 'Calling operating system wake-up vector', 'System boot initiated', 'Motherboard initialization', 'reserved', 'Floppy initialization', 'Keyboard test', 'Pointing device test', 'Primary CPU initialization'] },
  ],
  // 10h Event Logging Disabled
  0x10: [
    'Correctable memory error logging disabled',
    'Event logging disabled',
    'Log area reset/cleared',
    'All event logging disabled',
    'Log full',
    'Log almost full',
  ],
  // 11h Watchdog1
  0x11: [
    'BIOS Reset',
    'OS Reset',
    'OS Shut Down',
    'OS Power Down',
    'OS Power Cycle',
    'OS NMI/Diag Interrupt',
    'OS Expired',
    'OS pre-timeout Interrupt',
  ],
  // 12h System Event
  0x12: [
    'System Reconfigured',
    'OEM System boot event',
    'Undetermined system hardware failure',
    'Entry added to auxiliary log',
    'PEF Action',
    'Timestamp Clock Sync',
  ],
  // 13h Critical Interrupt
  0x13: [
    'NMI/Diag Interrupt',
    'Bus Timeout',
    'I/O Channel check NMI',
    'Software NMI',
    'PCI PERR',
    'PCI SERR',
    'EISA failsafe timeout',
    'Bus Correctable error',
    'Bus Uncorrectable error',
    'Fatal NMI',
    'Bus Fatal Error',
    'Bus Degraded',
  ],
  // 14h Button
  0x14: ['Power Button pressed', 'Sleep Button pressed', 'Reset Button pressed', 'FRU Latch', 'FRU Service'],
  // 19h Chip Set
  0x19: ['Soft Power Control Failure', 'Thermal Trip'],
  // 1Bh Cable / Interconnect
  0x1b: ['Connected', 'Config Error'],
  // 1Dh System Boot Initiated
  0x1d: [
    'Initiated by power up',
    'Initiated by hard reset',
    'Initiated by warm reset',
    'User requested PXE boot',
    'Automatic boot to diagnostic',
    'OS initiated hard reset',
    'OS initiated warm reset',
    'System Restart',
  ],
  // 1Eh Boot Error
  0x1e: ['No bootable media', 'Non-bootable disk in drive', 'PXE server not found', 'Invalid boot sector', 'Timeout waiting for selection'],
  // 1Fh OS Boot
  0x1f: [
    'A: boot completed',
    'C: boot completed',
    'PXE boot completed',
    'Diagnostic boot completed',
    'CD-ROM boot completed',
    'ROM boot completed',
    'boot completed - device not specified',
    'Installation started',
    'Installation completed',
    'Installation aborted',
    'Installation failed',
  ],
  // 20h OS Critical Stop
  0x20: [
    'Error during system startup',
    'Run-time critical stop',
    'OS graceful stop',
    'OS graceful shutdown',
    'PEF initiated soft shutdown',
    'Agent not responding',
  ],
  // 21h Slot / Connector
  0x21: [
    'Fault Status',
    'Identify Status',
    'Device Installed',
    'Ready for Device Installation',
    'Ready for Device Removal',
    'Slot Power is Off',
    'Device Removal Request',
    'Interlock',
    'Slot is Disabled',
    'Spare Device',
  ],
  // 22h System ACPI Power State
  0x22: [
    'S0/G0: working',
    'S1: sleeping with system hw & processor context maintained',
    'S2: sleeping, processor context lost',
    'S3: sleeping, processor & hw context lost, memory retained',
    'S4: non-volatile sleep/suspend-to-disk',
    'S5/G2: soft-off',
    'S4/S5: soft-off',
    'G3: mechanical off',
    'Sleeping in S1/S2/S3 state',
    'G1: sleeping',
    'S5: entered by override',
    'Legacy ON state',
    'Legacy OFF state',
    null,
    'Unknown',
  ],
  // 23h Watchdog2
  0x23: ['Timer expired', 'Hard reset', 'Power down', 'Power cycle', 'reserved', 'reserved', 'reserved', 'reserved', 'Timer interrupt'],
  // 24h Platform Alert
  0x24: [
    'Platform generated page',
    'Platform generated LAN alert',
    'Platform Event Trap generated',
    'Platform generated SNMP trap, OEM format',
  ],
  // 25h Entity Presence
  0x25: ['Present', 'Absent', 'Disabled'],
  // 27h LAN
  0x27: ['Heartbeat Lost', 'Heartbeat'],
  // 28h Management Subsys Health
  0x28: [
    'Sensor access degraded or unavailable',
    'Controller access degraded or unavailable',
    'Management controller off-line',
    'Management controller unavailable',
    'Sensor failure',
    'FRU failure',
  ],
  // 29h Battery
  0x29: ['Low', 'Failed', 'Presence Detected'],
  // 2Bh Version Change
  0x2b: [
    'Hardware change detected',
    { byData2: ['Firmware or software change detected', 'Firmware or software change detected, Mngmt Ctrl Dev Id', 'Firmware or software change detected, Mngmt Ctrl Firm Rev', 'Firmware or software change detected, Mngmt Ctrl Dev Rev', 'Firmware or software change detected, Mngmt Ctrl Manuf Id', 'Firmware or software change detected, Mngmt Ctrl IPMI Vers', 'Firmware or software change detected, Mngmt Ctrl Aux Firm Id', 'Firmware or software change detected, Mngmt Ctrl Firm Boot Block', 'Firmware or software change detected, Mngmt Ctrl Other', 'Firmware or software change detected, BIOS/EFI change', 'Firmware or software change detected, SMBIOS change', 'Firmware or software change detected, O/S change', 'Firmware or software change detected, O/S loader change', 'Firmware or software change detected, Service Diag change', 'Firmware or software change detected, Mngmt SW agent change', 'Firmware or software change detected, Mngmt SW App change', 'Firmware or software change detected, Mngmt SW Middle', 'Firmware or software change detected, Prog HW Change (FPGA)', 'Firmware or software change detected, board/FRU module change', 'Firmware or software change detected, board/FRU component change', 'Firmware or software change detected, board/FRU replace equ ver', 'Firmware or software change detected, board/FRU replace new ver', 'Firmware or software change detected, board/FRU replace old ver', 'Firmware or software change detected, board/FRU HW conf change'] },
    'Hardware incompatibility detected',
    'Firmware or software incompatibility detected',
    'Invalid or unsupported hardware version',
    'Invalid or unsupported firmware or software version',
    'Hardware change success',
    { byData2: ['Firmware or software change success', 'Firmware or software change success, Mngmt Ctrl Dev Id', 'Firmware or software change success, Mngmt Ctrl Firm Rev', 'Firmware or software change success, Mngmt Ctrl Dev Rev', 'Firmware or software change success, Mngmt Ctrl Manuf Id', 'Firmware or software change success, Mngmt Ctrl IPMI Vers', 'Firmware or software change success, Mngmt Ctrl Aux Firm Id', 'Firmware or software change success, Mngmt Ctrl Firm Boot Block', 'Firmware or software change success, Mngmt Ctrl Other', 'Firmware or software change success, BIOS/EFI change', 'Firmware or software change success, SMBIOS change', 'Firmware or software change success, O/S change', 'Firmware or software change success, O/S loader change', 'Firmware or software change success, Service Diag change', 'Firmware or software change success, Mngmt SW agent change', 'Firmware or software change success, Mngmt SW App change', 'Firmware or software change success, Mngmt SW Middle', 'Firmware or software change success, Prog HW Change (FPGA)', 'Firmware or software change success, board/FRU module change', 'Firmware or software change success, board/FRU component change', 'Firmware or software change success, board/FRU replace equ ver', 'Firmware or software change success, board/FRU replace new ver', 'Firmware or software change success, board/FRU replace old ver', 'Firmware or software change success, board/FRU HW conf change'] },
  ],
  // 2Ch FRU State
  0x2c: [
    'Not Installed',
    'Inactive',
    'Activation Requested',
    'Activation in Progress',
    'Active',
    'Deactivation Requested',
    'Deactivation in Progress',
    'Communication lost',
  ],
  // F0h PICMG FRU Hot Swap
  0xf0: [
    'Transition to M0',
    'Transition to M1',
    'Transition to M2',
    'Transition to M3',
    'Transition to M4',
    'Transition to M5',
    'Transition to M6',
    'Transition to M7',
  ],
  // F1h PICMG IPMB Physical Link
  0xf1: [
    'IPMB-A disabled, IPMB-B disabled',
    'IPMB-A enabled, IPMB-B disabled',
    'IPMB-A disabled, IPMB-B enabled',
    'IPMB-A enabled, IPMB-B enabled',
  ],
  // F2h PICMG Module Hot Swap
  0xf2: ['Module Handle Closed', 'Module Handle Opened', 'Quiesced'],
};

/** VITA 46.11 sensor types (looked up before the sensor-specific table on VITA systems). */
export const VITA_EVENTS: EventTable = {
  // F0h VITA FRU State
  0xf0: [
    'Transition to M0',
    'Transition to M1',
    null,
    null,
    'Transition to M4',
    'Transition to M5',
    'Transition to M6',
    'Transition to M7',
  ],
  // F1h VITA System IPMB Link
  0xf1: [
    'IPMB-A disabled, IPMB-B disabled',
    'IPMB-A enabled, IPMB-B disabled',
    'IPMB-A disabled, IPMB-B enabled',
    'IPMB-A enabled, IPMB-B enabled',
  ],
  // F3h VITA FRU Temperature
  0xf3: [
    'At or below Lower Non-critical',
    'At or below Lower Critical',
    'At or below Lower Non-recoverable',
    'At or above Upper Non-critical',
    'At or above Upper Critical',
    'At or above Upper Non-recoverable',
  ],
};

/** Kontron OEM sensor types C0h-EFh (used instead of the sensor-specific table on Kontron BMCs). */
export const KONTRON_EVENTS: EventTable = {
  // C1h Board Reset (cPCI)
  0xc1: [
    'Push Button',
    'Bridge Reset',
    'Backplane',
    'Hotswap Fault',
    'Hotswap Healty',
    'Unknown',
    'ITP',
    'Hardware Watchdog',
    'Software Reset',
  ],
  // C3h IPMB-L Link State
  0xc3: [null, null, 'IPMB L Disabled', 'IPMB L Enabled'],
  // C4h Board Reset
  0xc4: [
    'Push Button',
    'Hardware Power Failure',
    'Unknown',
    'Hardware Watchdog',
    'Soft Reset',
    'Warm Reset',
    'Cold Reset',
    'IPMI Command',
    'Setup Reset (Save CMOS)',
    'Power Up Reset',
  ],
  // C6h POST Value
  0xc6: [null, null, null, null, null, null, null, null, null, null, null, null, null, null, 'Post Error (see data2)'],
  // C7h FWUM Status
  0xc7: [
    'First Boot After Upgrade',
    'First Boot After Rollback(error)',
    'First Boot After Errors (watchdog)',
    'First Boot After Manual Rollback',
    null,
    null,
    null,
    null,
    'Firmware Watchdog Bite, reset occurred',
  ],
  // C8h Switch Mngt Software Status
  0xc8: ['Not Loaded', 'Initializing', 'Ready', 'Failure (see data2)'],
  // C9h Diagnostic Status
  0xc9: ['Started', 'Pass', 'Fail'],
  // CAh Component Firmware Upgrade
  0xca: ['In progress', 'Success', 'Failure'],
  // CBh FRU Over Current
  0xcb: ['Asserted', 'Deasserted'],
  // CCh FRU Sensor Error
  0xcc: ['Asserted', 'Deasserted'],
  // CDh FRU Power Denied
  0xcd: ['Asserted', 'Deasserted'],
  // CFh Reset
  0xcf: ['Asserted', 'Deasserted'],
};
