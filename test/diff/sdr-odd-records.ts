/**
 * Odd SDR records for the -S differential test (test/diff/sdr-odd.test.ts), laid out as IPMI
 * v2.0 §43 specifies them: each sensor record points at a sensor number the simulator has, so
 * ipmitool and ipmits read the same live reading through records that convert it differently
 * (negative two's complement, one's complement, linearizations, non-linear, discrete units,
 * modifier units, compact threshold sensor, zero-length and 16-byte names, a short record), plus
 * locator, entity association, OEM and unknown records.
 */

const id = (s: string): number[] => [0xc0 | s.length, ...Buffer.from(s, 'latin1')];
const rec = (n: number, type: number, body: number[]): Buffer => Buffer.from([n & 0xff, n >> 8, 0x51, type, body.length, ...body]);

interface FullOpts {
  num: number;
  name: string;
  units1?: number;
  base?: number;
  modifier?: number;
  lin?: number;
  m?: number;
  tol?: number;
  b?: number;
  acc?: number;
  rexp?: number;
  bexp?: number;
  eventType?: number;
  sensorType?: number;
  /** Readable (low byte) and settable (high byte) thresholds. */
  mask?: number;
  th?: [number, number, number, number, number, number];
  flags?: number;
  nominal?: number;
  nmax?: number;
  nmin?: number;
  smax?: number;
  smin?: number;
  hyst?: [number, number];
  caps?: number;
  init?: number;
}

/** §43.1 Table 43-1. `th` in record order: unr, ucr, unc, lnr, lcr, lnc. */
function full(n: number, o: FullOpts): Buffer {
  const m = o.m ?? 1;
  const b = o.b ?? 0;
  const acc = o.acc ?? 0;
  const mask = o.mask ?? 0x3f3f;
  return rec(n, 0x01, [
    0x20, 0x00, o.num, 0x07, 0x01, o.init ?? 0x7f, o.caps ?? 0x68, o.sensorType ?? 0x01, o.eventType ?? 0x01,
    0x95, 0x7a, 0x95, 0x7a, mask & 0xff, mask >> 8,
    o.units1 ?? 0x00, o.base ?? 0x01, o.modifier ?? 0x00, o.lin ?? 0x00,
    m & 0xff, ((m >> 2) & 0xc0) | ((o.tol ?? 0) & 0x3f), b & 0xff, ((b >> 2) & 0xc0) | (acc & 0x3f), (acc >> 2) & 0xf0,
    (((o.rexp ?? 0) & 0x0f) << 4) | ((o.bexp ?? 0) & 0x0f),
    o.flags ?? 0x00, o.nominal ?? 0, o.nmax ?? 0, o.nmin ?? 0, o.smax ?? 0xff, o.smin ?? 0x00,
    ...(o.th ?? [0, 0, 0, 0, 0, 0]),
    ...(o.hyst ?? [0, 0]), 0x00, 0x00, 0x00,
    ...id(o.name),
  ]);
}

export const ODD_NAMES = [
  'Neg Temp', 'Ones Temp', 'Sqr Fan', 'NonLinear', 'Raw Units', 'Compact Thr', 'Pct Rate', 'Tol Volts', 'Full Discrete',
  'ABCDEFGHIJKLMNOP', 'Missing Full', 'Missing PS',
] as const;

/**
 * A full record cut short after the units (missing bytes read as 0: no name, M = 0, every value 0).
 * ipmitool reads past the record there, so the test compares everything but this record's lines.
 */
export const SHORT_RECORD = rec(12, 0x01, [0x20, 0x00, 0x23, 0x07, 0x01, 0x7f, 0x68, 0x02, 0x01, 0, 0, 0, 0, 0x3f, 0x3f, 0x00, 0x04, 0x00]);

