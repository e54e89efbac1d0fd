/**
 * Event messages that `event` builds (Platform Event Message, IPMI v2.0 §29.3 Table 29-5):
 * ipmitool's three sample events and the events it derives from a sensor's SDR and a state
 * name. Pure: thresholds and hysteresis are handed in.
 */
import { findOffset } from '../spec/sensor-events.js';
import type { EventMessage } from './record.js';

/** Generator ID of events ipmits sends: software ID 20h (system management software), bit 0 set (§5.5, Figure 29-2). */
export const SMS_GENERATOR = 0x41;
export const EVM_REVISION = 0x04;

export interface SampleEvent {
  /** ipmitool's "Sending SAMPLE event: ..." text. */
  title: string;
  event: EventMessage;
}

const sample = (title: string, sensorType: number, sensorNumber: number, eventType: number, data1: number): SampleEvent => ({
  title,
  event: { generatorId: SMS_GENERATOR, evmRevision: EVM_REVISION, sensorType, sensorNumber, eventType, deassertion: false, eventData: [data1, 0xff, 0xff] },
});

/** `event 1|2|3`. Offsets from Table 42-2 (threshold) and Table 42-3 (memory). */
export const SAMPLE_EVENTS: Readonly<Record<string, SampleEvent>> = {
  '1': sample('Temperature - Upper Critical - Going High', 0x01, 0x30, 0x01, 0x09),
  '2': sample('Voltage Threshold - Lower Critical - Going Low', 0x02, 0x60, 0x01, 0x02),
  '3': sample('Memory - Correctable ECC', 0x0c, 0x53, 0x6f, 0x00),
};

/** Threshold names in ipmitool's `event <sensor> list` order, with their texts. */
export const THRESHOLD_STATES: readonly (readonly [string, string])[] = [
  ['lnr', 'Lower Non-Recoverable '],
  ['lcr', 'Lower Critical'],
  ['lnc', 'Lower Non-Critical'],
  ['unc', 'Upper Non-Critical'],
  ['ucr', 'Upper Critical'],
  ['unr', 'Upper Non-Recoverable'],
];

/** Table 42-2 offsets of the "going low" events; "going high" is one more. */
const LOW_OFFSET: Readonly<Record<string, number>> = { lnc: 0, lcr: 2, lnr: 4, unc: 6, ucr: 8, unr: 10 };

export const isThresholdState = (s: string): boolean => Object.hasOwn(LOW_OFFSET, s);

/**
 * A threshold event for state `state` (lnc ... unr): event data 1 is the offset (upper
 * thresholds go high when asserted, low when deasserted; lower ones the other way) with
 * "trigger reading in byte 2, threshold in byte 3" (50h, Table 29-6); byte 3 is the threshold
 * (`thresholds` in lnc, lcr, lnr, unc, ucr, unr order); byte 2 a reading one hysteresis step
 * past it (ipmitool's rule, at least 1, clamped to 0-255).
 */
export function thresholdEventData(
  state: string,
  deassertion: boolean,
  thresholds: readonly number[],
  hysteresis?: { positive: number; negative: number },
): [number, number, number] {
  const upper = state.startsWith('u');
  const goingHigh = deassertion ? !upper : upper;
  const offset = LOW_OFFSET[state]! + (upper !== deassertion ? 1 : 0);
  const threshold = thresholds[offset >> 1] ?? 0;
  let step = hysteresis ? (goingHigh ? hysteresis.positive : hysteresis.negative) : 1;
  if (step <= 0) step = 1;
  const trigger = goingHigh ? Math.min(0xff, threshold + step) : Math.max(0, threshold - step);
  return [0x50 | offset, trigger, threshold];
}

/** ipmitool's shortcuts for "digital" discrete sensors (event/reading types 03h-06h, 08h, 09h): offset 1 / offset 0. */
export const DIGITAL_SHORTCUTS: readonly (readonly [string, string])[] = [
  ['present', 'absent'],
  ['assert', 'deassert'],
  ['limit', 'nolimit'],
  ['fail', 'nofail'],
  ['yes', 'no'],
  ['on', 'off'],
  ['up', 'down'],
];

export const DIGITAL_TYPES: readonly number[] = [0x03, 0x04, 0x05, 0x06, 0x08, 0x09];

/** The offset a state name selects for a discrete sensor; undefined when nothing matches. */
export function discreteOffset(sensorType: number, eventType: number, state: string): number | undefined {
  if (DIGITAL_TYPES.includes(eventType)) {
    const lower = state.toLowerCase();
    for (const [on, off] of DIGITAL_SHORTCUTS) {
      if (lower === on) return 1;
      if (lower === off) return 0;
    }
  }
  // ipmitool's ipmi_event_find_offset answers 0 without looking for sensor or event type 0.
  if (sensorType === 0 || eventType === 0) return 0;
  return findOffset(sensorType, eventType, state);
}
