/** Chassis Identify (Chassis 04h). IPMI v2.0 §28.5 Table 28-6. Both request bytes are optional. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ChassisIdentifyRequest {
  /** Seconds; omitted = BMC default (15 s). */
  interval?: number;
  /** Force identify on indefinitely (sends the optional second byte). */
  force?: boolean;
}

export const chassisIdentify = defineCommand<ChassisIdentifyRequest, void>({
  name: 'Chassis Identify',
  netFn: NetFn.Chassis,
  cmd: 0x04,
  spec: 'IPMI v2.0 §28.5',
  encode(r) {
    if (r.force) return Uint8Array.of(r.interval ?? 0, 1);
    if (r.interval !== undefined) return Uint8Array.of(r.interval);
    return new Uint8Array(0);
  },
  decode: ignoreData,
});
