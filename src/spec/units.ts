/**
 * Sensor unit type codes, IPMI v2.0 §43.17 Table 43-15, as ipmitool 1.8.19 names them
 * (lib/ipmi_sdr.c unit_desc), and the unit string of a sensor (Table 43-1 byte 21:
 * percentage bit, modifier unit relation, base and modifier unit).
 */

/** Index = unit type code 0-92 ("grams"). */
export const UNIT_NAMES: readonly string[] = [
  'unspecified', 'degrees C', 'degrees F', 'degrees K', 'Volts', 'Amps',
  'Watts', 'Joules', 'Coulombs', 'VA', 'Nits', 'lumen',
  'lux', 'Candela', 'kPa', 'PSI', 'Newton', 'CFM',
  'RPM', 'Hz', 'microsecond', 'millisecond', 'second', 'minute',
  'hour', 'day', 'week', 'mil', 'inches', 'feet',
  'cu in', 'cu feet', 'mm', 'cm', 'm', 'cu cm',
  'cu m', 'liters', 'fluid ounce', 'radians', 'steradians', 'revolutions',
  'cycles', 'gravities', 'ounce', 'pound', 'ft-lb', 'oz-in',
  'gauss', 'gilberts', 'henry', 'millihenry', 'farad', 'microfarad',
  'ohms', 'siemens', 'mole', 'becquerel', 'PPM', 'reserved',
  'Decibels', 'DbA', 'DbC', 'gray', 'sievert', 'color temp deg K',
  'bit', 'kilobit', 'megabit', 'gigabit', 'byte', 'kilobyte',
  'megabyte', 'gigabyte', 'word', 'dword', 'qword', 'line',
  'hit', 'miss', 'retry', 'reset', 'overflow', 'underrun',
  'collision', 'packets', 'messages', 'characters', 'error', 'correctable error',
  'uncorrectable error', 'fatal error', 'grams',
];

/** Table 43-1 byte 21 bits 2:1. */
export const UnitRelation = { None: 0, Divide: 1, Multiply: 2, Reserved: 3 } as const;

const unitName = (code: number): string => UNIT_NAMES[code] ?? 'invalid';

/**
 * ipmitool's ipmi_sdr_get_unit_string: "% " prefix for percentage, "base/modifier" or
 * "base*modifier" for the modifier relations, "percent" for a unitless percentage.
 */
export function unitString(percent: boolean, relation: number, base: number, modifier: number): string {
  const pct = percent ? '% ' : '';
  switch (relation) {
    case UnitRelation.Multiply:
      return `${pct}${unitName(base)}*${unitName(modifier)}`;
    case UnitRelation.Divide:
      return `${pct}${unitName(base)}/${unitName(modifier)}`;
    default:
      return base === 0 && percent ? 'percent' : `${pct}${unitName(base)}`;
  }
}
