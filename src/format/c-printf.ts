/**
 * C printf conversions as ipmitool's output uses them, in one place, each variant named after
 * its format (ipmitool's exact bytes depend on which one a line uses):
 * - `%.Nf` as glibc does it: rounds the exact binary value half-to-even (JavaScript's toFixed
 *   rounds ties up), keeps the sign of -0 and of negatives that round to zero, prints nan/inf;
 * - hex: `%x`/`%X` with a width (hx, HX), `%02x` (hex2), `0x%02x` (hex2p), `0x%04x` (hex4p);
 * - val2str()'s fallback for a value not in a table: `Unknown (0x%02X)` (unknownValue), and the
 *   spellings some tables use instead: `Unknown (0x%02x)` (unknownValueLower), `Unknown (0x%x)`
 *   (unknownValueShort).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function negative(x: number): boolean {
  f64[0] = x;
  return (u32[1]! & 0x80000000) !== 0;
}

/**
 * `%.<prec>f`. JavaScript's toFixed also rounds the exact binary value and differs from glibc only
 * on an exact tie (toFixed rounds it away from zero, glibc to even). A value lies exactly halfway
 * between two prec-digit decimals when, and only when, x * 2^(prec+1) is an odd integer; every
 * other value below 1e21 takes toFixed, ~10x faster than fixedExact's BigInt arithmetic (a
 * `sensor list` over 64 BMCs formats ~9,000 numbers).
 */
export function fixed(x: number, prec: number): string {
  const a = Math.abs(x);
  if (a < 1e21 && prec <= 100) {
    const y = a * 2 ** (prec + 1);
    if (!(Number.isInteger(y) && y % 2 === 1)) return (negative(x) ? '-' : '') + a.toFixed(prec);
  }
  return fixedExact(x, prec);
}

/** `%.<prec>f` by exact integer arithmetic on the binary value, ties to even (the reference fixed() agrees with). */
export function fixedExact(x: number, prec: number): string {
  const sign = negative(x) ? '-' : '';
  if (Number.isNaN(x)) return `${sign}nan`;
  if (!Number.isFinite(x)) return `${sign}inf`;
  const a = Math.abs(x);
  // a = mant * 2^exp exactly.
  f64[0] = a;
  const hi = u32[1]!;
  const lo = u32[0]!;
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = e - 1075;
  }
  const scale = 10n ** BigInt(prec);
  let q: bigint;
  if (exp >= 0) q = (mant << BigInt(exp)) * scale;
  else {
    const num = mant * scale;
    const den = 1n << BigInt(-exp);
    q = num / den;
    const r2 = (num % den) * 2n;
    if (r2 > den || (r2 === den && (q & 1n) === 1n)) q += 1n;
  }
  let digits = q.toString();
  if (prec === 0) return sign + digits;
  digits = digits.padStart(prec + 1, '0');
  return `${sign}${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
}

/** C's `(x == (int) x)`: integral and within int range (a cast of anything else never compares equal). */
export const isCInt = (x: number): boolean => Number.isFinite(x) && Number.isInteger(x) && x >= -2147483648 && x <= 2147483647;

/** ipmitool's "%.*f" with 0 decimals for integral values, `prec` otherwise. */
export const smart = (x: number, prec: number): string => fixed(x, isCInt(x) ? 0 : prec);

/** `%x`, `%X`, `%02x`, `%02X` */
export const hx = (n: number, w = 0): string => n.toString(16).padStart(w, '0');
export const HX = (n: number, w = 0): string => n.toString(16).toUpperCase().padStart(w, '0');

/** `%02x`: two lower-case hex digits, no prefix ("0a"). */
export const hex2 = (n: number): string => hx(n, 2);
/** `0x%02x` ("0x0a"). */
export const hex2p = (n: number): string => `0x${hx(n, 2)}`;
/** `0x%04x` ("0x000a"). */
export const hex4p = (n: number): string => `0x${hx(n, 4)}`;

/** val2str()'s `Unknown (0x%02X)`. */
export const unknownValue = (v: number): string => `Unknown (0x${HX(v, 2)})`;
/** `Unknown (0x%02x)` (privilege names, RAKP status). */
export const unknownValueLower = (v: number): string => `Unknown (0x${hx(v, 2)})`;
/** `Unknown (0x%x)` (DCMI tables). */
export const unknownValueShort = (v: number): string => `Unknown (0x${hx(v)})`;
