/** Set Power Restore Policy (Chassis 06h). IPMI v2.0 §28.8 Table 28-9. */
import { ByteReader } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const PowerPolicy = { AlwaysOff: 0, Previous: 1, AlwaysOn: 2, NoChange: 3 } as const;

export const setPowerRestorePolicy = defineCommand<{ policy: number }, { supported: number }>({
  name: 'Set Power Restore Policy',
  netFn: NetFn.Chassis,
  cmd: 0x06,
  spec: 'IPMI v2.0 §28.8',
  encode: (r) => Uint8Array.of(r.policy & 0x07),
  /** Bit n set = policy n supported. */
  decode: (data) => ({ supported: new ByteReader(data, 'Set Power Restore Policy').u8() }),
});
