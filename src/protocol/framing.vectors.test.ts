/** RMCP, v1.5 wrapper and IPMI message framing against captured bytes (test/vectors/framing.json). */
import { describe, expect, it } from 'vitest';
import { bytes, loadVectors } from '../../test/unit/vectors.js';
import { checksum } from '../ipmi/codec.js';
import { decodeResponseMessage } from '../ipmi/message.js';
import { getChannelAuthCapabilities } from '../ipmi/cmds/app/get-channel-auth-capabilities.js';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { decodeLan15Packet } from './lan15.js';
import { decodePresencePong, encodePresencePing } from './rmcp.js';
import { v15Unauthenticated } from './presession.js';

interface Framing {
  rmcp_presence_ping: { hex: string };
  rmcp_presence_pong: { hex: string };
  get_channel_auth_caps_v2_request: { hex: string };
  get_channel_auth_caps_v2_response: { hex: string };
  get_channel_auth_caps_v15_request: { hex: string };
  get_device_id_response: { hex: string };
  checksums: { vectors: { message_hex: string; header_hex: string; checksum1_hex: string; body_hex: string; checksum2_hex: string }[] };
}
const f = loadVectors<Framing>('framing.json');

describe('framing (IPMI v2.0 §13.1-13.8)', () => {
  it('ASF presence ping and pong (§13.2)', () => {
    expect(encodePresencePing(0).toString('hex')).toBe(f.rmcp_presence_ping.hex);
    expect(decodePresencePong(bytes(f.rmcp_presence_pong.hex))).toEqual({ tag: 0, ipmiSupported: true });
  });

  it('pre-session Get Channel Authentication Capabilities, v2 and v1.5 forms (§22.13)', () => {
    const req = (v2Data: boolean) => ({
      netFn: getChannelAuthCapabilities.netFn,
      cmd: getChannelAuthCapabilities.cmd,
      data: getChannelAuthCapabilities.encode({ channel: 0x0e, privilege: 4, v2Data }),
    });
    // ipmitool's rqSeq values in the captures: 0 (lanplus) and 1 (lan).
    expect(v15Unauthenticated(req(true), 0).toString('hex')).toBe(f.get_channel_auth_caps_v2_request.hex);
    expect(v15Unauthenticated(req(false), 1).toString('hex')).toBe(f.get_channel_auth_caps_v15_request.hex);
    const rsp = decodeResponseMessage(decodeLan15Packet(bytes(f.get_channel_auth_caps_v2_response.hex)).message);
    expect(getChannelAuthCapabilities.decode(rsp.data)).toMatchObject({
      channel: 1,
      authTypes: 0x17,
      v2ExtendedCapabilities: true,
      supportsV15: true,
      supportsV20: true,
    });
  });

  it('Get Device ID response (§20.1)', () => {
    const rsp = decodeResponseMessage(decodeLan15Packet(bytes(f.get_device_id_response.hex)).message);
    expect(rsp.cc).toBe(0);
    expect(getDeviceId.decode(rsp.data)).toMatchObject({
      deviceId: 0,
      deviceRevision: 3,
      firmwareMajor: 9,
      firmwareMinor: 0x08,
      ipmiVersion: 0x02,
      additionalSupport: 0x9f,
      manufacturerId: 343,
      productId: 0x0b4a,
      length: 15,
    });
  });

  it.each(f.checksums.vectors.map((v) => [v.message_hex, v] as const))('checksums of %s', (_, v) => {
    expect(checksum(bytes(v.header_hex)).toString(16).padStart(2, '0')).toBe(v.checksum1_hex);
    expect(checksum(bytes(v.body_hex)).toString(16).padStart(2, '0')).toBe(v.checksum2_hex);
  });
});
