/** Activate Payload (App 48h). IPMI v2.0 §24.1 Tables 24-2 (request, response) and 24-3 (SOL auxiliary data). */
import { ByteReader, ByteWriter } from '../../codec.js';
import { defineCommand } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface ActivatePayloadRequest {
  /** Payload type (1 = SOL, §13.27.3). */
  payloadType: number;
  /** Payload instance, 1-15. */
  instance: number;
  /** Auxiliary request data, 4 bytes; for SOL byte 1 is the SolActivation bits below. */
  aux: ArrayLike<number>;
}

/** SOL auxiliary request data byte 1 (Table 24-3). */
export const SolActivation = {
  Encrypt: 0x80,
  Authenticate: 0x40,
  /** Bits 3:2 = 01b: serial/modem alerts are deferred while SOL is active. */
  AlertsDeferred: 0x04,
  /** Bit 1: the BMC does not assert CTS/DCD/DSR to the baseboard on activation (ipmitool's default). */
  NoHandshakeAssert: 0x02,
} as const;

export interface ActivatePayloadResponse {
  aux: Buffer;
  /** Largest payload the BMC accepts from the console (bytes, SOL header included). */
  inboundPayloadSize: number;
  /** Largest payload the BMC sends to the console. */
  outboundPayloadSize: number;
  /** UDP port the payload must use. */
  port: number;
  /** 0xFFFF: no VLAN. */
  vlan: number;
  /** Response data length (ipmitool insists on 12). */
  length: number;
}

export const activatePayload = defineCommand<ActivatePayloadRequest, ActivatePayloadResponse>({
  name: 'Activate Payload',
  netFn: NetFn.App,
  cmd: 0x48,
  spec: 'IPMI v2.0 §24.1',
  encode: (r) =>
    new ByteWriter()
      .u8(r.payloadType & 0x3f)
      .u8(r.instance & 0x0f)
      .padded(r.aux, 4)
      .done(),
  decode(data) {
    const r = new ByteReader(data, 'Activate Payload');
    const aux = Buffer.from(r.bytes(4));
    return { aux, inboundPayloadSize: r.u16(), outboundPayloadSize: r.u16(), port: r.u16(), vlan: r.remaining >= 2 ? r.u16() : 0xffff, length: data.length };
  },
  completionCodes: {
    0x80: 'Payload already active on another session',
    0x81: 'Payload type is disabled',
    0x82: 'Payload activation limit reached',
    0x83: 'Cannot activate payload with encryption',
    0x84: 'Cannot activate payload without encryption',
  },
});
