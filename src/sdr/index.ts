/**
 * The SDR domain for every command that needs sensors (sdr, sensor, sel, fru, dcmi):
 *
 *   const sdr = new SdrSource(deps);                  // source.ts: -S file, cache or BMC, loaded once
 *   const records = await sdr.load();
 *   const rec = findSensor(records, { ownerId, sensorNumber, sensorType });   // lookup.ts (sel elist)
 *   const data = await readSensors(sdr, [rec], { thresholds: true, events: true });   // readings.ts
 *
 * A verb gets its invocation's SdrSource from src/commands/shared/sdr.ts (built from the Context).
 */
export * from './records.js';
export { convertHysteresis, convertReading, convertTolerance, valueToRaw } from './convert.js';
export { thresholdState, type SensorReading, type ThresholdState } from './reading.js';
export { findByName, findSensor, sensorRecords } from './lookup.js';
export { readSensors, unansweredReadings, type SensorData } from './readings.js';
export { SdrSource } from './source.js';
