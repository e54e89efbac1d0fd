/**
 * Numbers as ipmitool reads them (strtol/strtoul with base 0): decimal, 0x hex,
 * leading-0 octal, optional sign, no trailing garbage.
 */
const INT = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

export function parseCNumber(s: string): number | undefined {
  const m = INT.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  const v = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body[0] === '0' ? parseInt(body, 8) : parseInt(body, 10);
  return m[1] === '-' ? -v : v;
}

/** An integer within [min, max], or undefined. */
export function parseRange(s: string, min: number, max: number): number | undefined {
  const v = parseCNumber(s);
  return v !== undefined && v >= min && v <= max ? v : undefined;
}

export const parseU8 = (s: string): number | undefined => parseRange(s, 0, 0xff);
export const parseU16 = (s: string): number | undefined => parseRange(s, 0, 0xffff);
