/** Get DCMI Capabilities Info (DCMI 01h). DCMI v1.5 §6.1.1 Tables 6-3..6-8. */
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';
import { DCMI_GROUP, dcmiCompletionCodes, dcmiReader } from './dcmi.js';

export interface DcmiCapabilities {
  /** Conformance (major, minor), e.g. 1.5. */
  major: number;
  minor: number;
  /** Parameter revision (01h or 02h). */
  revision: number;
  /** The parameter data after the revision byte. */
  data: Buffer;
}

export const getDcmiCapabilitiesInfo = defineCommand<{ selector: number }, DcmiCapabilities>({
  name: 'Get DCMI Capabilities Info',
  netFn: NetFn.Group,
  cmd: 0x01,
  spec: 'DCMI v1.5 §6.1.1',
  encode: (r) => Uint8Array.of(DCMI_GROUP, r.selector & 0xff),
  decode(data) {
    const r = dcmiReader(data, 'Get DCMI Capabilities Info');
    return { major: r.u8(), minor: r.u8(), revision: r.u8(), data: Buffer.from(r.rest()) };
  },
  completionCodes: dcmiCompletionCodes,
});
