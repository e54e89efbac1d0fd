/** `sel time set` parsing: glibc strptime("%x %X") in the C locale, mktime, ipmitool's localtime2utc. */
import { describe, expect, it } from 'vitest';
import { listCount, str2int } from './list.js';
import { localtime2utc, mktime, strptimeCx } from './time.js';

describe('strptimeCx', () => {
  it('mm/dd/yy HH:MM:SS, 2-digit years 69-99 = 19xx, 00-68 = 20xx', () => {
    expect(strptimeCx('06/01/23 10:00:00')).toEqual({ year: 2023, month: 6, day: 1, hour: 10, minute: 0, second: 0 });
    expect(strptimeCx('7/4/99 1:2:3')).toEqual({ year: 1999, month: 7, day: 4, hour: 1, minute: 2, second: 3 });
    expect(strptimeCx(' 12/31/68   23:59:61 trailing')).toEqual({ year: 2068, month: 12, day: 31, hour: 23, minute: 59, second: 61 });
  });
  it('a four-digit year, out-of-range fields and missing parts fail', () => {
    for (const s of ['06/01/2023 10:00:00', '13/01/23 10:00:00', '06/32/23 10:00:00', '06/01/23 24:00:00', '06/01/23', 'now', '06-01-23 10:00:00']) {
      expect(strptimeCx(s), s).toBeUndefined();
    }
  });
  it('a digit that would pass the maximum starts the next field ("2" of month, "4" of day)', () => {
    expect(strptimeCx('2/4/23 1:00:00')).toMatchObject({ month: 2, day: 4 });
  });
});

describe('mktime / localtime2utc', () => {
  it('UTC: identity', () => {
    expect(mktime({ year: 2023, month: 6, day: 1, hour: 10, minute: 0, second: 0 }, 'UTC')).toBe(Date.UTC(2023, 5, 1, 10) / 1000);
    expect(localtime2utc(1_700_000_000, 'UTC')).toBe(1_700_000_000);
  });
  it('a zone east of UTC: local 12:00 is 10:00 UTC in summer; out-of-range days carry over', () => {
    expect(mktime({ year: 2023, month: 6, day: 1, hour: 12, minute: 0, second: 0 }, 'Europe/Berlin')).toBe(Date.UTC(2023, 5, 1, 10) / 1000);
    expect(mktime({ year: 2023, month: 2, day: 31, hour: 0, minute: 0, second: 0 }, 'UTC')).toBe(Date.UTC(2023, 2, 3) / 1000);
  });
});

describe('sel list counts', () => {
  it("N, first N, last N; ipmitool's str2int", () => {
    expect(listCount([])).toBe(0);
    expect(listCount(['5'])).toBe(5);
    expect(listCount(['first', '0x10'])).toBe(16);
    expect(listCount(['last', '3'])).toBe(-3);
    expect(listCount(['1', '2', '3'])).toBe(0);
    expect(str2int('-7')).toBe(-7);
    expect(str2int('2147483648')).toBeUndefined();
    expect(() => listCount(['first'])).toThrow("Numeric argument required; got 'first'");
    expect(() => listCount(['middle', '3'])).toThrow('Unknown sel list option');
  });
});
