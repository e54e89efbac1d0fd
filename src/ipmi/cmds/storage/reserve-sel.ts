/** Reserve SEL (Storage 42h). IPMI v2.0 §31.4: a 16-bit reservation ID for delete, clear and partial reads. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const reserveSel = defineCommand<void, number>({
  name: 'Reserve SEL',
  netFn: NetFn.Storage,
  cmd: 0x42,
  spec: 'IPMI v2.0 §31.4',
  encode: noData,
  decode: (data) => new ByteReader(data, 'Reserve SEL').u16(),
  completionCodes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
