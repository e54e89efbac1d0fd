/**
 * Known-answer vectors for Get Payload Instance Info (§24.5 Table 24-7), which `sol activate` asks
 * when its retransmitted Activate Payload is answered "already active": the request as the table
 * lays it out, the reply as ipmi_sim 2.0.33 builds it (lanserv/bmc_app.c: the session ID, then 01h
 * and seven zero bytes).
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../errors.js';
import { NetFn } from '../../netfn.js';
import { getPayloadInstanceInfo } from './get-payload-instance-info.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('Get Payload Instance Info (§24.5 Table 24-7)', () => {
  it('is App 4Bh; the request is the payload type and the instance', () => {
    expect([getPayloadInstanceInfo.netFn, getPayloadInstanceInfo.cmd]).toEqual([NetFn.App, 0x4b]);
    expect(getPayloadInstanceInfo.encode({ payloadType: 1, instance: 1 })).toEqual(hex('01 01'));
    expect(getPayloadInstanceInfo.encode({ payloadType: 0x41, instance: 0x12 })).toEqual(hex('01 02'));
  });

  it('the reply names the session the instance is active in (least significant byte first), 0 when inactive', () => {
    expect(getPayloadInstanceInfo.decode(hex('02 01 00 0a 01 00 00 00 00 00 00 00'))).toEqual({
      sessionId: 0x0a000102,
      payloadData: hex('01 00 00 00 00 00 00 00'),
    });
    expect(getPayloadInstanceInfo.decode(hex('00 00 00 00 00 00 00 00 00 00 00 00')).sessionId).toBe(0);
  });

  it('a reply too short for the session ID is a decode error', () => {
    expect(() => getPayloadInstanceInfo.decode(hex('02 01 00'))).toThrow(DecodeError);
  });
});
