/** Get Session Challenge (App 39h). IPMI v2.0 §22.16 Table 22-18. */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface GetSessionChallengeRequest {
  authType: number;
  username: Uint8Array; // up to 16 bytes, zero padded on the wire
}

export interface SessionChallenge {
  tempSessionId: number;
  challenge: Uint8Array;
}

export const getSessionChallenge = defineCommand<GetSessionChallengeRequest, SessionChallenge>({
  name: 'Get Session Challenge',
  netFn: NetFn.App,
  cmd: 0x39,
  spec: 'IPMI v2.0 §22.16',
  encode: (r) => new ByteWriter().u8(r.authType).padded(r.username, 16).done(),
  decode(data) {
    const r = new ByteReader(data, 'Get Session Challenge');
    return { tempSessionId: r.u32(), challenge: Buffer.from(r.bytes(16)) };
  },
  completionCodes: {
    0x81: 'Invalid user name',
    0x82: 'NULL user name not enabled',
  },
});
