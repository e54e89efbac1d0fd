/** GUID layouts (IPMI v2.0 §20.8, RFC 4122 §4.1.2, SMBIOS 3.0 §7.2.1) and ipmitool 1.8.19's auto-detection. */
import { describe, expect, it } from 'vitest';
import { guidFields, guidString, guidTime, parseGuid } from './guid-decode.js';

const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const NOW = Date.UTC(2026, 0, 15);

// One time-based GUID 12121000-0063-11ee-8123-0a1b2c3d4e5f (2023-06-01 10:00:00 UTC) in the three layouts.
const AS_IPMI = hex('5f4e3d2c1b0a 2381 ee11 6300 00101212');
const AS_RFC = hex('12121000 0063 11ee 8123 0a1b2c3d4e5f');
const AS_SMBIOS = hex('00101212 6300 ee11 8123 0a1b2c3d4e5f');
const T_2023_06_01 = 1685613600;

describe('field layouts', () => {
  it.each([
    ['ipmi', AS_IPMI],
    ['rfc4122', AS_RFC],
    ['smbios', AS_SMBIOS],
  ] as const)('%s', (enc, raw) => {
    const f = guidFields(raw, enc);
    expect(guidString(f)).toBe('12121000-0063-11ee-8123-0a1b2c3d4e5f');
    expect(guidTime(f)).toBe(T_2023_06_01);
  });

  it("ipmi_sim's random GUID read three ways (as ipmitool prints them)", () => {
    const raw = hex('2e8c226abcbc3c8d9049a6b6cfdacdc5');
    expect(guidString(guidFields(raw, 'ipmi'))).toBe('c5cddacf-b6a6-4990-8d3c-bcbc6a228c2e');
    expect(guidString(guidFields(raw, 'rfc4122'))).toBe('2e8c226a-bcbc-3c8d-9049-a6b6cfdacdc5');
    expect(guidString(guidFields(raw, 'smbios'))).toBe('6a228c2e-bcbc-8d3c-9049-a6b6cfdacdc5');
  });
});

describe('parseGuid auto', () => {
  it('a time-based GUID is recognised in each layout by a plausible time', () => {
    expect(parseGuid(AS_IPMI, 'auto', NOW)).toMatchObject({ encoding: 'ipmi', version: 1, time: T_2023_06_01 });
    expect(parseGuid(AS_RFC, 'auto', NOW)).toMatchObject({ encoding: 'rfc4122', version: 1, time: T_2023_06_01 });
    expect(parseGuid(AS_SMBIOS, 'auto', NOW)).toMatchObject({ encoding: 'smbios', version: 1, time: T_2023_06_01 });
  });

  it('otherwise the last layout (RFC 4122, IPMI, SMBIOS) with a valid version wins', () => {
    // version nibbles: RFC 4122 → 3, IPMI → 4, SMBIOS → 8 (invalid)
    expect(parseGuid(hex('2e8c226abcbc3c8d9049a6b6cfdacdc5'), 'auto', NOW)).toMatchObject({ encoding: 'ipmi', version: 4 });
    // IPMI nibble 7 (invalid), RFC 4122 nibble 2
    expect(parseGuid(hex('5f4e3d2c1b0a2381ee71630000101212'), 'auto', NOW)).toMatchObject({ encoding: 'rfc4122', version: 2 });
  });

  it('a time in the future (year 3000) is not plausible, but the layout still counts', () => {
    const g = parseGuid(hex('5f4e3d2c1b0a2381341611e100406f6e'), 'auto', NOW);
    expect(g).toMatchObject({ encoding: 'ipmi', version: 1, time: 32503680000 });
  });

  it('no valid version anywhere: dump', () => {
    expect(parseGuid(Buffer.alloc(16), 'auto', NOW)).toMatchObject({ encoding: 'dump', mode: 'auto' });
    expect(parseGuid(Buffer.alloc(16, 0xff), 'auto', NOW).fields).toBeUndefined();
  });
});

describe('parseGuid with a forced layout', () => {
  it('reports an unknown version with its nibble', () => {
    expect(parseGuid(Buffer.alloc(16), 'ipmi', NOW)).toMatchObject({ encoding: 'ipmi', version: 0, versionNibble: 0 });
    expect(parseGuid(hex('2e8c226abcbc3c8d9049a6b6cfdacdc5'), 'smbios', NOW)).toMatchObject({ version: 0, versionNibble: 8 });
  });

  it('times before 1970 come out negative', () => {
    expect(parseGuid(hex('5f4e3d2c1b0a2381b0117fe3004045ce'), 'ipmi', NOW).time).toBe(-34560000);
  });

  it('dump keeps only the bytes', () => {
    expect(parseGuid(AS_IPMI, 'dump', NOW)).toEqual({ raw: AS_IPMI, mode: 'dump', encoding: 'dump' });
  });
});
