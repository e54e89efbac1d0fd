/**
 * Known answers for IPMI v2.0 §36.3 (y = L[(M*x + B*10^Bexp) * 10^Rexp]), the analog data
 * formats of Table 43-1 byte 21, the linearizations of byte 24, tolerance (§36.4: +/- M*tol/2),
 * hysteresis (no offset, as ipmitool) and the inverse used by Set Sensor Thresholds.
 */
import { describe, expect, it } from 'vitest';
import { accuracyPercent, convertHysteresis, convertReading, convertTolerance, Linearization, rawToNumber, valueToRaw } from './convert.js';
import type { Factors } from './records.js';

const f = (o: Partial<Factors>): Factors => ({
  analogFormat: 0,
  linearization: 0,
  m: 1,
  tolerance: 0,
  b: 0,
  accuracy: 0,
  accuracyExp: 0,
  rExp: 0,
  bExp: 0,
  ...o,
});

describe('rawToNumber (Table 43-1 byte 21 bits 7:6)', () => {
  it('unsigned', () => {
    expect(rawToNumber(0, 0xf6)).toBe(246);
  });
  it("two's complement: F6h is -10, 80h is -128, 7Fh is 127", () => {
    expect([rawToNumber(2, 0xf6), rawToNumber(2, 0x80), rawToNumber(2, 0x7f)]).toEqual([-10, -128, 127]);
  });
  it("one's complement, as ipmitool reads it: F5h is -10, FFh (negative zero) is 0", () => {
    expect([rawToNumber(1, 0xf5), rawToNumber(1, 0xff), rawToNumber(1, 0x05)]).toEqual([-10, 0, 5]);
  });
  it('format 3 has no analog reading', () => {
    expect(rawToNumber(3, 0x10)).toBeUndefined();
  });
});

describe('convertReading (§36.3)', () => {
  it('linear with M and Rexp: 202 x 6 x 10^-2 = 12.12 V', () => {
    expect(convertReading(f({ m: 6, rExp: -2 }), 202)).toBeCloseTo(12.12, 12);
  });
  it('the B offset scaled by Bexp: (2 x 52 + 400) x 10^-2 = 5.04 V; B=-3, Bexp=1: 6x - 30', () => {
    expect(convertReading(f({ m: 2, b: 400, rExp: -2 }), 52)).toBeCloseTo(5.04, 12);
    expect(convertReading(f({ m: 6, b: -3, bExp: 1 }), 10)).toBe(30);
  });
  it("a negative two's complement reading: F6h (-10) x 1 = -10 degrees; with M=2, B=-5: -25", () => {
    expect(convertReading(f({ analogFormat: 2 }), 0xf6)).toBe(-10);
    expect(convertReading(f({ analogFormat: 2, m: 2, b: -5 }), 0xf6)).toBe(-25);
  });
  it("a negative M (10-bit two's complement -1) inverts the scale", () => {
    expect(convertReading(f({ m: -1, b: 100 }), 30)).toBe(70);
  });
  it.each([
    ['ln', Linearization.Ln, 100, Math.log(100)],
    ['log10', Linearization.Log10, 100, 2],
    ['log2', Linearization.Log2, 64, 6],
    ['e', Linearization.E, 2, Math.exp(2)],
    ['exp10', Linearization.Exp10, 3, 1000],
    ['exp2', Linearization.Exp2, 10, 1024],
    ['1/x', Linearization.OneOverX, 4, 0.25],
    ['sqr', Linearization.Sqr, 12, 144],
    ['cube', Linearization.Cube, 3, 27],
    ['sqrt', Linearization.Sqrt, 144, 12],
    ['cube root', Linearization.CubeRoot, 27, 3],
  ])('linearization %s (Table 43-1 byte 24)', (_, lin, raw, want) => {
    expect(convertReading(f({ linearization: lin }), raw)).toBeCloseTo(want, 12);
  });
  it('linearization applies after M, B and the exponents: sqr((2 x 5 + 2) x 10^0) = 144', () => {
    expect(convertReading(f({ linearization: Linearization.Sqr, m: 2, b: 2 }), 5)).toBe(144);
  });
  it('analog format 3 converts to 0, as ipmitool', () => {
    expect(convertReading(f({ analogFormat: 3, m: 5 }), 9)).toBe(0);
  });
});

describe('tolerance, hysteresis, accuracy', () => {
  it('tolerance is M x tol / 2 x 10^Rexp (§36.4): M=6, tol 5, Rexp -2 gives 0.15', () => {
    expect(convertTolerance(f({ m: 6, rExp: -2 }), 5)).toBeCloseTo(0.15, 12);
  });
  it('hysteresis converts without the B offset: M=2, B=400, Rexp -2, raw 5 gives 0.1', () => {
    expect(convertHysteresis(f({ m: 2, b: 400, rExp: -2 }), 5)).toBeCloseTo(0.1, 12);
  });
  it('accuracy is in 0.01 % units scaled by 10^accuracyExp (Table 43-1 bytes 28-29)', () => {
    expect(accuracyPercent(f({ accuracy: 25, accuracyExp: 1 }))).toBeCloseTo(2.5, 12);
  });
});

describe('valueToRaw (ipmitool sdr_convert_sensor_value_to_raw)', () => {
  it('inverts the linear formula and rounds halves up', () => {
    expect(valueToRaw(f({ m: 6, rExp: -2 }), 12.6)).toBe(210);
    expect(valueToRaw(f({ m: 2, b: 400, rExp: -2 }), 5.26)).toBe(63);
    expect(valueToRaw(f({ m: 2 }), 5)).toBe(3);
    expect(valueToRaw(f({ m: 2 }), 4.9)).toBe(2);
  });
  it('M of 0 and analog format 3 give 0; out of range values keep their low 8 bits', () => {
    expect(valueToRaw(f({ m: 0 }), 12)).toBe(0);
    expect(valueToRaw(f({ analogFormat: 3 }), 12)).toBe(0);
    expect(valueToRaw(f({ m: 1 }), 300)).toBe(44);
  });
});
