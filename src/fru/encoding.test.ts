/** Type/length fields: Platform Management FRU Information Storage Definition v1.0 §13 (Table 13-1, §13.2 6-bit ASCII). */
import { describe, expect, it } from 'vitest';
import { decodeTypeLength, decodeValue, encodeField, encodeProblem, encodeValue, ipmitoolString } from './encoding.js';

describe('type/length byte (§13 Table 13-1)', () => {
  it.each([
    [0xc5, 'text', 5],
    [0x83, 'ascii6', 3],
    [0x42, 'bcdplus', 2],
    [0x01, 'binary', 1],
    [0xc0, 'text', 0],
    [0x3f, 'binary', 63],
  ] as const)('%d → %s, %d bytes', (b, encoding, length) => {
    expect(decodeTypeLength(b)).toEqual({ encoding, length });
  });
});

describe('6-bit packed ASCII (§13.2)', () => {
  // "IPMI": 29h 30h 2Dh 29h packed least significant bits first → 29h DCh A6h.
  it('decodes the packing example', () => {
    expect(decodeValue('ascii6', Buffer.from([0x29, 0xdc, 0xa6]))).toBe('IPMI');
  });
  it('encodes it', () => {
    expect(encodeField('ascii6', 'IPMI')).toEqual(Buffer.from([0x83, 0x29, 0xdc, 0xa6]));
  });
  it('counts floor(n*8/6) characters; ipmitool prints four per started group of three bytes', () => {
    // "IPMI" + "AB": 21h 22h → 4 bytes 29 DC A6 21 (A) + B's 6 bits in byte 4 bits 7:6 and byte 5.
    const b = encodeValue('ascii6', 'IPMIAB');
    expect(b).toEqual(Buffer.from([0x29, 0xdc, 0xa6, 0xa1, 0x08]));
    expect(decodeValue('ascii6', b)).toBe('IPMIAB');
    expect(ipmitoolString('ascii6', b)).toBe('IPMIAB  ');
  });
  it('refuses lower case', () => {
    expect(encodeProblem('ascii6', 'abc')).toMatch(/20h-5Fh/);
    expect(() => encodeValue('ascii6', 'abc')).toThrow(RangeError);
  });
});

describe('BCD plus (§13 Table 13-1, type 01b)', () => {
  it('decodes digits, space, dash, period, high nibble first', () => {
    expect(decodeValue('bcdplus', Buffer.from([0x12, 0x3a, 0xbc]))).toBe('123 -.');
  });
  it('shows reserved Dh-Fh as ipmitool does', () => {
    expect(decodeValue('bcdplus', Buffer.from([0xde, 0xf0]))).toBe(':,_0');
  });
  it('encodes, padding an odd count with a space', () => {
    expect(encodeField('bcdplus', '2023-06')).toEqual(Buffer.from([0x44, 0x20, 0x23, 0xb0, 0x6a]));
  });
  it('has no string for an empty field in ipmitool', () => {
    expect(ipmitoolString('bcdplus', Buffer.alloc(0))).toBeUndefined();
  });
});

describe('binary (type 00b)', () => {
  it('is shown as hex', () => {
    expect(decodeValue('binary', Buffer.from([0xde, 0xad, 0x01]))).toBe('dead01');
    expect(ipmitoolString('binary', Buffer.from([0xde, 0xad, 0x01]))).toBe('dead01');
    expect(encodeField('binary', 'dead01')).toEqual(Buffer.from([0x03, 0xde, 0xad, 0x01]));
  });
  it('refuses odd hex', () => expect(encodeProblem('binary', 'abc')).toMatch(/even number/));
});

describe('8-bit text (type 11b)', () => {
  it('is ASCII + Latin-1 for English (19h) and unspecified (00h) languages', () => {
    expect(decodeValue('text', Buffer.from([0x41, 0xe9]), 0x19)).toBe('Aé');
    expect(decodeValue('text', Buffer.from([0x41, 0xe9]), 0)).toBe('Aé');
  });
  it('is 16-bit Unicode, LS byte first, for other languages', () => {
    expect(decodeValue('text', Buffer.from([0x41, 0x00, 0x1f, 0x04]), 0x22)).toBe('AП');
  });
  it('stops at a NUL in ipmitool', () => {
    expect(ipmitoolString('text', Buffer.from([0x41, 0x00, 0x42]))).toBe('A');
  });
  it('holds at most 63 bytes', () => {
    expect(encodeProblem('text', 'x'.repeat(64))).toMatch(/63/);
    expect(encodeField('text', 'ACME')).toEqual(Buffer.from([0xc4, 0x41, 0x43, 0x4d, 0x45]));
  });
});
