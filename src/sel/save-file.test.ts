/** ipmitool's SEL event file: what `sel save` writes, what `sel add` and `event file` read. */
import { describe, expect, it } from 'vitest';
import { parseSelRecord } from './record.js';
import { eventOfBytes, parseEventFile, saveFileLine, str2uchar } from './save-file.js';

describe('saveFileLine (ipmi_sel_print_event_file)', () => {
  it('a threshold event: the seven event message bytes (§29.3), the type, number and text', () => {
    const r = parseSelRecord(Buffer.from('05000210b4e16520000401020157 5655'.replace(' ', ''), 'hex'));
    expect(saveFileLine(r, {})).toBe('0x04 0x01 0x02 0x01 0x57 0x56 0x55 # Temperature #0x02 Upper Non-critical going high\n');
  });
  it("OEM records are read as if they were system events (bytes 9-15 of ipmitool's layout)", () => {
    // C0h: manufacturer 001291h (LS byte first on the wire) deadbeef0102; ipmitool's struct swaps the ID bytes.
    const r = parseSelRecord(Buffer.from('1700c000b4e165911200deadbeef0102', 'hex'));
    expect(saveFileLine(r, {})).toBe('0x91 0xde 0xad 0xbe 0xef 0x01 0x02 # Unknown #0xad Unknown\n');
    // The line ipmitool wrote for the same record (sel save on the simulator).
    const e0 = parseSelRecord(Buffer.from('1900e00102030405060708090a0b0c0d', 'hex'));
    expect(saveFileLine(e0, {})).toBe('0x07 0x08 0x09 0x0a 0x0b 0x0c 0x0d # Power Supply #0x09 Unknown\n');
  });
});

describe('parseEventFile', () => {
  it('comments, blank lines, leading white space, extra tokens', () => {
    const t = '# header\n\n  0x04 0x01 0x02 0x01 0x57 0x56 0x55 # comment\n4 1 2 1 87 86 85 99\n010 0x1 2 3 4 5 6\n';
    expect(parseEventFile(t)).toEqual([
      { kind: 'event', bytes: [4, 1, 2, 1, 0x57, 0x56, 0x55] },
      { kind: 'event', bytes: [4, 1, 2, 1, 87, 86, 85] },
      { kind: 'event', bytes: [8, 1, 2, 3, 4, 5, 6] },
    ]);
  });
  it('short lines and bad tokens are invalid, with what was read', () => {
    expect(parseEventFile('0x04 0x01\n0x04 zz 0x01\n0x04 0x100\n')).toEqual([
      { kind: 'invalid', bytes: [4, 1] },
      { kind: 'invalid', bytes: [4], token: 'zz' },
      { kind: 'invalid', bytes: [4], token: '0x100' },
    ]);
  });
  it('str2uchar: strtoul base 0, whole token, 0-255', () => {
    expect([str2uchar('0x1f'), str2uchar('017'), str2uchar('255'), str2uchar('256'), str2uchar('-1'), str2uchar('1a')]).toEqual([
      31,
      15,
      255,
      undefined,
      undefined,
      undefined,
    ]);
  });
  it('eventOfBytes: direction in bit 7 of the fourth byte', () => {
    expect(eventOfBytes([4, 2, 0x20, 0x81, 0x52, 0xb3, 0xb4], 0x41)).toEqual({
      generatorId: 0x41,
      evmRevision: 4,
      sensorType: 2,
      sensorNumber: 0x20,
      eventType: 1,
      deassertion: true,
      eventData: [0x52, 0xb3, 0xb4],
    });
  });
});
