import { describe, expect, it } from 'vitest';
import {
  GENERIC_EVENTS,
  OEM,
  SENSOR_SPECIFIC_EVENTS,
  assertedStates,
  eventDescription,
  eventTypeName,
  findOffset,
  sensorTypeName,
  stateNames,
} from './sensor-events.js';

describe('sensor type names (IPMI v2.0 Table 42-3, ipmitool wording)', () => {
  it('standard codes 00h-2Ch', () => {
    expect(sensorTypeName(0x01)).toBe('Temperature');
    expect(sensorTypeName(0x0d)).toBe('Drive Slot / Bay');
    expect(sensorTypeName(0x0f)).toBe('System Firmwares');
    expect(sensorTypeName(0x23)).toBe('Watchdog2');
    expect(sensorTypeName(0x2c)).toBe('FRU State');
  });

  it('reserved and OEM codes are "Unknown" unless the BMC is known', () => {
    expect(sensorTypeName(0x2d)).toBe('Unknown');
    expect(sensorTypeName(0xc0)).toBe('Unknown');
    expect(sensorTypeName(0xc0, { manufacturerId: OEM.kontron })).toBe('Firmware Info');
    // Kontron lists C2h twice; the first name wins.
    expect(sensorTypeName(0xc2, { manufacturerId: OEM.kontron })).toBe('Init Agent');
    expect(sensorTypeName(0xf0, { picmg: true })).toBe('FRU Hot Swap');
    expect(sensorTypeName(0xf0, { vita: true })).toBe('FRU State');
    expect(sensorTypeName(0xf4, { manufacturerId: OEM.kontron })).toBe('Unknown');
  });
});

describe('event/reading type classes (IPMI v2.0 Table 42-1)', () => {
  it.each([
    [0x00, 'Unspecified'],
    [0x01, 'Threshold'],
    [0x02, 'Generic Discrete'],
    [0x0b, 'Generic Discrete'],
    // ipmitool stops at 0Bh although 0Ch (ACPI power state) is generic too.
    [0x0c, 'Reserved'],
    [0x6f, 'Sensor-specific Discrete'],
    [0x70, 'OEM'],
    [0x7f, 'OEM'],
    [0x80, 'Reserved'],
  ])('%i -> %s', (code, name) => {
    expect(eventTypeName(code)).toBe(name);
  });
});

