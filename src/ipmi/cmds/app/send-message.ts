/**
 * Send Message (App 34h): a message for another channel (IPMB behind the BMC), carried
 * as the request data. IPMI v2.0 §22.7 Table 22-10; tracking from §6.12.
 * Bridging (-t/-b/-T/-B) wraps requests in it: see src/transport/bridge.ts.
 */
import { ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

/** Channel byte bits 7:6 (§22.7): what the BMC does with the response. */
export const Tracking = {
  /** No tracking: the response lands in the receive message queue (system interface use). */
  None: 0,
  /** Track Request: the BMC sends the response back to the requester's session (LAN use). */
  Track: 1,
  /** Send raw (test mode). */
  Raw: 2,
} as const;

export interface SendMessageRequest {
  channel: number;
  tracking: number;
  /** The complete message for that channel (for IPMB: rsAddr ... checksum). */
  message: Uint8Array;
}

export const sendMessage = defineCommand<SendMessageRequest, Buffer>({
  name: 'Send Message',
  netFn: NetFn.App,
  cmd: 0x34,
  spec: 'IPMI v2.0 §22.7',
  encode: (r) =>
    new ByteWriter()
      .u8(((r.tracking & 3) << 6) | (r.channel & 0x0f))
      .bytes(r.message)
      .done(),
  /** Response data: empty, or (from some BMCs) the bridged response message itself. */
  decode: (data) => Buffer.from(data),
  completionCodes: {
    0x80: 'Invalid Session Handle',
    0x81: 'Lost Arbitration',
    0x82: 'Bus Error',
    0x83: 'NAK on Write',
  },
});
