/** Get Self Test Results (IPMI v2.0 §20.4 Table 20-4): the result codes and the failure bits of code 57h. */

/** Byte 2 codes. IPMI v2.0 §20.4 Table 20-4. */
export const SelfTestCode = { Passed: 0x55, NotImplemented: 0x56, DeviceError: 0x57, FatalError: 0x58, Reserved: 0xff } as const;

/** Byte 3 for code 57h, most significant bit first, in ipmitool's words and order. */
export const SELFTEST_FAILURES: readonly (readonly [mask: number, text: string])[] = [
  [0x80, 'SEL device not accessible'],
  [0x40, 'SDR repository not accessible'],
  [0x20, 'FRU device not accessible'],
  [0x10, 'IPMB signal lines do not respond'],
  [0x08, 'SDR repository empty'],
  [0x04, 'Internal Use Area corrupted'],
  [0x02, 'Controller update boot block corrupted'],
  [0x01, 'controller operational firmware corrupted'],
];
