/** DCMI facts as ipmitool names them (lib/ipmi_dcmi.c tables; DCMI v1.5 §6.1.1, §6.6, §6.7). */
import { unknownValueShort } from '../format/c-printf.js';

/** Capability bits of Get DCMI Capabilities Info (Tables 6-3, 6-4), bit 0 first. */
export const dcmiMandatoryPlatformCapabilities = ['Identification support available', 'SEL logging available', 'Chassis power available', 'Temperature monitor available'];
export const dcmiOptionalPlatformCapabilities = ['Power management available'];
export const dcmiManagementAccessCapabilities = [
  'In-band KCS channel available',
  'Out-of-band serial TMODE available',
  'Out-of-band secondary LAN channel available',
  'Out-of-band primary LAN channel available',
  'SOL enabled',
  'VLAN capable',
];
export const dcmiIdCapabilities = ['GUID', 'DHCP hostname', 'Asset tag'];
/** ipmitool prints the short names here (val2str2 of dcmi_temp_monitoring_vals). */
export const dcmiTemperatureMonitoring = ['inlet', 'cpu', 'baseboard'];

/** The DCMI temperature entities (§6.7): id, `sensors` name, `get_temp_reading` description. */
export const DCMI_ENTITIES = [
  { id: 0x40, name: 'Inlet', reading: 'Inlet air temperature(40h)' },
  { id: 0x41, name: 'CPU', reading: 'CPU temperature sensors(41h)' },
  { id: 0x42, name: 'Baseboard', reading: 'Baseboard temperature sensors(42h)' },
] as const;

/** Exception actions of Get Power Limit (Table 6-17) as printed. */
export function dcmiPowerActionName(v: number): string {
  if (v === 0x00) return 'No Action';
  if (v === 0x01) return 'Hard Power Off & Log Event to SEL';
  if (v === 0x11) return 'Log Event to SEL';
  if (v >= 0x02 && v <= 0x10) return `OEM reserved (${v.toString(16).padStart(2, '0')}h)`;
  return unknownValueShort(v);
}

/** `set_limit action <word>` (ipmitool's dcmi_pwrmgmt_action_vals). */
export const dcmiPowerActionCodes: Readonly<Record<string, number>> = {
  no_action: 0x00,
  power_off: 0x01,
  sel_logging: 0x11,
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`oem_${(i + 2).toString(16).padStart(2, '0')}`, i + 2])),
};

/** Rolling average periods of enhanced power statistics (§6.6.1 byte 3): word → code. */
export const dcmiSamplingPeriods: Readonly<Record<string, number>> = {
  '5_sec': 0x05,
  '15_sec': 0x0f,
  '30_sec': 0x1e,
  '1_min': 0x41,
  '3_min': 0x43,
  '7_min': 0x47,
  '15_min': 0x4f,
  '30_min': 0x5e,
  '1_hour': 0x81,
};
