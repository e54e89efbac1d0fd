/** Get System GUID (App 37h). IPMI v2.0 §22.14: 16 bytes, least significant byte first (§20.8). */
import { DecodeError } from '../../../errors.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export const GUID_LENGTH = 16;

export const getSystemGuid = defineCommand<void, Buffer>({
  name: 'Get System GUID',
  netFn: NetFn.App,
  cmd: 0x37,
  spec: 'IPMI v2.0 §22.14',
  encode: noData,
  decode(data) {
    // ipmitool's wording for any other length.
    if (data.length !== GUID_LENGTH) throw new DecodeError('Unexpected data length received.', data.length);
    return Buffer.from(data);
  },
});
