import { describe, expect, it } from 'vitest';
import { compactRecord, fullRecord, sensorData } from '../../test/unit/fixtures/sensor-data.js';
import { escapeLabel, prometheusText, sampleValue } from './sensor-prometheus.js';

describe('sensor list --format prometheus (text exposition format 0.0.4)', () => {
  it('reading, health state and thresholds as gauges, one HELP/TYPE block per family', async () => {
    const fan = await sensorData(fullRecord(7, 0x13, 'FAN4', 0x04, 18, 60), { cc: 0, data: [8, 0xc0, 0x03, 0xc0] }); // 480 RPM, lcr
    fan.thresholds = { mask: 0x07, values: [20, 10, 5, 0, 0, 0] } as never; // Get Sensor Thresholds §35.9: lnc 20, lcr 10, lnr 5 (raw)
    const volt = await sensorData(fullRecord(9, 0x20, '12V', 0x02, 4, 6, -2), { cc: 0, data: [202, 0xc0, 0x00, 0xc0] }); // 6*202/100 = 12.12 V
    volt.thresholds = null;
    const psu = await sensorData(compactRecord(12, 0x41, 'PS2 Status', 0x08), { cc: 0, data: [0, 0xc0, 0x03, 0x80] });
    const off = await sensorData(fullRecord(13, 0x05, 'PCH Temp', 0x01, 1, 1), { cc: 0, data: [52, 0x00, 0, 0] }); // scanning disabled
    const gone = await sensorData(fullRecord(14, 0x04, 'Exhaust Temp', 0x01, 1, 1), undefined);
    expect(prometheusText([fan, volt, psu, off, gone])).toBe(
      [
        '# HELP ipmi_sensor_value Sensor reading, converted to the unit in the unit label.',
        '# TYPE ipmi_sensor_value gauge',
        'ipmi_sensor_value{id="7",name="FAN4",type="Fan",unit="RPM"} 480',
        'ipmi_sensor_value{id="9",name="12V",type="Voltage",unit="Volts"} 12.12',
        '# HELP ipmi_sensor_state Sensor health: 0 nominal, 1 warning, 2 critical, 3 unknown (no reading).',
        '# TYPE ipmi_sensor_state gauge',
        'ipmi_sensor_state{id="7",name="FAN4",type="Fan"} 2',
        'ipmi_sensor_state{id="9",name="12V",type="Voltage"} 0',
        'ipmi_sensor_state{id="12",name="PS2 Status",type="Power Supply"} 2',
        'ipmi_sensor_state{id="14",name="Exhaust Temp",type="Temperature"} 3',
        '# HELP ipmi_sensor_threshold Sensor threshold reported by the BMC, in the unit of the reading.',
        '# TYPE ipmi_sensor_threshold gauge',
        'ipmi_sensor_threshold{id="7",name="FAN4",type="Fan",unit="RPM",threshold="lnr"} 300',
        'ipmi_sensor_threshold{id="7",name="FAN4",type="Fan",unit="RPM",threshold="lcr"} 600',
        'ipmi_sensor_threshold{id="7",name="FAN4",type="Fan",unit="RPM",threshold="lnc"} 1200',
        '',
      ].join('\n'),
    );
  });

  it('escapes backslash, double quote and newline in label values', async () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const odd = await sensorData(fullRecord(3, 0x01, 'T"1\\x', 0x01, 1, 1), { cc: 0, data: [40, 0xc0, 0, 0] });
    odd.thresholds = null;
    expect(prometheusText([odd])).toContain('ipmi_sensor_value{id="3",name="T\\"1\\\\x",type="Temperature",unit="degrees C"} 40\n');
  });

  it('sample values: no binary noise, Go spellings of NaN and infinities', () => {
    expect(sampleValue((6 * 202) / 100)).toBe('12.12');
    expect(sampleValue(-3.5)).toBe('-3.5');
    expect(sampleValue(NaN)).toBe('NaN');
    expect(sampleValue(Infinity)).toBe('+Inf');
    expect(sampleValue(-Infinity)).toBe('-Inf');
  });

  it('nothing to export: empty output (a valid, empty exposition)', () => {
    expect(prometheusText([])).toBe('');
  });
});
