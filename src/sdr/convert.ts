/**
 * Raw reading <-> value (IPMI v2.0 §36.3): y = L[(M*x + B*10^Bexp) * 10^Rexp] with the analog
 * data format of Table 43-1 byte 21 (unsigned, one's complement, two's complement) and the
 * linearization functions of Table 43-1 byte 24 (§36.3.1). Tolerance (§36.4) is M*tol/2
 * scaled by 10^Rexp; hysteresis converts without B, as ipmitool does. Pure.
 */
import type { Factors } from './records.js';

/** Linearization codes (Table 43-1 byte 24). */
export const Linearization = {
  Linear: 0x00,
  Ln: 0x01,
  Log10: 0x02,
  Log2: 0x03,
  E: 0x04,
  Exp10: 0x05,
  Exp2: 0x06,
  OneOverX: 0x07,
  Sqr: 0x08,
  Cube: 0x09,
  Sqrt: 0x0a,
  CubeRoot: 0x0b,
} as const;

/** 70h-7Fh: the BMC supplies the factors per reading (Get Sensor Reading Factors, §35.5). */
export const isNonLinear = (linearization: number): boolean => linearization >= 0x70 && linearization <= 0x7f;

/** 10^k for the 4-bit exponents, as correctly rounded literals (what libm's pow returns for them). */
const POW10: Readonly<Record<number, number>> = {
  [-8]: 1e-8,
  [-7]: 1e-7,
  [-6]: 1e-6,
  [-5]: 1e-5,
  [-4]: 1e-4,
  [-3]: 1e-3,
  [-2]: 1e-2,
  [-1]: 1e-1,
  0: 1,
  1: 1e1,
  2: 1e2,
  3: 1e3,
  4: 1e4,
  5: 1e5,
  6: 1e6,
  7: 1e7,
};
const pow10 = (k: number): number => POW10[k] ?? 10 ** k;

/** The raw byte as a signed or unsigned number per the analog data format; undefined for format 3. */
export function rawToNumber(format: number, raw: number): number | undefined {
  let v = raw & 0xff;
  switch (format) {
    case 0:
      return v;
    case 1:
      // One's complement: ipmitool adds one to negative values and reads them as two's complement.
      if (v & 0x80) v = (v + 1) & 0xff;
      return v & 0x80 ? v - 256 : v;
    case 2:
      return v & 0x80 ? v - 256 : v;
    default:
      return undefined;
  }
}

export function linearize(linearization: number, x: number): number {
  switch (linearization & 0x7f) {
    case Linearization.Ln:
      return Math.log(x);
    case Linearization.Log10:
      return Math.log10(x);
    case Linearization.Log2:
      return Math.log(x) / Math.log(2);
    case Linearization.E:
      return Math.exp(x);
    case Linearization.Exp10:
      return 10 ** x;
    case Linearization.Exp2:
      return 2 ** x;
    case Linearization.OneOverX:
      return 1 / x;
    case Linearization.Sqr:
      return x * x;
    case Linearization.Cube:
      return x ** 3;
    case Linearization.Sqrt:
      return Math.sqrt(x);
    case Linearization.CubeRoot:
      return Math.cbrt(x);
    default:
      return x;
  }
}

/** A raw reading (or threshold, nominal, min/max) to its value; 0 for format 3, as ipmitool. */
export function convertReading(f: Factors, raw: number): number {
  const x = rawToNumber(f.analogFormat, raw);
  if (x === undefined) return 0;
  return linearize(f.linearization, (f.m * x + f.b * pow10(f.bExp)) * pow10(f.rExp));
}

/** Hysteresis: M*x*10^Rexp, no offset (ipmitool's sdr_convert_sensor_hysterisis). */
export function convertHysteresis(f: Factors, raw: number): number {
  const x = rawToNumber(f.analogFormat, raw);
  if (x === undefined) return 0;
  return linearize(f.linearization, f.m * x * pow10(f.rExp));
}

/** Tolerance: M*x/2*10^Rexp (§36.4 "+/- 1/2 raw counts"). */
export function convertTolerance(f: Factors, raw: number): number {
  const x = rawToNumber(f.analogFormat, raw);
  if (x === undefined) return 0;
  return linearize(f.linearization, f.m * (x / 2) * pow10(f.rExp));
}

/** Accuracy in percent: accuracy * 10^(accuracyExp) / 100 (Table 43-1 bytes 28-29, 0.01 % units). */
export const accuracyPercent = (f: Factors): number => (f.accuracy * pow10(f.accuracyExp)) / 100;

/**
 * A value to the raw byte that Set Sensor Thresholds takes (ipmitool's sdr_convert_sensor_value_to_raw:
 * linear inverse, rounded half up, truncated to 8 bits; 0 when M is 0).
 */
export function valueToRaw(f: Factors, value: number): number {
  if (f.analogFormat === 3 || f.m === 0) return 0;
  const r = (value / pow10(f.rExp) - f.b * pow10(f.bExp)) / f.m;
  const i = Math.trunc(r);
  const v = r - i >= 0.5 ? Math.ceil(r) : i;
  // C's (uint8_t) conversion of an out-of-range value: keep the low 8 bits.
  return ((v % 256) + 256) % 256;
}
