import { describe, expect, it } from 'vitest';
import type { SensorData } from '../sdr/index.js';
import { firmwareRevision, sensorMetrics, systemFirmwareVersion } from './collectors.js';
import { family, formatValue, render } from './exposition.js';
import { downFamilies } from './scrape.js';

const reading = (value: number | undefined, state1 = 0, valid = true) => ({
  answered: true,
  valid,
  unavailable: !valid,
  scanningDisabled: false,
  raw: 0,
  state1,
  state2: 0,
  analog: value !== undefined,
  ...(value !== undefined ? { value } : {}),
  units: '',
});

/** A full threshold record (event type 01h) or a compact discrete one, with what sensorMetrics reads. */
function sensor(
  id: number,
  name: string,
  type: number,
  base: number,
  value: number | undefined,
  opts: { units1?: number; state1?: number; discrete?: boolean } = {},
): SensorData {
  const record = {
    kind: opts.discrete ? 'compact' : 'full',
    recordId: id,
    name,
    sensorType: type,
    eventType: opts.discrete ? 0x6f : 0x01,
    units1: opts.units1 ?? 0,
    baseUnit: base,
    modifierUnit: 0,
    ownerId: 0x20,
    ownerLun: 0,
    channel: 0,
    sensorNumber: id,
  };
  return { record, reading: reading(value, opts.state1 ?? 0, value !== undefined || opts.discrete === true) } as unknown as SensorData;
}

describe('exposition text', () => {
  it('sorts families by name and samples by label values, escapes labels, merges same-named families', () => {
    const a = family('b_metric', 'Second.');
    a.add({ id: '10', name: 'x"y\\z\nw' }, 1.5);
    a.add({ id: '1', name: 'a' }, NaN);
    const b = family('a_metric', 'First \\ help\nline.', 'counter');
    b.add({}, Infinity);
    const c = family('b_metric', 'ignored duplicate help');
    c.add({ id: '2', name: 'b' }, -Infinity);
    const empty = family('c_empty', 'no samples');
    expect(render([a, b, c, empty])).toBe(
      [
        '# HELP a_metric First \\\\ help\\nline.',
        '# TYPE a_metric counter',
        'a_metric +Inf',
        '# HELP b_metric Second.',
        '# TYPE b_metric gauge',
        'b_metric{id="1",name="a"} NaN',
        'b_metric{id="10",name="x\\"y\\\\z\\nw"} 1.5',
        'b_metric{id="2",name="b"} -Inf',
        '',
      ].join('\n'),
    );
  });

  it('prints readings without binary noise', () => {
    expect(formatValue(12.120000000000001)).toBe('12.12');
    expect(formatValue(3.3000000000000003)).toBe('3.3');
    expect(formatValue(0.206486985)).toBe('0.206486985');
    expect(formatValue(1e21)).toBe('1e+21');
    expect(formatValue(-0.5)).toBe('-0.5');
  });
});

