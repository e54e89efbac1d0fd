/** Expected strings from glibc: TZ=<zone> LC_ALL=C date -d @<t> '+%x %X %Z' (Debian 12). */
import { describe, expect, it } from 'vitest';
import { parseTzif, timestampFormat, timestampNumeric } from './ipmi-time.js';
import { readFileSync } from 'node:fs';
import { haveFile, missing } from '../../test/support/peers.js';

// The system's zoneinfo (tzdata): skipped locally without it, an error in CI (test/support/peers.ts).
const NO_ZONEINFO = missing(haveFile('/usr/share/zoneinfo/Europe/Berlin'), 'zoneinfo (tzdata)');

describe('timestampNumeric: ipmitool\'s "%x %X %Z"', () => {
  it.skipIf(NO_ZONEINFO).each([
    ['UTC', 1685613600, '06/01/23 10:00:00 UTC'],
    ['Europe/Berlin', 1685613600, '06/01/23 12:00:00 CEST'],
    ['Europe/Berlin', 1700000000, '11/14/23 23:13:20 CET'],
    ['Europe/Berlin', 4118054400, '06/30/00 18:00:00 CEST'],
    ['America/New_York', 1000000000, '09/08/01 21:46:40 EDT'],
    ['America/New_York', 1700000000, '11/14/23 17:13:20 EST'],
    ['Asia/Kolkata', 1700000000, '11/15/23 03:43:20 IST'],
    ['Australia/Lord_Howe', 1685613600, '06/01/23 20:30:00 +1030'],
    ['Australia/Lord_Howe', 1700000000, '11/15/23 09:13:20 +11'],
    ['America/Sao_Paulo', 4118054400, '06/30/00 13:00:00 -03'],
    ['Pacific/Chatham', 1700000000, '11/15/23 11:58:20 +1345'],
    ['Europe/Dublin', 1685613600, '06/01/23 11:00:00 IST'],
    ['Europe/Dublin', 1700000000, '11/14/23 22:13:20 GMT'],
    ['Africa/Casablanca', 1000000000, '09/09/01 01:46:40 +00'],
    ['Africa/Casablanca', 4118054400, '06/30/00 17:00:00 +01'],
  ])('%s %i', (timeZone, t, want) => {
    expect(timestampNumeric(t, { utc: false, timeZone })).toBe(want);
  });

  it('-Z: UTC, zone "GMT" (gmtime)', () => {
    expect(timestampNumeric(1685613600, { utc: true, timeZone: 'Europe/Berlin' })).toBe('06/01/23 10:00:00 GMT');
  });

  it('FFFFFFFFh is unspecified', () => {
    expect(timestampNumeric(0xffffffff, { utc: false })).toBe('Unspecified');
  });

  it('stamps below 20000000h count from BMC start (IPMI v2.0 §37.1)', () => {
    expect(timestampNumeric(3600, { utc: false, timeZone: 'Europe/Berlin' })).toBe('S+ 01:00:00');
    expect(timestampNumeric(8640000, { utc: false })).toBe('S+ 70/101 00:00:00');
    expect(timestampNumeric(0x1fffffff, { utc: true })).toBe('S+ 87/005 18:48:31');
  });

  it('other formats of the same family', () => {
    expect(timestampFormat(1685613600, '%x', { utc: true })).toBe('06/01/23');
  });
});

describe('parseTzif', () => {
  it('rejects what is not TZif', () => {
    expect(parseTzif(Buffer.from('not a zone file at all, not at all, not at all'))).toBeUndefined();
  });

  it.skipIf(NO_ZONEINFO)('reads types, abbreviations and the POSIX footer', () => {
    const z = parseTzif(readFileSync('/usr/share/zoneinfo/Europe/Berlin'))!;
    expect(z.infos.map((i) => i.abbr)).toEqual(expect.arrayContaining(['CET', 'CEST']));
    expect(z.footer).toBe('CET-1CEST,M3.5.0,M10.5.0/3');
  });
});
