/**
 * Known-answer tests for the FRU parser, bytes in (Platform Management FRU Information
 * Storage Definition v1.0), and malformed images: every defect is reported, nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { parseFru, zeroChecksum } from './parse.js';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// §8 Table 8-1 common header: version 1; internal use @8, chassis @16, board @32, product @64, multi-record @96; pad; checksum E4h.
const HEADER = '01 01 02 04 08 0c 00 e4';
// §9 internal use: version 1, data AA BB CC 00 00 00 00.
const INTERNAL = '01 aa bb cc 00 00 00 00';
// §10 Table 10-1 chassis: version 1, 2×8 bytes, type 17h (Rack Mount Chassis), part "CP-1" (C4h),
// serial BCD plus 12h 34h (42h), custom "xy" (C2h), C1h, checksum 35h.
const CHASSIS = '01 02 17 c4 43 50 2d 31 42 12 34 c2 78 79 c1 35';
// §11 Table 11-1 board: version 1, 4×8 bytes, language 00h, mfg date 14419320 min = DC0578h LS first
// (2023-06-01 10:00 UTC), mfr "ACME", product 6-bit "IPMI" (83h 29 DC A6), serial "S1", part "P1",
// FRU file ID empty (C0h), custom binary DE AD (02h), C1h, pad, checksum 03h.
const BOARD = '01 04 00 78 05 dc c4 41 43 4d 45 83 29 dc a6 c2 53 31 c2 50 31 c0 02 de ad c1 00 00 00 00 00 03';
// §12 Table 12-1 product: mfr "ACME", name "Box", part "PN", version "1.0", serial "SN", asset "AT", file ID empty.
const PRODUCT = '01 04 00 c4 41 43 4d 45 c3 42 6f 78 c2 50 4e c3 31 2e 30 c2 53 4e c2 41 54 c0 c1 00 00 00 00 48';
// §16.1 Table 16-1: DC Output (01h), version 2, 13 bytes, data checksum E7h, header checksum 09h;
// §18.2 Table 18-2: output 1 + standby (81h), 12.00 V, 11.40 V, 12.60 V, 50 mV, 0 mA, 60000 mA.
// Then OEM C0h, end of list (82h), 5 bytes: manufacturer 000157h (Intel), data 01 02.
const MULTI = '01 02 0d e7 09 81 b0 04 74 04 ec 04 32 00 00 00 60 ea' + 'c0 82 05 a5 14 57 01 00 01 02';

const IMAGE = h(HEADER + INTERNAL + CHASSIS + BOARD + PRODUCT + MULTI);

describe('a whole image', () => {
  const inv = parseFru(IMAGE);

  it('has no problems', () => expect(inv.problems).toEqual([]));

  it('common header (§8)', () => {
    expect(inv.header).toEqual({ version: 1, internalUse: 8, chassis: 16, board: 32, product: 64, multiRecord: 96, checksumOk: true });
  });

  it('internal use area (§9) runs to the next area', () => {
    expect(inv.internalUse).toEqual({ offset: 8, version: 1, data: h('aa bb cc 00 00 00 00') });
  });

  it('chassis info area (§10)', () => {
    const c = inv.chassis!;
    expect([c.offset, c.length, c.version, c.checksumOk, c.type]).toEqual([16, 16, 1, true, 0x17]);
    expect(c.partNumber).toMatchObject({ encoding: 'text', value: 'CP-1', text: 'CP-1', offset: 19 });
    expect(c.serialNumber).toMatchObject({ encoding: 'bcdplus', value: '1234', raw: h('1234') });
    expect(c.custom.map((f) => f.value)).toEqual(['xy']);
  });

  it('board info area (§11): date in minutes since 1996, 6-bit ASCII, empty and binary fields', () => {
    const b = inv.board!;
    expect([b.offset, b.length, b.language, b.checksumOk]).toEqual([32, 32, 0, true]);
    expect(b.mfgDateMinutes).toBe(14419320);
    expect(new Date(Date.UTC(1996, 0, 1) + b.mfgDateMinutes * 60000).toISOString()).toBe('2023-06-01T10:00:00.000Z');
    expect(b.manufacturer?.value).toBe('ACME');
    expect(b.productName).toMatchObject({ encoding: 'ascii6', value: 'IPMI' });
    expect([b.serialNumber?.value, b.partNumber?.value, b.fruFileId?.value]).toEqual(['S1', 'P1', '']);
    expect(b.custom).toHaveLength(1);
    expect(b.custom[0]).toMatchObject({ encoding: 'binary', value: 'dead', text: 'dead' });
  });

  it('product info area (§12)', () => {
    const p = inv.product!;
    expect([p.offset, p.length, p.checksumOk]).toEqual([64, 32, true]);
    expect([p.manufacturer, p.productName, p.partNumber, p.productVersion, p.serialNumber, p.assetTag, p.fruFileId].map((f) => f?.value)).toEqual([
      'ACME',
      'Box',
      'PN',
      '1.0',
      'SN',
      'AT',
      '',
    ]);
    expect(p.custom).toEqual([]);
  });

  it('multi-record area (§16, §18.2 DC output, §18.7 OEM)', () => {
    const [dc, oem] = inv.multiRecords;
    expect(dc).toMatchObject({ offset: 96, type: 1, formatVersion: 2, endOfList: false, length: 13, headerChecksumOk: true, dataChecksumOk: true });
    expect(dc!.decoded).toEqual({
      kind: 'dcOutput',
      outputNumber: 1,
      standby: true,
      nominalVoltage: 1200,
      maxNegativeDeviation: 1140,
      maxPositiveDeviation: 1260,
      rippleNoiseMv: 50,
      minCurrent: 0,
      maxCurrent: 60000,
    });
    expect(oem).toMatchObject({ offset: 114, type: 0xc0, endOfList: true, length: 5, headerChecksumOk: true, dataChecksumOk: true });
    expect(oem!.decoded).toEqual({ kind: 'oem', manufacturerId: 0x157, data: h('0102') });
  });
});

describe('multi-record payloads (§18)', () => {
  const rec = (type: number, data: string): Buffer => {
    const d = h(data);
    const hdr = [type, 0x82, d.length, zeroChecksum(d)];
    const header = h(`01 00 00 00 00 01 00 fe`);
    return Buffer.concat([header, Buffer.from([...hdr, zeroChecksum(Uint8Array.from(hdr))]), d]);
  };

  it('power supply information (§18.1 Table 18-1)', () => {
    // 800 W, peak VA FFFFh, 10 A for 5 ms, 90.00-264.00 V, range 2 unused, 47-63 Hz, 20 ms,
    // flags 1Fh (predictive fail, PFC, autoswitch, hot swap, tach), peak 900 W for 1 s,
    // combined 12 V + 5 V (02h) 500 W, 3 RPS.
    const inv = parseFru(rec(0x00, '2003 ffff 0a 05 2823 2067 0000 0000 2f 3f 14 1f 8413 02 f401 03'));
    expect(inv.problems).toEqual([]);
    expect(inv.multiRecords[0]!.decoded).toEqual({
      kind: 'powerSupply',
      capacity: 800,
      peakVa: 0xffff,
      inrushCurrent: 10,
      inrushIntervalMs: 5,
      lowInput1: 9000,
      highInput1: 26400,
      lowInput2: 0,
      highInput2: 0,
      lowFrequency: 47,
      highFrequency: 63,
      dropoutToleranceMs: 20,
      predictiveFail: true,
      powerFactorCorrection: true,
      autoswitch: true,
      hotSwap: true,
      tachPulses: true,
      peakCapacity: 900,
      peakHoldUpSeconds: 1,
      combinedVoltage1: 0,
      combinedVoltage2: 2,
      combinedCapacity: 500,
      rpsThreshold: 3,
    });
  });

  it('DC load (§18.3 Table 18-4)', () => {
    const inv = parseFru(rec(0x02, '02 f401 c201 2602 1e00 6400 d007'));
    expect(inv.multiRecords[0]!.decoded).toEqual({
      kind: 'dcLoad',
      outputNumber: 2,
      nominalVoltage: 500,
      minVoltage: 450,
      maxVoltage: 550,
      rippleNoiseMv: 30,
      minCurrent: 100,
      maxCurrent: 2000,
    });
  });

  it('management access (§18.4): system name', () => {
    const inv = parseFru(rec(0x03, `02 ${Buffer.from('host1').toString('hex')}`));
    expect(inv.multiRecords[0]!.decoded).toEqual({ kind: 'managementAccess', subType: 2, subTypeName: 'System Name', value: 'host1' });
  });

  it('base compatibility (§18.5)', () => {
    const inv = parseFru(rec(0x04, '570100 0a 01 05 ff'));
    expect(inv.multiRecords[0]!.decoded).toEqual({
      kind: 'compatibility',
      extended: false,
      manufacturerId: 0x157,
      entityId: 0x0a,
      compatibilityBase: 1,
      codeStart: 5,
      codeRangeMask: h('ff'),
    });
  });

  it('a record too short for its type is reported, not decoded', () => {
    const inv = parseFru(rec(0x00, '2003'));
    expect(inv.multiRecords[0]!.decoded).toBeUndefined();
    expect(inv.problems).toEqual(['multi-record at offset 8 (type 0x00): the record is 2 bytes, shorter than the 24 its type needs']);
  });
});

describe('malformed images: reported, never thrown', () => {
  const withByte = (b: Buffer, at: number, v: number): Buffer => {
    const c = Buffer.from(b);
    c[at] = v;
    return c;
  };

  it('shorter than the common header', () => {
    expect(parseFru(h('0101')).problems).toEqual(['FRU data is 2 bytes, shorter than the 8-byte common header']);
  });

  it('unknown common header version (blank device)', () => {
    const inv = parseFru(Buffer.alloc(64, 0xff));
    expect(inv.problems).toEqual(['common header: unknown FRU format version 0xff']);
    expect(inv.chassis).toBeUndefined();
  });

  it('wrong common header checksum: areas still parsed', () => {
    const inv = parseFru(withByte(IMAGE, 7, 0xe5));
    expect(inv.problems).toEqual(['common header: checksum is wrong (0xe5, expected 0xe4)']);
    expect(inv.header!.checksumOk).toBe(false);
    expect(inv.product?.productName?.value).toBe('Box');
  });

  it('wrong area checksum: fields still read', () => {
    const inv = parseFru(withByte(IMAGE, 16 + 15, 0x36));
    expect(inv.problems).toEqual(['chassis info area at offset 16: checksum is wrong (0x36, expected 0x35)']);
    expect(inv.chassis!.checksumOk).toBe(false);
    expect(inv.chassis!.partNumber?.value).toBe('CP-1');
  });

  it('area offset past the end', () => {
    const img = Buffer.concat([h('01 00 00 00 20 00 00'), Buffer.alloc(9)]);
    img[7] = zeroChecksum(img.subarray(0, 7));
    expect(parseFru(img).problems).toEqual(['product info area: offset 256 is past the end of the 16-byte FRU']);
  });

  it('area length past the end', () => {
    const inv = parseFru(IMAGE.subarray(0, 80));
    expect(inv.problems).toContain('product info area at offset 64: its 32 bytes run past the end of the 80-byte FRU');
    expect(inv.product!.checksumOk).toBeUndefined();
    expect(inv.product!.manufacturer?.value).toBe('ACME');
    expect(inv.multiRecords).toEqual([]);
  });

  it('field length that runs over the area', () => {
    // Chassis part number claims 20 bytes (D4h) in a 16-byte area.
    const img = withByte(IMAGE, 19, 0xd4);
    const inv = parseFru(img);
    expect(inv.problems).toContain(
      'chassis info area at offset 16: the chassis part number field at offset 19 (20 bytes) runs past the end of the area at offset 31',
    );
    expect(inv.chassis!.partNumber).toBeUndefined();
    expect(inv.board?.manufacturer?.value).toBe('ACME');
  });

  it('missing end-of-fields marker', () => {
    // Replace the chassis C1h with a zero-length text field (C0h) and fix the checksum.
    const img = withByte(IMAGE, 16 + 14, 0xc0);
    img[31] = zeroChecksum(img.subarray(16, 31));
    expect(parseFru(img).problems).toEqual(['chassis info area at offset 16: no end-of-fields marker (C1h) before the end of the area at offset 31']);
  });

  it('C1h in a fixed field position is a one-byte field (ipmitool reads it so); only custom fields end at C1h', () => {
    // §10 chassis: type 17h, part number C1h 42h ("B"), serial C0h (empty), then C1h.
    const chassis = h('01 01 17 c1 42 c0 c1 00');
    chassis[7] = zeroChecksum(chassis.subarray(0, 7));
    const inv = parseFru(Buffer.concat([h('01 00 01 00 00 00 00 fe'), chassis]));
    expect(inv.problems).toEqual([]);
    expect(inv.chassis!.partNumber).toMatchObject({ encoding: 'text', value: 'B' });
    expect(inv.chassis!.serialNumber?.value).toBe('');
    expect(inv.chassis!.custom).toEqual([]);
  });

  it('an area too short for its fixed fields', () => {
    // Chassis area of 8 bytes whose part number claims 3 bytes and whose serial has no room.
    const chassis = h('01 01 17 c3 41 42 43 00');
    chassis[7] = zeroChecksum(chassis.subarray(0, 7));
    const inv = parseFru(Buffer.concat([h('01 00 01 00 00 00 00 fe'), chassis]));
    expect(inv.chassis!.partNumber?.value).toBe('ABC');
    expect(inv.problems).toEqual(['chassis info area at offset 8: ends at offset 15 before the chassis serial number field']);
  });

  it('zero area length', () => {
    const img = Buffer.concat([h('01 00 01 00 00 00 00 fe'), h('01 00 00 00 00 00 00 00')]);
    expect(parseFru(img).problems).toEqual(['chassis info area at offset 8: length is 0']);
  });

  it('a record that is not format version 2 ends the chain (blank space after the area)', () => {
    const img = Buffer.concat([withByte(IMAGE, 114 + 1, 0x02), Buffer.alloc(40)]);
    img[114 + 4] = zeroChecksum(img.subarray(114, 118));
    expect(parseFru(img).problems).toEqual(['multi-record at offset 124 (type 0x00): unknown record format version 0; the rest of the area is not read']);
  });

  it('multi-record checksums and a chain that runs off the end', () => {
    let img = withByte(IMAGE, 96 + 4, 0x0a); // header checksum
    img = withByte(img, 96 + 3, 0xe8); // data checksum (and so the header checksum changes too)
    const inv = parseFru(img.subarray(0, 121));
    expect(inv.problems).toEqual([
      'multi-record at offset 96 (type 0x01): header checksum is wrong (0x0a, expected 0x08)',
      'multi-record at offset 96 (type 0x01): data checksum is wrong (0xe8, expected 0xe7)',
      'multi-record at offset 114 (type 0xc0): its 5 data bytes run past the end of the 121-byte FRU',
    ]);
    expect(inv.multiRecords).toHaveLength(2);
  });

  it('a multi-record chain without an end stops at the image end', () => {
    const img = withByte(IMAGE, 114 + 1, 0x02);
    img[114 + 4] = zeroChecksum(img.subarray(114, 118));
    expect(parseFru(img).problems).toEqual([
      'multi-record area: the record header at offset 124 runs past the end of the 124-byte FRU (no end-of-list record)',
    ]);
  });

  it('random bytes never throw', () => {
    let seed = 42;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff;
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.from(Array.from({ length: 8 + (rnd() % 200) }, rnd));
      b[0] = 1;
      expect(() => parseFru(b)).not.toThrow();
      // Mutations of the good image too.
      const m = Buffer.from(IMAGE);
      m[rnd() % m.length] = rnd();
      expect(() => parseFru(m)).not.toThrow();
    }
  });
});
