/**
 * Entity ID codes, IPMI v2.0 §43.14 Table 43-13 (plus the PICMG codes ipmitool knows), and the
 * device type codes of device locator records (§43.13 Table 43-12), worded as ipmitool 1.8.19
 * (lib/ipmi_strings.c entity_id_vals, entity_device_type_vals).
 */
import { unknownValue } from '../format/c-printf.js';

/** [code, name] in ipmitool's order (`sdr entity list` prints them in this order). */
export const ENTITY_IDS: readonly (readonly [number, string])[] = [
  [0x00, 'Unspecified'],
  [0x01, 'Other'],
  [0x02, 'Unknown'],
  [0x03, 'Processor'],
  [0x04, 'Disk or Disk Bay'],
  [0x05, 'Peripheral Bay'],
  [0x06, 'System Management Module'],
  [0x07, 'System Board'],
  [0x08, 'Memory Module'],
  [0x09, 'Processor Module'],
  [0x0a, 'Power Supply'],
  [0x0b, 'Add-in Card'],
  [0x0c, 'Front Panel Board'],
  [0x0d, 'Back Panel Board'],
  [0x0e, 'Power System Board'],
  [0x0f, 'Drive Backplane'],
  [0x10, 'System Internal Expansion Board'],
  [0x11, 'Other System Board'],
  [0x12, 'Processor Board'],
  [0x13, 'Power Unit'],
  [0x14, 'Power Module'],
  [0x15, 'Power Management'],
  [0x16, 'Chassis Back Panel Board'],
  [0x17, 'System Chassis'],
  [0x18, 'Sub-Chassis'],
  [0x19, 'Other Chassis Board'],
  [0x1a, 'Disk Drive Bay'],
  [0x1b, 'Peripheral Bay'],
  [0x1c, 'Device Bay'],
  [0x1d, 'Fan Device'],
  [0x1e, 'Cooling Unit'],
  [0x1f, 'Cable/Interconnect'],
  [0x20, 'Memory Device'],
  [0x21, 'System Management Software'],
  [0x22, 'BIOS'],
  [0x23, 'Operating System'],
  [0x24, 'System Bus'],
  [0x25, 'Group'],
  [0x26, 'Remote Management Device'],
  [0x27, 'External Environment'],
  [0x28, 'Battery'],
  [0x29, 'Processing Blade'],
  [0x2a, 'Connectivity Switch'],
  [0x2b, 'Processor/Memory Module'],
  [0x2c, 'I/O Module'],
  [0x2d, 'Processor/IO Module'],
  [0x2e, 'Management Controller Firmware'],
  [0x2f, 'IPMI Channel'],
  [0x30, 'PCI Bus'],
  [0x31, 'PCI Express Bus'],
  [0x32, 'SCSI Bus (parallel)'],
  [0x33, 'SATA/SAS Bus'],
  [0x34, 'Processor/Front-Side Bus'],
  [0x35, 'Real Time Clock(RTC)'],
  [0x36, 'Reserved'],
  [0x37, 'Air Inlet'],
  [0x38, 'Reserved'],
  [0x39, 'Reserved'],
  [0x3a, 'Reserved'],
  [0x3b, 'Reserved'],
  [0x3c, 'Reserved'],
  [0x3d, 'Reserved'],
  [0x3e, 'Reserved'],
  [0x3f, 'Reserved'],
  [0x40, 'Air Inlet'],
  [0x41, 'Processor'],
  [0x42, 'Baseboard/Main System Board'],
  [0xa0, 'PICMG Front Board'],
  [0xc0, 'PICMG Rear Transition Module'],
  [0xc1, 'PICMG AdvancedMC Module'],
  [0xf0, 'PICMG Shelf Management Controller'],
  [0xf1, 'PICMG Filtration Unit'],
  [0xf2, 'PICMG Shelf FRU Information'],
  [0xf3, 'PICMG Alarm Panel'],
];

/** [(device type << 8) | modifier, or the type alone, name], ipmitool's lookup order. */
export const DEVICE_TYPES: readonly (readonly [number, string])[] = [
  [0x00, 'Reserved'],
  [0x01, 'Reserved'],
  [0x02, 'DS1624 temperature sensor'],
  [0x03, 'DS1621 temperature sensor'],
  [0x04, 'LM75 Temperature Sensor'],
  [0x05, 'Heceta ASIC'],
  [0x06, 'Reserved'],
  [0x07, 'Reserved'],
  [0x08, 'EEPROM, 24C01'],
  [0x09, 'EEPROM, 24C02'],
  [0x0a, 'EEPROM, 24C04'],
  [0x0b, 'EEPROM, 24C08'],
  [0x0c, 'EEPROM, 24C16'],
  [0x0d, 'EEPROM, 24C17'],
  [0x0e, 'EEPROM, 24C32'],
  [0x0f, 'EEPROM, 24C64'],
  [0x1000, 'IPMI FRU Inventory'],
  [0x1001, 'DIMM Memory ID'],
  [0x1002, 'IPMI FRU Inventory'],
  [0x1003, 'System Processor Cartridge FRU'],
  [0x11, 'Reserved'],
  [0x12, 'Reserved'],
  [0x13, 'Reserved'],
  [0x14, 'PCF 8570 256 byte RAM'],
  [0x15, 'PCF 8573 clock/calendar'],
  [0x16, 'PCF 8574A I/O Port'],
  [0x17, 'PCF 8583 clock/calendar'],
  [0x18, 'PCF 8593 clock/calendar'],
  [0x19, 'Clock calendar'],
  [0x1a, 'PCF 8591 A/D, D/A Converter'],
  [0x1b, 'I/O Port'],
  [0x1c, 'A/D Converter'],
  [0x1d, 'D/A Converter'],
  [0x1e, 'A/D, D/A Converter'],
  [0x1f, 'LCD Controller/Driver'],
  [0x20, 'Core Logic (Chip set) Device'],
  [0x21, 'LMC6874 Intelligent Battery controller'],
  [0x22, 'Intelligent Batter controller'],
  [0x23, 'Combo Management ASIC'],
  [0x24, 'Maxim 1617 Temperature Sensor'],
  [0xbf, 'Other/Unspecified'],
];


function lookup(table: readonly (readonly [number, string])[], v: number): string {
  for (const [code, name] of table) if (code === v) return name;
  return unknownValue(v);
}

export const entityName = (id: number): string => lookup(ENTITY_IDS, id);

/** Device Type.Modifier of generic and FRU device locators. */
export const deviceTypeName = (type: number, modifier: number): string => lookup(DEVICE_TYPES, ((type << 8) | modifier) >>> 0);

/** Case-insensitive entity name lookup (`sdr entity "System Board"`): the last match, as ipmitool. */
export function entityByName(name: string): number | undefined {
  const lower = name.toLowerCase();
  let found: number | undefined;
  for (const [code, n] of ENTITY_IDS) if (n.toLowerCase() === lower) found = code;
  return found;
}