describe('event texts from SEL event bytes', () => {
  it('threshold offsets (Table 42-2, type 01h): event data 1 [3:0], trailing spaces kept', () => {
    // Temperature, 01h, event data 59h 60h 5Ah: offset 9 = upper critical going high
    expect(eventDescription(0x01, 0x01, 0x59, 0x60)).toBe('Upper Critical going high');
    expect(eventDescription(0x02, 0x01, 0x52, 0xb3)).toBe('Lower Critical going low ');
    expect(eventDescription(0x02, 0x01, 0x0c, 0xff)).toBeUndefined();
    expect(GENERIC_EVENTS[0x01]).toHaveLength(12);
  });

  it('generic discrete (Table 42-2): redundancy 0Bh offset 1', () => {
    expect(eventDescription(0x09, 0x0b, 0x01, 0xff)).toBe('Redundancy Lost');
    expect(eventDescription(0x09, 0x0c, 0x03, 0xff)).toBe('D3 Power State');
  });

  it('sensor-specific (Table 42-3, type 6Fh): by sensor type', () => {
    expect(eventDescription(0x08, 0x6f, 0x01, 0xff)).toBe('Failure detected');
    expect(eventDescription(0x05, 0x6f, 0x00, 0xff)).toBe('General Chassis intrusion');
    expect(eventDescription(0x23, 0x6f, 0xc1, 0x04)).toBe('Hard reset');
    expect(eventDescription(0x0c, 0x6f, 0xa0, 0xff)).toBe('Correctable ECC');
    // 22h has no text for offset 0Dh.
    expect(eventDescription(0x22, 0x6f, 0x0d, 0xff)).toBeUndefined();
    expect(eventDescription(0x22, 0x6f, 0x0e, 0xff)).toBe('Unknown');
  });

  it('texts chosen by event data 2 (Table 42-3 System Firmware Progress, 0Fh) only when data 1 [7:6] is set', () => {
    // C2h 13h: offset 2, byte 2 = sensor-specific extension code 13h
    expect(eventDescription(0x0f, 0x6f, 0xc2, 0x13)).toBe('System boot initiated');
    expect(eventDescription(0x0f, 0x6f, 0x02, 0x13)).toBe('Unknown Progress');
    expect(eventDescription(0x0f, 0x6f, 0xc0, 0x0d)).toBe('CPU speed mismatch failure');
    expect(eventDescription(0x0f, 0x6f, 0xc0, 0x0e)).toBe('Unknown Error');
    expect(eventDescription(0x08, 0x6f, 0x46, 0x03)).toBe('Config Error: Power Supply Rating Mismatch');
    expect(eventDescription(0x08, 0x6f, 0x06, 0x03)).toBe('Config Error');
    // Version Change (2Bh) offset 1 has only qualified texts.
    expect(eventDescription(0x2b, 0x6f, 0xc1, 0x09)).toBe('Firmware or software change detected, BIOS/EFI change');
    expect(eventDescription(0x2b, 0x6f, 0x01, 0x09)).toBeUndefined();
  });

  it('OEM event types 70h-7Eh have no standard text; 7Fh falls through to the (empty) generic table', () => {
    expect(eventDescription(0x01, 0x70, 0x00, 0xff)).toBeUndefined();
    expect(eventDescription(0x01, 0x7f, 0x00, 0xff)).toBeUndefined();
  });

  it('OEM substitutions: Kontron C0h-EFh, VITA first on VITA systems', () => {
    expect(eventDescription(0xc4, 0x6f, 0x05, 0xff)).toBeUndefined();
    expect(eventDescription(0xc4, 0x6f, 0x05, 0xff, { manufacturerId: OEM.kontron })).toBe('Warm Reset');
    expect(eventDescription(0xf0, 0x6f, 0x02, 0xff)).toBe('Transition to M2');
    expect(eventDescription(0xf0, 0x6f, 0x02, 0xff, { vita: true })).toBeUndefined();
    expect(eventDescription(0xf3, 0x6f, 0x01, 0xff, { vita: true })).toBe('At or below Lower Critical');
  });
});

describe('discrete states of a sensor (ipmi_sdr_print_discrete_state_mini)', () => {
  it('state bits 0-7 in byte 1, 8-14 in byte 2; qualified texts are skipped', () => {
    expect(assertedStates(0x08, 0x6f, 0x03, 0x00)).toEqual(['Presence detected', 'Failure detected']);
    expect(assertedStates(0x0f, 0x6f, 0x01, 0x00)).toEqual(['Unknown Error']);
    expect(assertedStates(0x22, 0x6f, 0x00, 0x40)).toEqual(['Unknown']);
    expect(assertedStates(0x01, 0x01, 0x00, 0x00)).toEqual([]);
  });

  it('every state, as `event <sensor> list` prints them', () => {
    expect(stateNames(0x08, 0x6f)).toEqual([
      'Presence detected',
      'Failure detected',
      'Predictive failure',
      'Power Supply AC lost',
      'AC lost or out-of-range',
      'AC out-of-range, but present',
      'Config Error',
      'Power Supply Inactive',
    ]);
    expect(stateNames(0x2b, 0x6f)).not.toContain('Firmware or software change detected');
  });

  it('offsets by name, ignoring case, qualified names included', () => {
    expect(findOffset(0x08, 0x6f, 'failure DETECTED')).toBe(1);
    expect(findOffset(0x08, 0x6f, 'Config Error: Vendor Mismatch')).toBe(6);
    expect(findOffset(0x09, 0x0b, 'redundancy lost')).toBe(1);
    expect(findOffset(0x08, 0x6f, 'on fire')).toBeUndefined();
  });

  it('every sensor-specific table is keyed by a sensor type with a name', () => {
    for (const code of Object.keys(SENSOR_SPECIFIC_EVENTS).map(Number)) {
      expect(sensorTypeName(code, { picmg: true })).not.toBe('Unknown');
    }
  });
});
