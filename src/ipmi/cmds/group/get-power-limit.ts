/** Get Power Limit (DCMI 03h). DCMI v1.5 §6.6.2 Table 6-17; completion code 80h: no active limit. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface PowerLimit {
  /** Exception action: 00h none, 01h hard power off and log, 11h log to SEL, 02h-10h OEM. */
  action: number;
  /** Watts. */
  limit: number;
  /** Correction time limit in milliseconds. */
  correctionMs: number;
  /** Statistics sampling period in seconds. */
  samplingSec: number;
}

export const getPowerLimit = defineCommand<void, PowerLimit>({
  name: 'Get Power Limit',
  netFn: NetFn.Group,
  cmd: 0x03,
  spec: 'DCMI v1.5 §6.6.2',
  encode: () => Uint8Array.of(DCMI_GROUP, 0, 0),
  decode(data) {
    const r = dcmiReader(data, 'Get Power Limit');
    r.bytes(2);
    const action = r.u8();
    const limit = r.u16();
    const correctionMs = r.u32();
    r.bytes(2);
    return { action, limit, correctionMs, samplingSec: r.u16() };
  },
  completionCodes: { ...dcmiCompletionCodes, 0x80: 'No Active Set Power Limit' },
});
