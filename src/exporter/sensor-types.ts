/**
 * Sensor type names as ipmi_exporter's `type` label carries them: FreeIPMI ipmimonitoring's
 * strings (IPMI v2.0 §42.2 Table 42-3 codes), which differ from ipmitool's ("Drive Slot", not
 * "Drive Slot / Bay"). Checked against ipmi_exporter 1.6.1 + FreeIPMI 1.6.10 output on the
 * project's simulator. OEM codes (C0h-FFh) are "OEM Reserved".
 */
const NAMES: readonly string[] = [
  'Reserved',
  'Temperature',
  'Voltage',
  'Current',
  'Fan',
  'Physical Security',
  'Platform Security Violation Attempt',
  'Processor',
  'Power Supply',
  'Power Unit',
  'Cooling Device',
  'Other Units Based Sensor',
  'Memory',
  'Drive Slot',
  'POST Memory Resize',
  'System Firmware Progress',
  'Event Logging Disabled',
  'Watchdog 1',
  'System Event',
  'Critical Interrupt',
  'Button/Switch',
  'Module/Board',
  'Microcontroller/Coprocessor',
  'Add In Card',
  'Chassis',
  'Chip Set',
  'Other Fru',
  'Cable/Interconnect',
  'Terminator',
  'System Boot Initiated',
  'Boot Error',
  'OS Boot',
  'OS Critical Stop',
  'Slot/Connector',
  'System ACPI Power State',
  'Watchdog 2',
  'Platform Alert',
  'Entity Presence',
  'Monitor ASIC/IC',
  'LAN',
  'Management Subsystem Health',
  'Battery',
  'Session Audit',
  'Version Change',
  'FRU State',
];

export function monitoringTypeName(code: number): string {
  if (code >= 0xc0) return 'OEM Reserved';
  return NAMES[code] ?? 'Unknown';
}
