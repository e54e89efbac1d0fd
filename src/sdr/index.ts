/**
 * The SDR domain for every command that needs sensors (sdr, sensor, sel, fru, dcmi):
 *
 *   const sdr = new SdrSource(deps);                  // source.ts: -S file, cache or BMC, loaded once
 *   const records = await sdr.load();
 *   const rec = findSensor(records, { ownerId, sensorNumber, sensorType });   // lookup.ts (sel elist)
 *   const frus = fruLocators(records);                // fru print
 *   const data = await readSensors(sdr, [rec], { thresholds: true, events: true });   // readings.ts
 *
 * A verb gets its invocation's SdrSource from src/commands/shared/sdr.ts (built from the Context).
 */
export * from './records.js';
export { convertHysteresis, convertReading, convertTolerance, valueToRaw } from './convert.js';
export { thresholdState, type SensorReading, type ThresholdState } from './reading.js';
export type { SensorThresholds } from '../ipmi/cmds/sensor/get-sensor-thresholds.js';
export { findByName, findSensor, fruLocators, sensorRecords, type SensorKey } from './lookup.js';
export { readSensors, unansweredReadings, type ReadWhat, type SensorData } from './readings.js';
export { DEFAULT_WINDOW, SdrSource, type LoadOptions, type SdrCacheLocation, type SdrDeps } from './source.js';
