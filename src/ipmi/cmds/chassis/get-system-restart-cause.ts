/** Get System Restart Cause (Chassis 07h). IPMI v2.0 §28.11 Table 28-11. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Restart causes worded as ipmitool prints them (ipmi_chassis_restart_cause_vals). */
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

export const getSystemRestartCause = defineCommand<void, { cause: number; channel?: number }>({
  name: 'Get System Restart Cause',
  netFn: NetFn.Chassis,
  cmd: 0x07,
  spec: 'IPMI v2.0 §28.11',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get System Restart Cause');
    const cause = r.u8() & 0x0f;
    const channel = r.optU8();
    return { cause, ...(channel !== undefined ? { channel } : {}) };
  },
});
