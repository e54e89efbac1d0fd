/**
 * DCMI commands share the Group Extension netFn (2Ch) and start every request and reply with the
 * group extension identification DCh (DCMI v1.5 §6.1). Completion codes 80h-8Ah per §6.1 Table 6-2.
 */
import { ByteReader } from '../../codec.js';
import { DecodeError } from '../../../errors.js';

export const DCMI_GROUP = 0xdc;

/** ipmitool's dcmi_ccode_vals. */
export const dcmiCompletionCodes: Readonly<Record<number, string>> = {
  0x80: 'Parameter not supported',
  0x81: 'Something else has already claimed these parameters',
  0x82: 'Not supported or failed to write a read-only parameter',
  0x83: 'Access mode is not supported',
  0x84: 'Power/Thermal limit out of range',
  0x85: 'Correction/Exception time out of range',
  0x89: 'Sample/Statistics Reporting period out of range',
  0x8a: 'Power limit already active',
};

/** A reader past the group identification byte; a reply from something else is a DecodeError. */
export function dcmiReader(data: Uint8Array, name: string): ByteReader {
  const r = new ByteReader(data, name);
  const id = r.u8();
  if (id !== DCMI_GROUP) throw new DecodeError(`A valid DCMI command was not returned! (${id.toString(16)})`, 0);
  return r;
}
