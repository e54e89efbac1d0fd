import { describe, expect, it } from 'vitest';
import { compactRecord, fullRecord, sensorData as read } from '../../../test/unit/fixtures/sensor-data.js';
import { checkJson, checkTable, checkText } from '../../output/sensor-check.js';
import { evaluate, worst } from './check.js';

const fan = fullRecord(7, 0x13, 'FAN4', 0x04, 18, 60);
const temp = fullRecord(7, 0x02, 'CPU2 Temp', 0x01, 1, 1);
const psu = compactRecord(8, 0x41, 'PS2 Status', 0x08);

describe('sensor check: evaluate (health of each sensor, monitoring-plugin verdict)', () => {
  it('all nominal: verdict ok, no problems, nothing printed', async () => {
    const d = evaluate([await read(fan, { cc: 0, data: [90, 0xc0, 0x00, 0xc0] }), await read(psu, { cc: 0, data: [0, 0xc0, 0x01, 0x80] })]);
    expect(d.verdict).toBe('ok');
    expect(d.counts).toEqual({ nominal: 2, warning: 0, critical: 0, unknown: 0, disabled: 0 });
    expect(checkText(d)).toBe('');
  });

  it('threshold sensors: unc is a warning, lcr critical; discrete failure states are critical', async () => {
    const d = evaluate([
      await read(temp, { cc: 0, data: [88, 0xc0, 0x08, 0xc0] }), // 88 C, unc asserted (§35.14 byte 3 bit 3)
      await read(fan, { cc: 0, data: [8, 0xc0, 0x03, 0xc0] }), // 480 RPM, lnc+lcr asserted
      await read(psu, { cc: 0, data: [0, 0xc0, 0x03, 0x80] }), // Presence detected, Failure detected (Table 42-3, 08h)
    ]);
    expect(d.verdict).toBe('critical');
    expect(d.counts).toMatchObject({ warning: 1, critical: 2 });
    expect(checkTable(d)).toEqual([
      {
        rows: [
          ['verdict', 'critical'],
          ['nominal', '0'],
          ['warning', '1'],
          ['critical', '2'],
          ['unknown', '0'],
          ['disabled', '0'],
        ],
      },
      {
        title: 'problems',
        head: ['state', 'sensor', 'detail'],
        rows: [
          ['warning', 'CPU2 Temp', '88 degrees C (Upper Non-Critical)'],
          ['critical', 'FAN4', '480 RPM (Lower Critical)'],
          ['critical', 'PS2 Status', 'Presence detected, Failure detected'],
        ],
      },
    ]);
    expect(checkText(d)).toBe(
      'WARNING: CPU2 Temp: 88 degrees C (Upper Non-Critical)\n' +
        'CRITICAL: FAN4: 480 RPM (Lower Critical)\n' +
        'CRITICAL: PS2 Status: Presence detected, Failure detected\n',
    );
  });

  it('no answer, a refusal and "reading unavailable" are unknown; scanning disabled is not monitored', async () => {
    const d = evaluate([
      await read(fan, undefined),
      await read(temp, { cc: 0xcb }),
      await read(psu, { cc: 0, data: [0, 0xe0, 0, 0] }), // bit 5: reading unavailable
      await read(fullRecord(9, 0x05, 'PCH Temp', 0x01, 1, 1), { cc: 0, data: [52, 0x00, 0, 0] }), // bit 6 clear: scanning disabled
    ]);
    expect(d.verdict).toBe('unknown');
    expect(d.counts).toEqual({ nominal: 0, warning: 0, critical: 0, unknown: 3, disabled: 1 });
    expect(checkText(d)).toBe('UNKNOWN: FAN4: no answer\nUNKNOWN: CPU2 Temp: completion code cbh\nUNKNOWN: PS2 Status: reading unavailable\n');
  });

  it('a named sensor that does not exist is unknown', () => {
    const d = evaluate([], ['Fan9']);
    expect(d.verdict).toBe('unknown');
    expect(checkText(d)).toBe('UNKNOWN: Fan9: not found\n');
  });

  it('critical outranks unknown, unknown outranks warning', () => {
    expect(worst('warning', 'unknown')).toBe('unknown');
    expect(worst('critical', 'unknown')).toBe('critical');
    expect(worst('unknown', 'warning')).toBe('unknown');
    expect(worst('ok', 'warning')).toBe('warning');
  });

  it('JSON: per problem the state as a word and as 0-3, the reading or null, discrete state names', async () => {
    const d = evaluate([
      await read(fan, { cc: 0, data: [8, 0xc0, 0x02, 0xc0] }),
      await read(psu, { cc: 0, data: [0, 0xc0, 0x02, 0x80] }),
      await read(temp, undefined),
    ]);
    const j = checkJson(d) as { verdict: string; counts: unknown; problems: Record<string, unknown>[] };
    expect(j.verdict).toBe('critical');
    expect(j.counts).toEqual({ nominal: 0, warning: 0, critical: 2, unknown: 1, disabled: 0 });
    expect(j.problems.map((p) => [p.name, p.recordId, p.state, p.stateCode, p.thresholdStatus, p.reading, p.unit, p.states, p.reason])).toEqual([
      ['FAN4', 7, 'critical', 2, 'lcr', 480, 'RPM', [], undefined],
      ['PS2 Status', 8, 'critical', 2, null, null, null, ['Failure detected'], undefined],
      ['CPU2 Temp', 7, 'unknown', 3, null, null, null, [], 'no answer'],
    ]);
    expect(checkJson(evaluate([], ['Fan9']))).toMatchObject({
      verdict: 'unknown',
      problems: [{ name: 'Fan9', state: 'unknown', stateCode: 3, reason: 'not found' }],
    });
  });
});
