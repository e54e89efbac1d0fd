/**
 * Clear SEL (Storage 47h). IPMI v2.0 §31.9: reservation ID, "CLR", then AAh to start the erase
 * or 00h to ask for its progress; the reply's low nibble is 0 (in progress) or 1 (completed).
 */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const CLEAR_INITIATE = 0xaa;
export const CLEAR_GET_STATUS = 0x00;

export interface ClearSelRequest {
  reservation: number;
  action: typeof CLEAR_INITIATE | typeof CLEAR_GET_STATUS;
}

export interface ClearSelStatus {
  /** undefined when the BMC sends no status byte. */
  completed?: boolean;
}

export const clearSel = defineCommand<ClearSelRequest, ClearSelStatus>({
  name: 'Clear SEL',
  netFn: NetFn.Storage,
  cmd: 0x47,
  spec: 'IPMI v2.0 §31.9',
  encode: (q) => new ByteWriter().u16(q.reservation).bytes([0x43, 0x4c, 0x52]).u8(q.action).done(),
  decode(data) {
    const r = new ByteReader(data, 'Clear SEL');
    const b = r.optU8();
    return b === undefined ? {} : { completed: (b & 0x0f) === 1 };
  },
});
