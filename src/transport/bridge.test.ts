import { describe, expect, it } from 'vitest';
import { DecodeError, TransportError } from '../errors.js';
import { checksum } from '../ipmi/codec.js';
import { decodeResponseMessage } from '../ipmi/message.js';
import { BridgedReplies, bridgeLevel, decodeTransitReply, encodeLanRequest, encodeTransitRequest, transitWithoutTarget, type BridgeOptions } from './bridge.js';

const getDeviceId = { netFn: 0x06, cmd: 0x01, data: new Uint8Array(0) };
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const single: BridgeOptions = { targetAddr: 0x30, targetChannel: 0, transitAddr: 0, transitChannel: 0, myAddr: 0x20 };
const double: BridgeOptions = { targetAddr: 0x40, targetChannel: 0, transitAddr: 0x30, transitChannel: 0, myAddr: 0x20 };

describe('bridgeLevel (ipmi_main.c, lan.c: a target equal to our address is local)', () => {
  it('counts the Send Message layers', () => {
    expect(bridgeLevel(undefined)).toBe(0);
    expect(bridgeLevel({ ...single, targetAddr: 0x20 })).toBe(0);
    expect(bridgeLevel(single)).toBe(1);
    expect(bridgeLevel({ ...single, transitAddr: 0x20 })).toBe(1);
    expect(bridgeLevel(double)).toBe(2);
  });

  it('words -T without -t as ipmitool does (%#x prints 0 as "0")', () => {
    expect(transitWithoutTarget(0x30, 0)).toBe('Transit address/channel 0x30/0 ignored. Target address must be specified!');
    expect(transitWithoutTarget(0x82, 7)).toBe('Transit address/channel 0x82/0x7 ignored. Target address must be specified!');
  });
});

/*
 * Known answers: the IPMI messages ipmitool 1.8.19 sent for `raw 0x06 0x01` with -t/-b/-T/-B,
 * captured on the wire against ipmi_sim (lan -A NONE and lanplus -C 0 are clear text).
 * IPMI v2.0 §22.7 (Send Message) and §13.8 (IPMB framing).
 */
describe('encodeLanRequest: Send Message layers (IPMI v2.0 §22.7)', () => {
  it('unbridged: the plain message to the BMC', () => {
    expect(encodeLanRequest(getDeviceId, 9, undefined, 'lan')).toEqual(hex('20 18 c8 81 24 01 5a'));
  });

  it('lan, one level: inner rqAddr is -m (captured from ipmitool -I lan -t 0x30 -b 0)', () => {
    expect(encodeLanRequest(getDeviceId, 9, single, 'lan')).toEqual(hex('2018c8 81 24 34 40 | 30 18 b8 20 24 01 bb | e7'.replace(/\|/g, '')));
  });

  it('lan, two levels through the transit (captured: -t 0x40 -b 0 -T 0x30 -B 0)', () => {
    expect(encodeLanRequest(getDeviceId, 9, double, 'lan')).toEqual(hex('2018c8 81 24 34 40  30 18 b8 20 24 34 40  40 18 a8 20 24 01 bb  48  e7'));
  });

  it('lanplus, one level: inner rqAddr is the remote console SWID 81h (captured: -I lanplus -t 0x30)', () => {
    expect(encodeLanRequest(getDeviceId, 6, single, 'lanplus')).toEqual(hex('2018c8 81 18 34 40  30 18 b8 81 18 01 66  f3'));
  });

  it('lanplus, two levels: middle rqAddr 81h, inner rqAddr -m (captured)', () => {
    expect(encodeLanRequest(getDeviceId, 6, double, 'lanplus')).toEqual(hex('2018c8 81 18 34 40  30 18 b8 81 18 34 40  40 18 a8 20 18 01 c7  f3  f3'));
  });

  it('carries the target LUN, the channels and -m', () => {
    const b = { targetAddr: 0x2c, targetChannel: 6, transitAddr: 0, transitChannel: 0, myAddr: 0x22 };
    const m = encodeLanRequest({ netFn: 0x2e, cmd: 0x40, data: Uint8Array.of(0x57, 0x01, 0x00), lun: 2 }, 5, b, 'lan');
    expect(m[6]).toBe(0x46); // Track Request | channel 6
    const inner = m.subarray(7, m.length - 1);
    expect([...inner.subarray(0, 2)]).toEqual([0x2c, (0x2e << 2) | 2]);
    expect(inner[3]).toBe(0x22);
  });
});

