/** SOL packet layout, IPMI v2.0 §15.9 Table 15-2 (console to BMC) and Table 15-3 (BMC to console). */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../errors.js';
import { decodeBmcPacket, decodeConsolePacket, encodeBmcPacket, encodeConsolePacket } from './packet.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('console to BMC (Table 15-2)', () => {
  it('data packet: seq, no ACK, no count, no flags, characters', () => {
    expect(hex(encodeConsolePacket({ seq: 1, ackSeq: 0, accepted: 0, data: Buffer.from('ls\r') }))).toBe('01000000' + '6c730d');
  });
  it('ACK-only packet: seq 0, acked seq, accepted count (what ipmitool sends after each BMC packet)', () => {
    expect(hex(encodeConsolePacket({ seq: 0, ackSeq: 7, accepted: 255, data: new Uint8Array(0) }))).toBe('0007ff00');
  });
  it('operation bits: NACK 6, ring/WOR 5, break 4, CTS pause 3, DCD/DSR 2, flush in 1, flush out 0', () => {
    const bit = (o: object): string => hex(encodeConsolePacket({ seq: 3, ackSeq: 0, accepted: 0, data: new Uint8Array(0), ...o })).slice(6);
    expect(bit({ nack: true })).toBe('40');
    expect(bit({ ringWor: true })).toBe('20');
    expect(bit({ generateBreak: true })).toBe('10');
    expect(bit({ deassertCts: true })).toBe('08');
    expect(bit({ deassertDcdDsr: true })).toBe('04');
    expect(bit({ flushInbound: true })).toBe('02');
    expect(bit({ flushOutbound: true })).toBe('01');
  });
  it('ipmitool ~B: a break packet has a sequence number and no characters', () => {
    expect(hex(encodeConsolePacket({ seq: 5, ackSeq: 0, accepted: 0, generateBreak: true, data: new Uint8Array(0) }))).toBe('05000010');
  });
  it('refuses more than 255 characters (the accepted count is one byte)', () => {
    expect(() => encodeConsolePacket({ seq: 1, ackSeq: 0, accepted: 0, data: new Uint8Array(256) })).toThrow(RangeError);
  });
  it('round trip through the BMC-side decoder', () => {
    const p = decodeConsolePacket(encodeConsolePacket({ seq: 15, ackSeq: 14, accepted: 9, deassertCts: true, data: Buffer.from('x') }));
    expect(p).toMatchObject({ seq: 15, ackSeq: 14, accepted: 9, deassertCts: true, generateBreak: false });
    expect(p.data.toString()).toBe('x');
  });
});

describe('BMC to console (Table 15-3)', () => {
  it('ipmi_sim data packet: seq 1, no ACK, 3 characters', () => {
    const p = decodeBmcPacket(Buffer.from('01000000' + '6f6b0a', 'hex'));
    expect(p).toMatchObject({
      seq: 1,
      ackSeq: 0,
      accepted: 0,
      nack: false,
      transferUnavailable: false,
      deactivating: false,
      overrun: false,
      breakDetected: false,
    });
    expect(p.data.toString()).toBe('ok\n');
  });
  it('ipmi_sim ACK with its inbound buffer full: ACK seq 2, 28 accepted, NACK bit (0x40)', () => {
    expect(decodeBmcPacket(Buffer.from('00021c40', 'hex'))).toMatchObject({ seq: 0, ackSeq: 2, accepted: 28, nack: true, data: Buffer.alloc(0) });
  });
  it('status bits: transfer unavailable 5, deactivating 4, overrun 3, break 2; sequence numbers are 4 bits', () => {
    expect(decodeBmcPacket(Buffer.from('f1f0003c', 'hex'))).toMatchObject({
      seq: 1,
      ackSeq: 0,
      transferUnavailable: true,
      deactivating: true,
      overrun: true,
      breakDetected: true,
      nack: false,
    });
  });
  it('a packet shorter than the header is a DecodeError', () => {
    expect(() => decodeBmcPacket(Buffer.from('010000', 'hex'))).toThrow(DecodeError);
  });
  it('encodeBmcPacket is the inverse', () => {
    expect(hex(encodeBmcPacket({ seq: 4, ackSeq: 3, accepted: 2, nack: true, data: Buffer.from('a') }))).toBe('0403024061');
  });
});
