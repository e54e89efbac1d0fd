/** Network function codes (requests; responses are netFn | 1). IPMI v2.0 §5.1 Table 5-1. */
export const NetFn = {
  Chassis: 0x00,
  Bridge: 0x02,
  SensorEvent: 0x04,
  App: 0x06,
  Firmware: 0x08,
  Storage: 0x0a,
  Transport: 0x0c,
  Group: 0x2c,
  Oem: 0x2e,
} as const;
export type NetFn = (typeof NetFn)[keyof typeof NetFn];

/** Names accepted by `raw` in place of a number (ipmitool's ipmi_netfn_vals). */
export const rawNetFnNames: readonly { name: string; value: number }[] = [
  { name: 'Chassis', value: 0x00 },
  { name: 'Bridge', value: 0x02 },
  { name: 'SensorEvent', value: 0x04 },
  { name: 'Application', value: 0x06 },
  { name: 'Firmware', value: 0x08 },
  { name: 'Storage', value: 0x0a },
  { name: 'Transport', value: 0x0c },
];
