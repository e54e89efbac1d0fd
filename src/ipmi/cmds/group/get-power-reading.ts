/** Get Power Reading (DCMI 02h). DCMI v1.5 §6.6.1 Table 6-16. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface PowerReading {
  current: number;
  minimum: number;
  maximum: number;
  average: number;
  /** IPMI timestamp (seconds since 1970). */
  timestamp: number;
  /** Statistics reporting time period in milliseconds (mode 1) or the rolling average code (mode 2). */
  period: number;
  /** Byte 18 bit 6: power measurement active. */
  active: boolean;
}

/** mode 1: system power statistics; mode 2: enhanced statistics with a rolling average code. */
export const getPowerReading = defineCommand<{ mode: 1 | 2; averaging?: number }, PowerReading>({
  name: 'Get Power Reading',
  netFn: NetFn.Group,
  cmd: 0x02,
  spec: 'DCMI v1.5 §6.6.1',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.mode, r.mode === 2 ? (r.averaging ?? 0) : 0, 0),
  decode(data) {
    const r = dcmiReader(data, 'Get Power Reading');
    return { current: r.u16(), minimum: r.u16(), maximum: r.u16(), average: r.u16(), timestamp: r.u32(), period: r.u32(), active: (r.u8() & 0x40) !== 0 };
  },
  completionCodes: dcmiCompletionCodes,
});
