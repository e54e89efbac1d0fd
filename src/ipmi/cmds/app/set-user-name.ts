/** Set User Name (App 45h). IPMI v2.0 §22.28 Table 22-33: user id, 16 bytes of name, NUL padded. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const setUserName = defineCommand<{ userId: number; name: Uint8Array }, void>({
  name: 'Set User Name',
  netFn: NetFn.App,
  cmd: 0x45,
  spec: 'IPMI v2.0 §22.28',
  encode: (r) =>
    new ByteWriter()
      .u8(r.userId & 0x3f)
      .padded(r.name, 16)
      .done(),
  decode: ignoreData,
});