export function oddDump(): Buffer {
  return Buffer.concat([
    // Two's complement, M = -1: Inlet Temp's raw 23 reads -23; thresholds negative too.
    full(1, { num: 0x03, name: 'Neg Temp', units1: 0x80, m: -1, th: [0xd8, 0xdd, 0xe2, 0x0a, 0x05, 0x00], flags: 0x07, nominal: 0xea, nmax: 0xe0, nmin: 0xf0, smax: 0x7f, smin: 0x80, hyst: [2, 3] }),
    // One's complement with B = -100: CPU1 Temp's raw 45 reads 45 - 100 = -55.
    full(2, { num: 0x01, name: 'Ones Temp', units1: 0x40, b: -100, th: [0x7f, 0x70, 0x60, 0x81, 0x90, 0xa0], mask: 0x3f3f }),
    // sqr linearization, M = 2, Rexp -1: FAN1's raw 90 reads (18)^2 = 324.
    full(3, { num: 0x10, name: 'Sqr Fan', base: 18, lin: 0x08, m: 2, rexp: -1, th: [0, 0, 0, 5, 10, 20], mask: 0x0707 }),
    // Non-linear (70h): the factors come from Get Sensor Reading Factors.
    full(4, { num: 0x20, name: 'NonLinear', base: 4, lin: 0x70, m: 6, rexp: -2 }),
    // Threshold sensor with discrete units (format 3): values and thresholds print raw.
    full(5, { num: 0x11, name: 'Raw Units', units1: 0xc0, th: [0xf0, 0xe0, 0xd0, 0x05, 0x0a, 0x14], flags: 0x07, nominal: 0x50, hyst: [1, 2] }),
    // Percentage, per-second rate, modifier unit with divide: "% RPM/Volts per second"-like strings.
    full(7, { num: 0x12, name: 'Pct Rate', units1: 0x01 | (0x04 << 3) | (0x01 << 1), base: 18, modifier: 4, m: 60 }),
    // Tolerance, accuracy, B exponent and Bexp offset: 12V's raw 202 = (6 x 202 + 3 x 10^1) x 10^-2.
    full(8, { num: 0x22, name: 'Tol Volts', base: 4, m: 6, tol: 7, b: 3, bexp: 1, acc: 0x155, rexp: -2, flags: 0x05, nominal: 165, nmin: 150, hyst: [3, 0xff] }),
    // A full record of a discrete (6Fh) Power Supply sensor with analog units (used only for HP).
    full(9, { num: 0x40, name: 'Full Discrete', sensorType: 0x08, eventType: 0x6f, base: 4, mask: 0x007f }),
    // A 16-byte name (no NUL in the field).
    full(10, { num: 0x04, name: 'ABCDEFGHIJKLMNOP', th: [0, 70, 60, 0, 0, 0], mask: 0x1818 }),
    // Compact threshold sensor (§43.2 Table 43-2) on FAN2.
    rec(6, 0x02, [
      0x20, 0x00, 0x11, 0x1d, 0x02, 0x7f, 0x68, 0x04, 0x01, 0x95, 0x7a, 0x95, 0x7a, 0x07, 0x07,
      0x00, 0x12, 0x00, 0x01, 0x00, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00, ...id('Compact Thr'),
    ]),
    // Sensor numbers the BMC does not have (it refuses Get Sensor Reading): full threshold and compact discrete.
    full(20, { num: 0x7e, name: 'Missing Full', th: [0, 90, 80, 0, 0, 0], mask: 0x1818 }),
    rec(21, 0x02, [
      0x20, 0x00, 0x7d, 0x0a, 0x03, 0x67, 0x40, 0x08, 0x6f, 0x7f, 0x00, 0x7f, 0x00, 0x7f, 0x00,
      0xc0, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, ...id('Missing PS'),
    ]),
    // Zero-length ID string (§43.15 type/length C0h) on 5V.
    full(11, { num: 0x21, name: '', base: 4, m: 2, b: 400, rexp: -2 }),
    // Event-only (§43.3), 16-byte name.
    rec(13, 0x03, [0x20, 0x00, 0x00, 0x2e, 0x02, 0x23, 0x6f, 0x01, 0x00, 0x00, 0x00, ...id('Watchdog Event X')]),
    // Generic device locator (§43.7): EEPROM at A0h on private bus 3, channel 2.
    rec(14, 0x10, [0x20, 0xa0, 0x4b, 0x20, 0x00, 0x10, 0x02, 0x0b, 0x01, 0x07, ...id('EEPROM')]),
    // Physical FRU device locator (§43.8) at slave address A2h.
    rec(15, 0x11, [0x20, 0xa2, 0x08 | 0x01, 0x10, 0x00, 0x10, 0x01, 0x0a, 0x02, 0x00, ...id('PSU2 FRU')]),
    // Static MC locator (§43.9) with ACPI notifications and init agent logging.
    rec(16, 0x12, [0x82, 0x03, 0xe0 | 0x08 | 0x02, 0x2b, 0x00, 0x00, 0x00, 0x06, 0x02, 0x00, ...id('Sat MC')]),
    // Entity association (§43.4), OEM (§43.12, Intel), an unknown type (14h, BMC message channel info).
    rec(17, 0x08, [0x07, 0x01, 0x00, 0x03, 0x01, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00]),
    rec(18, 0xc0, [0x57, 0x01, 0x00, 0x10, 0x20]),
    rec(19, 0x14, [0x01, 0x02, 0x03]),
  ]);
}
