/** Chassis facts (IPMI v2.0 §28) in ipmitool 1.8.19's words. */

/** Chassis Control values (IPMI v2.0 §28.3 Table 28-4) in ipmitool's words (ipmi_chassis_power_control_vals). */
export const chassisControlText: Readonly<Record<number, string>> = {
  0x00: 'Down/Off',
  0x01: 'Up/On',
  0x02: 'Cycle',
  0x03: 'Reset',
  0x04: 'Diag',
  0x05: 'Soft',
};

/** Restart causes (IPMI v2.0 §28.11 Table 28-11, bits 3:0) worded as ipmitool prints them (ipmi_chassis_restart_cause_vals). */
export const restartCauseText: Readonly<Record<number, string>> = {
  0x0: 'unknown',
  0x1: 'chassis power control command',
  0x2: 'reset via pushbutton',
  0x3: 'power-up via pushbutton',
  0x4: 'watchdog expired',
  0x5: 'OEM',
  0x6: 'power-up due to always-restore power policy',
  0x7: 'power-up due to restore-previous power policy',
  0x8: 'reset via PEF',
  0x9: 'power-cycle via PEF',
  0xa: 'soft reset',
  0xb: 'power-up via RTC wakeup',
};