describe('ipmi collector metrics (ipmi_exporter 1.6.1 names)', () => {
  it('maps units to the typed families, percent fans to a ratio, the rest to generic metrics with a type label', () => {
    const text = render(
      sensorMetrics(
        [
          sensor(3, 'CPU1 Temp', 0x01, 1, 45),
          sensor(4, 'CPU2 Temp', 0x01, 1, 88, { state1: 0x08 }), // at or above upper non-critical
          sensor(7, 'PCH Temp', 0x01, 1, undefined), // no reading
          sensor(11, 'FAN4', 0x04, 18, 480, { state1: 0x03 }), // below lower critical
          sensor(58, 'Fan 1 DutyCycle', 0x04, 0, 21.95, { units1: 0x01 }),
          sensor(12, '12V', 0x02, 4, 12.120000000000001),
          sensor(17, 'PSU1 Current', 0x03, 5, 2.6),
          sensor(16, 'PSU1 Power', 0x08, 6, 320),
          sensor(30, 'Airflow', 0x0b, 0x11, 80), // CFM: no typed family
          sensor(19, 'PS2 Status', 0x08, 0, undefined, { discrete: true, state1: 0x03 }),
          sensor(99, 'Excluded', 0x01, 1, 20),
        ],
        new Set([99]),
      ),
    );
    expect(text).toBe(`# HELP ipmi_current_amperes Current reading in Amperes.
# TYPE ipmi_current_amperes gauge
ipmi_current_amperes{id="17",name="PSU1 Current"} 2.6
# HELP ipmi_current_state Reported state of a current sensor (0=nominal, 1=warning, 2=critical).
# TYPE ipmi_current_state gauge
ipmi_current_state{id="17",name="PSU1 Current"} 0
# HELP ipmi_fan_speed_ratio Fan speed as a proportion of the maximum speed.
# TYPE ipmi_fan_speed_ratio gauge
ipmi_fan_speed_ratio{id="58",name="Fan 1 DutyCycle"} 0.2195
# HELP ipmi_fan_speed_rpm Fan speed in rotations per minute.
# TYPE ipmi_fan_speed_rpm gauge
ipmi_fan_speed_rpm{id="11",name="FAN4"} 480
# HELP ipmi_fan_speed_state Reported state of a fan speed sensor (0=nominal, 1=warning, 2=critical).
# TYPE ipmi_fan_speed_state gauge
ipmi_fan_speed_state{id="11",name="FAN4"} 2
ipmi_fan_speed_state{id="58",name="Fan 1 DutyCycle"} 0
# HELP ipmi_power_state Reported state of a power sensor (0=nominal, 1=warning, 2=critical).
# TYPE ipmi_power_state gauge
ipmi_power_state{id="16",name="PSU1 Power"} 0
# HELP ipmi_power_watts Power reading in Watts.
# TYPE ipmi_power_watts gauge
ipmi_power_watts{id="16",name="PSU1 Power"} 320
# HELP ipmi_sensor_state Indicates the severity of the state reported by an IPMI sensor (0=nominal, 1=warning, 2=critical).
# TYPE ipmi_sensor_state gauge
ipmi_sensor_state{id="19",name="PS2 Status",type="Power Supply"} 2
ipmi_sensor_state{id="30",name="Airflow",type="Other Units Based Sensor"} 0
# HELP ipmi_sensor_value Generic data read from an IPMI sensor of unknown type, relying on labels for context.
# TYPE ipmi_sensor_value gauge
ipmi_sensor_value{id="19",name="PS2 Status",type="Power Supply"} NaN
ipmi_sensor_value{id="30",name="Airflow",type="Other Units Based Sensor"} 80
# HELP ipmi_temperature_celsius Temperature reading in degree Celsius.
# TYPE ipmi_temperature_celsius gauge
ipmi_temperature_celsius{id="3",name="CPU1 Temp"} 45
ipmi_temperature_celsius{id="4",name="CPU2 Temp"} 88
ipmi_temperature_celsius{id="7",name="PCH Temp"} NaN
# HELP ipmi_temperature_state Reported state of a temperature sensor (0=nominal, 1=warning, 2=critical).
# TYPE ipmi_temperature_state gauge
ipmi_temperature_state{id="3",name="CPU1 Temp"} 0
ipmi_temperature_state{id="4",name="CPU2 Temp"} 1
ipmi_temperature_state{id="7",name="PCH Temp"} NaN
# HELP ipmi_voltage_state Reported state of a voltage sensor (0=nominal, 1=warning, 2=critical).
# TYPE ipmi_voltage_state gauge
ipmi_voltage_state{id="12",name="12V"} 0
# HELP ipmi_voltage_volts Voltage reading in Volts.
# TYPE ipmi_voltage_volts gauge
ipmi_voltage_volts{id="12",name="12V"} 12.12
`);
  });

  it('reports a target it could not scrape as every collector down', () => {
    expect(render(downFamilies(['bmc', 'ipmi'], 2.25))).toBe(`# HELP ipmi_scrape_duration_seconds Returns how long the scrape took to complete in seconds.
# TYPE ipmi_scrape_duration_seconds gauge
ipmi_scrape_duration_seconds 2.25
# HELP ipmi_up '1' if a scrape of the IPMI device was successful, '0' otherwise.
# TYPE ipmi_up gauge
ipmi_up{collector="bmc"} 0
ipmi_up{collector="ipmi"} 0
`);
  });

  it("formats bmc-info's firmware revision and the system firmware version parameter", () => {
    expect(firmwareRevision(2, 0x45)).toBe('2.45');
    expect(firmwareRevision(1, 0x06)).toBe('1.06');
    expect(systemFirmwareVersion(Buffer.from([0, 0, 5, 0x32, 0x2e, 0x36, 0x2e, 0x31, 0, 0]))).toBe('2.6.1');
    expect(systemFirmwareVersion(Buffer.from([0, 0, 0]))).toBe('N/A');
    expect(systemFirmwareVersion(undefined)).toBe('N/A');
  });
});
