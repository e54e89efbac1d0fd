import { describe, expect, it } from 'vitest';
import { fixed, fixedExact } from './c-printf.js';

describe('fixed (%.Nf as glibc prints it)', () => {
  it('rounds exact ties to even, like glibc (toFixed would round them up)', () => {
    expect(fixed(0.125, 2)).toBe('0.12');
    expect(fixed(0.375, 2)).toBe('0.38');
    expect(fixed(2.5, 0)).toBe('2');
    expect(fixed(3.5, 0)).toBe('4');
    expect(fixed(-2.5, 0)).toBe('-2');
    expect(fixed(1.0625, 3)).toBe('1.062');
    expect(fixed(1.0005, 3)).toBe('1.000'); // 1.0005 is 1.000499999... in binary: no tie
    expect(fixed(1.0015, 3)).toBe('1.002'); // 1.00150000000000005684...
  });

  it('keeps the sign of -0 and of negatives that round to zero; nan and inf', () => {
    expect(fixed(-0, 3)).toBe('-0.000');
    expect(fixed(0, 3)).toBe('0.000');
    expect(fixed(-0.0001, 3)).toBe('-0.000');
    expect(fixed(Number.NaN, 3)).toBe('nan');
    expect(fixed(Number.POSITIVE_INFINITY, 3)).toBe('inf');
    expect(fixed(Number.NEGATIVE_INFINITY, 3)).toBe('-inf');
  });

  it('prints large values in full, where toFixed would switch to exponent form', () => {
    expect(fixed(1e21, 3)).toBe('1000000000000000000000.000');
    expect(fixed(2 ** 70, 0)).toBe('1180591620717411303424');
  });

  it('sensor readings as ipmitool prints them', () => {
    expect(fixed(12.12, 3)).toBe('12.120');
    expect(fixed(5400, 3)).toBe('5400.000');
    expect(fixed(3.3, 3)).toBe('3.300');
    expect(fixed(0.1 + 0.2, 3)).toBe('0.300');
  });

  it('agrees with the exact BigInt path on sensor-like values and on every tie of a grid', () => {
    const xs: number[] = [];
    // Raw readings 0-255 through M 1-10, R exponents -3..1 (the conversions sensors use), and dyadic grids full of ties.
    for (let raw = 0; raw < 256; raw += 3) for (const m of [1, 7, 10]) for (const r of [-3, -2, -1, 0, 1]) xs.push(raw * m * 10 ** r, -raw * m * 10 ** r);
    for (let i = 0; i < 512; i++) xs.push((i - 256) / 16, (i - 256) / 1024, i / 3);
    const bad = xs.flatMap((x) => [0, 1, 2, 3, 6].filter((p) => fixed(x, p) !== fixedExact(x, p)).map((p) => `${x} %.${p}f`));
    expect(bad).toEqual([]);
  });
});
