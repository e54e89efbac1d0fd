/**
 * How bad an asserted discrete state is, for `sensor check`, --json `state` and Prometheus
 * (an ipmits addition: ipmitool calls every readable discrete sensor "ok"). Generic states
 * follow their definitions in IPMI v2.0 §42.1 Table 42-2 (severity 07h, redundancy 0Bh,
 * predictive failure 04h, limit 05h, performance 06h); sensor-specific states (Table 42-3)
 * are rated where the state names a failure or a degradation. States not listed are nominal.
 */

/** 0 nominal, 1 warning, 2 critical. */
export type SeverityCode = 0 | 1 | 2;

/** [event/reading type, offset, severity] for generic types. */
const GENERIC: readonly (readonly [number, number, SeverityCode])[] = [
  [0x04, 0x01, 1], // Predictive Failure Asserted
  [0x05, 0x01, 1], // Limit Exceeded
  [0x06, 0x01, 1], // Performance Lags
  [0x07, 0x01, 1], // Transition to Non-critical from OK
  [0x07, 0x02, 2], // Transition to Critical from less severe
  [0x07, 0x03, 2], // Transition to Non-recoverable from less severe
  [0x07, 0x04, 1], // Transition to Non-critical from more severe
  [0x07, 0x05, 2], // Transition to Critical from Non-recoverable
  [0x07, 0x06, 2], // Transition to Non-recoverable
  [0x0a, 0x06, 1], // Transition to Degraded
  [0x0a, 0x08, 2], // Install Error
  [0x0b, 0x01, 2], // Redundancy Lost
  [0x0b, 0x02, 1], // Redundancy Degraded
  [0x0b, 0x03, 1], // Non-Redundant: Sufficient from Redundant
  [0x0b, 0x04, 1], // Non-Redundant: Sufficient from Insufficient
  [0x0b, 0x05, 2], // Non-Redundant: Insufficient Resources
  [0x0b, 0x06, 1], // Redundancy Degraded from Fully Redundant
  [0x0b, 0x07, 1], // Redundancy Degraded from Non-Redundant
];

/** [sensor type, offset, severity] for sensor-specific states (event/reading type 6Fh). */
const SPECIFIC: readonly (readonly [number, number, SeverityCode])[] = [
  // Physical Security: intrusion and LAN unplugged
  [0x05, 0x00, 1], [0x05, 0x01, 1], [0x05, 0x02, 1], [0x05, 0x03, 1], [0x05, 0x04, 1], [0x05, 0x05, 1], [0x05, 0x06, 1],
  // Processor: IERR, thermal trip, FRB1-3, configuration error, uncorrectable error; throttled, machine check
  [0x07, 0x00, 2], [0x07, 0x01, 2], [0x07, 0x02, 2], [0x07, 0x03, 2], [0x07, 0x04, 2], [0x07, 0x05, 2], [0x07, 0x06, 2],
  [0x07, 0x08, 1], [0x07, 0x0a, 1], [0x07, 0x0b, 2], [0x07, 0x0c, 1],
  // Power Supply: failure, predictive failure, AC lost, AC lost or out of range, out of range, configuration error
  [0x08, 0x01, 2], [0x08, 0x02, 1], [0x08, 0x03, 2], [0x08, 0x04, 2], [0x08, 0x05, 1], [0x08, 0x06, 1],
  // Power Unit: 240VA down, interlock, AC lost, soft-power failure, failure, predictive failure
  [0x09, 0x02, 2], [0x09, 0x03, 2], [0x09, 0x04, 2], [0x09, 0x05, 2], [0x09, 0x06, 2], [0x09, 0x07, 1],
  // Memory: correctable ECC, uncorrectable ECC, parity, scrub failed, disabled, logging limit, configuration error, throttled, critical overtemperature
  [0x0c, 0x00, 1], [0x0c, 0x01, 2], [0x0c, 0x02, 2], [0x0c, 0x03, 1], [0x0c, 0x04, 1], [0x0c, 0x05, 1], [0x0c, 0x07, 2],
  [0x0c, 0x09, 1], [0x0c, 0x0a, 2],
  // Drive Slot: fault, predictive failure, in critical array, in failed array, rebuild aborted
  [0x0d, 0x01, 2], [0x0d, 0x02, 1], [0x0d, 0x05, 2], [0x0d, 0x06, 2], [0x0d, 0x08, 1],
  // System Firmware Progress: error, hang
  [0x0f, 0x00, 2], [0x0f, 0x01, 2],
  // Critical Interrupt: bus errors and NMIs
  [0x13, 0x04, 2], [0x13, 0x05, 2], [0x13, 0x07, 2], [0x13, 0x08, 2], [0x13, 0x0a, 2], [0x13, 0x0b, 2],
  // Cable/Interconnect: incorrectly connected
  [0x1b, 0x01, 1],
  // Boot Error
  [0x1e, 0x00, 1], [0x1e, 0x01, 1], [0x1e, 0x02, 1], [0x1e, 0x03, 1], [0x1e, 0x04, 1],
  // OS Critical Stop
  [0x20, 0x00, 2], [0x20, 0x01, 2], [0x20, 0x02, 2], [0x20, 0x03, 2], [0x20, 0x04, 2],
  // Slot/Connector: fault
  [0x21, 0x00, 2],
  // Management Subsystem Health: sensor access degraded/unavailable, controller unavailable, offline, FRU failure
  [0x28, 0x00, 1], [0x28, 0x01, 2], [0x28, 0x02, 2], [0x28, 0x03, 2], [0x28, 0x05, 2],
  // Battery: low, failed
  [0x29, 0x00, 1], [0x29, 0x01, 2],
];

const key = (a: number, b: number): number => (a << 8) | b;
const genericMap = new Map(GENERIC.map(([t, o, s]) => [key(t, o), s]));
const specificMap = new Map(SPECIFIC.map(([t, o, s]) => [key(t, o), s]));

/** Severity of one asserted state offset. */
export function stateSeverity(sensorType: number, eventType: number, offset: number): SeverityCode {
  if (eventType === 0x6f) return specificMap.get(key(sensorType, offset)) ?? 0;
  return genericMap.get(key(eventType, offset)) ?? 0;
}

/** The worst severity among the asserted states (bits 0-7 of state1, 8-14 of state2). */
export function discreteSeverity(sensorType: number, eventType: number, state1: number, state2: number): SeverityCode {
  let worst: SeverityCode = 0;
  for (let bit = 0; bit < 15; bit++) {
    const on = bit < 8 ? (state1 >> bit) & 1 : (state2 >> (bit - 8)) & 1;
    if (!on) continue;
    const s = stateSeverity(sensorType, eventType, bit);
    if (s > worst) worst = s;
  }
  return worst;
}
