/** Reserve SDR Repository (Storage 22h). IPMI v2.0 §33.11: a 16-bit reservation ID. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const reserveSdrRepository = defineCommand<void, number>({
  name: 'Reserve SDR Repository',
  netFn: NetFn.Storage,
  cmd: 0x22,
  spec: 'IPMI v2.0 §33.11',
  encode: noData,
  decode: (data) => new ByteReader(data, 'Reserve SDR Repository').u16(),
});
