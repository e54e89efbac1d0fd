/** Add SEL Entry (Storage 44h). IPMI v2.0 §31.6: the 16-byte record in, the record ID it got out. */
import { ByteReader } from '../../codec.js';
import { DecodeError } from '../../../errors.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const SEL_RECORD_LENGTH = 16;

export const addSelEntry = defineCommand<Uint8Array, number>({
  name: 'Add SEL Entry',
  netFn: NetFn.Storage,
  cmd: 0x44,
  spec: 'IPMI v2.0 §31.6',
  encode(record) {
    if (record.length !== SEL_RECORD_LENGTH) throw new DecodeError(`Add SEL Entry: a SEL record is ${SEL_RECORD_LENGTH} bytes, not ${record.length}`);
    return Uint8Array.from(record);
  },
  decode: (data) => new ByteReader(data, 'Add SEL Entry').u16(),
  completionCodes: {
    0x80: 'Operation not supported for this record type',
    0x81: 'Cannot execute command, SEL erase in progress',
  },
});