describe('BridgedReplies: what the BMC sends back (ipmitool lan.c / lanplus.c)', () => {
  // Replies as captured from ipmi_sim after the requests above.
  const ack = decodeResponseMessage(hex('811c632024340088')); // Send Message, cc 0, seq 9
  const target = decodeResponseMessage(hex('201cc430240100000309 08021f911200020f00000000c2'));
  const transitRefused = decodeResponseMessage(hex('201cc4302434c1b7')); // the transit controller: C1h for Send Message

  it('one level: the Send Message reply, then the target response', () => {
    const r = new BridgedReplies(getDeviceId, 9, 1, 'lan');
    expect(r.offer(ack)).toBeUndefined();
    const final = r.offer(target);
    expect(final?.cc).toBe(0);
    expect(Buffer.from(final!.data)).toEqual(hex('000309 08021f911200020f00000000'));
  });

  it('ignores other sequence numbers and commands', () => {
    const r = new BridgedReplies(getDeviceId, 8, 1, 'lanplus');
    expect(r.offer(ack)).toBeUndefined();
    expect(r.offer(target)).toBeUndefined();
  });

  it("two levels, lanplus: the transit controller's completion code becomes the command's", () => {
    const lp = (s: string) => decodeResponseMessage(hex(s));
    const r = new BridgedReplies(getDeviceId, 6, 2, 'lanplus');
    expect(r.offer(lp('811c632018340094'))).toBeUndefined();
    expect(r.offer(lp('201cc4301834c1c3'))).toEqual({ cc: 0xc1, data: Buffer.alloc(0) });
  });

  it('two levels, lan: a refused Send Message is "no response" (ipmitool returns no reply)', () => {
    const r = new BridgedReplies(getDeviceId, 9, 2, 'lan');
    expect(r.offer(ack)).toBeUndefined();
    expect(() => r.offer(transitRefused)).toThrow(TransportError);
    expect(() => new BridgedReplies(getDeviceId, 9, 1, 'lan').offer(transitRefused)).toThrow('Send Message failed: Invalid command');
  });

  it('a Send Message reply that embeds the target response ends the exchange at once', () => {
    const inner = response(0x20, 0x07, 0x30, 9, 0x01, 0x00, [0xaa, 0xbb]);
    const outer = response(0x81, 0x07, 0x20, 9, 0x34, 0x00, [...inner]);
    const r = new BridgedReplies(getDeviceId, 9, 1, 'lanplus');
    expect(r.offer(decodeResponseMessage(outer))).toEqual({ cc: 0, data: Buffer.from([0xaa, 0xbb]) });
  });

  it('a "duplicate request" (CFh) from the target is not the answer', () => {
    const r = new BridgedReplies(getDeviceId, 9, 1, 'lan');
    r.offer(ack);
    expect(r.offer(decodeResponseMessage(response(0x20, 0x07, 0x30, 9, 0x01, 0xcf, [])))).toBeUndefined();
  });
});

/** An IPMB response message with correct checksums (IPMI v2.0 §13.8). */
function response(rqAddr: number, netFn: number, rsAddr: number, seq: number, cmd: number, cc: number, data: number[]): Buffer {
  const b = Buffer.from([rqAddr, netFn << 2, 0, rsAddr, seq << 2, cmd, cc, ...data, 0]);
  b[2] = checksum(b, 0, 2);
  b[b.length - 1] = checksum(b, 3, b.length - 1);
  return b;
}

describe('double bridging through the local driver (ipmitool open.c)', () => {
  it('wraps the request in Send Message for the transit controller, rqAddr FFh, rqSeq 0', () => {
    const w = encodeTransitRequest({ ...getDeviceId, lun: 0 }, double);
    expect(w.netFn).toBe(0x06);
    expect(w.cmd).toBe(0x34);
    // 40h | channel, then 40 18 a8 ff 00 01 <chk>
    expect(Buffer.from(w.data)).toEqual(hex('40 40 18 a8 ff 00 01 00'));
  });

  it('unwraps the embedded reply; passes a completion code on', () => {
    const embedded = response(0x20, 0x07, 0x40, 0, 0x01, 0x00, [0x12]);
    expect(decodeTransitReply({ cc: 0, data: embedded })).toEqual({ cc: 0, data: Buffer.from([0x12]) });
    expect(decodeTransitReply({ cc: 0x83, data: new Uint8Array(0) })).toEqual({ cc: 0x83, data: new Uint8Array(0) });
    expect(() => decodeTransitReply({ cc: 0, data: new Uint8Array(0) })).toThrow(DecodeError);
    expect(() => decodeTransitReply({ cc: 0, data: hex('201cc4400001 00 ab') })).toThrow(/bridged response inside Send Message/);
  });
});
