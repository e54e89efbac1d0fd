/** Threshold masks and byte order shared by Get/Set Sensor Thresholds (IPMI v2.0 §35.8-35.9). */

/** Mask bits (Table 35-9 byte 2 / Table 35-10 byte 2). */
export const ThresholdBit = { lnc: 0x01, lcr: 0x02, lnr: 0x04, unc: 0x08, ucr: 0x10, unr: 0x20 } as const;
export type ThresholdName = keyof typeof ThresholdBit;

/** Data byte order after the mask: lnc, lcr, lnr, unc, ucr, unr. */
export const THRESHOLD_ORDER: readonly ThresholdName[] = ['lnc', 'lcr', 'lnr', 'unc', 'ucr', 'unr'];
