/** Event messages `event` sends (IPMI v2.0 §29.3 Table 29-5), known answers from ipmitool 1.8.19's lib/ipmi_event.c. */
import { describe, expect, it } from 'vitest';
import { DIGITAL_SHORTCUTS, SAMPLE_EVENTS, discreteOffset, thresholdEventData } from './event-message.js';
import { encodeSystemEvent } from './record.js';

/** The seven request bytes after the generator ID: EvM rev, sensor type, number, dir|type, data 1-3. */
const wire = (k: string): string => encodeSystemEvent(SAMPLE_EVENTS[k]!.event).subarray(9).toString('hex');

describe('sample events (event 1|2|3)', () => {
  it('1: temperature 30h, threshold, upper critical going high (Table 42-2 offset 9)', () => {
    expect(wire('1')).toBe('04013001' + '09ffff');
  });
  it('2: voltage 60h, lower critical going low (offset 2)', () => {
    expect(wire('2')).toBe('04026001' + '02ffff');
  });
  it('3: memory 53h, sensor-specific, correctable ECC (Table 42-3 offset 0)', () => {
    expect(wire('3')).toBe('040c536f' + '00ffff');
  });
  it('generator ID 41h: software ID 20h (system management software), Figure 29-2', () => {
    expect(encodeSystemEvent(SAMPLE_EVENTS['1']!.event).readUInt16LE(7)).toBe(0x41);
  });
});

describe('threshold events (event <sensor> <lnc..unr> [assert|deassert])', () => {
  // Get Sensor Thresholds values in lnc, lcr, lnr, unc, ucr, unr order (§35.9).
  const th = [10, 8, 5, 85, 95, 105];

  it('upper critical asserted: going high (offset 9), trigger = threshold + positive hysteresis, 50h = bytes 2 and 3 given', () => {
    expect(thresholdEventData('ucr', false, th, { positive: 2, negative: 3 })).toEqual([0x59, 97, 95]);
  });
  it('upper non-critical deasserted: going low (offset 6), negative hysteresis', () => {
    expect(thresholdEventData('unc', true, th, { positive: 2, negative: 3 })).toEqual([0x56, 82, 85]);
  });
  it('lower critical asserted: going low (offset 2)', () => {
    expect(thresholdEventData('lcr', false, th, { positive: 2, negative: 3 })).toEqual([0x52, 5, 8]);
  });
  it('lower non-recoverable deasserted: going high (offset 5)', () => {
    expect(thresholdEventData('lnr', true, th)).toEqual([0x55, 6, 5]);
  });
  it('hysteresis 0 or unreadable counts as 1; the trigger is clamped to 0-255', () => {
    expect(thresholdEventData('unr', false, [0, 0, 0, 0, 0, 255], { positive: 0, negative: 0 })).toEqual([0x5b, 255, 255]);
    expect(thresholdEventData('lnc', false, [0, 0, 0, 0, 0, 0])).toEqual([0x50, 0, 0]);
  });
});

describe('discrete states', () => {
  it('digital shortcuts for event/reading types 03h-06h, 08h, 09h: offset 1 / 0', () => {
    expect(discreteOffset(0x08, 0x08, 'present')).toBe(1);
    expect(discreteOffset(0x08, 0x08, 'ABSENT')).toBe(0);
    expect(DIGITAL_SHORTCUTS).toHaveLength(7);
    // Type 0Bh (redundancy) has no shortcuts: "up" is not one of its texts.
    expect(discreteOffset(0x09, 0x0b, 'up')).toBeUndefined();
  });
  it('texts by name, any case (Table 42-2, 42-3)', () => {
    expect(discreteOffset(0x09, 0x0b, 'redundancy lost')).toBe(1);
    expect(discreteOffset(0x08, 0x6f, 'Failure detected')).toBe(1);
    expect(discreteOffset(0x08, 0x6f, 'Power Supply AC lost')).toBe(3);
    expect(discreteOffset(0x08, 0x6f, 'nonsense')).toBeUndefined();
  });
});
