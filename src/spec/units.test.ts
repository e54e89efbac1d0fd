/** Sensor unit strings (IPMI v2.0 §43.17 Table 43-15; Table 43-1 byte 21: percentage, modifier relation) as ipmitool 1.8.19 prints them. */
import { describe, expect, it } from 'vitest';
import { UNIT_NAMES, UnitRelation, unitString } from './units.js';

describe('unitString', () => {
  it('base units by code (Table 43-15)', () => {
    expect(UNIT_NAMES).toHaveLength(93);
    expect([unitString(false, 0, 1, 0), unitString(false, 0, 4, 0), unitString(false, 0, 18, 0), unitString(false, 0, 92, 0)]).toEqual([
      'degrees C',
      'Volts',
      'RPM',
      'grams',
    ]);
  });
  it('modifier units: base/modifier (relation 1), base*modifier (relation 2)', () => {
    expect(unitString(false, UnitRelation.Divide, 18, 4)).toBe('RPM/Volts');
    expect(unitString(false, UnitRelation.Multiply, 6, 24)).toBe('Watts*hour');
  });
  it('percentage: "% " before the unit, "percent" alone when the base unit is unspecified', () => {
    expect(unitString(true, UnitRelation.None, 18, 0)).toBe('% RPM');
    expect(unitString(true, UnitRelation.Divide, 18, 4)).toBe('% RPM/Volts');
    expect(unitString(true, UnitRelation.None, 0, 0)).toBe('percent');
    expect(unitString(true, UnitRelation.Multiply, 0, 4)).toBe('% unspecified*Volts');
  });
  it('codes past the table are "invalid"; relation 3 prints the base unit alone', () => {
    expect(unitString(false, UnitRelation.Divide, 93, 200)).toBe('invalid/invalid');
    expect(unitString(false, UnitRelation.Reserved, 5, 4)).toBe('Amps');
  });
});
