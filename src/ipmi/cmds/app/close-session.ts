/** Close Session (App 3Ch). IPMI v2.0 §22.19 Table 22-23. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface CloseSessionRequest {
  sessionId: number;
  /** Only used when sessionId is 0. */
  handle?: number;
}

export const closeSession = defineCommand<CloseSessionRequest, void>({
  name: 'Close Session',
  netFn: NetFn.App,
  cmd: 0x3c,
  spec: 'IPMI v2.0 §22.19',
  encode(r) {
    const w = new ByteWriter().u32(r.sessionId);
    if (r.sessionId === 0 && r.handle !== undefined) w.u8(r.handle);
    return w.done();
  },
  decode: ignoreData,
  completionCodes: { 0x87: 'Invalid Session ID in request', 0x88: 'Invalid Session Handle in request' },
});
