/** Set SEL Time (Storage 49h). IPMI v2.0 §31.11: seconds since 1970-01-01 UTC, little-endian. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const setSelTime = defineCommand<number, void>({
  name: 'Set SEL Time',
  netFn: NetFn.Storage,
  cmd: 0x49,
  spec: 'IPMI v2.0 §31.11',
  encode: (seconds) => new ByteWriter().u32(seconds >>> 0).done(),
  decode: ignoreData,
});
