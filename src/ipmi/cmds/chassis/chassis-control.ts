/** Chassis Control (Chassis 02h). IPMI v2.0 §28.3 Table 28-4. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const ChassisControl = {
  PowerDown: 0x00,
  PowerUp: 0x01,
  PowerCycle: 0x02,
  HardReset: 0x03,
  PulseDiag: 0x04,
  AcpiSoft: 0x05,
} as const;

export const chassisControl = defineCommand<{ control: number }, void>({
  name: 'Chassis Control',
  netFn: NetFn.Chassis,
  cmd: 0x02,
  spec: 'IPMI v2.0 §28.3',
  encode: (r) => Uint8Array.of(r.control & 0x0f),
  decode: ignoreData,
});
