/**
 * The shapes of decoded SDR records (IPMI v2.0 §43): the header, the sensor records (full,
 * compact, event-only), the locators, entity association, OEM. Decoded by records.ts.
 */

export interface SdrHeader {
  recordId: number;
  /** SDR version, BCD: 51h (1.5), 01h (1.0), 02h (2.0). */
  version: number;
  type: number;
  /** Body length (bytes after the header). */
  length: number;
}

export interface RecordBase extends SdrHeader {
  /** Header + body exactly as read (what `sdr dump` writes). */
  bytes: Buffer;
}

export interface EntityRef {
  /** Entity ID code (§43.14 Table 43-13). */
  id: number;
  /** Instance, 7 bits. */
  instance: number;
  /** Bit 7 of the instance byte: logical container entity. */
  logical: boolean;
}

/** Fields common to full, compact and event-only records (sensor owner, number, entity). */
export interface SensorKeys {
  /** Sensor owner ID (slave address or software ID, bit 0 = software). */
  ownerId: number;
  ownerLun: number;
  channel: number;
  sensorNumber: number;
  entity: EntityRef;
  sensorType: number;
  /** Event/Reading type code (§42.1): 01h threshold, 02h-0Ch generic, 6Fh sensor-specific. */
  eventType: number;
  /** ID string type/length byte (§43.15). */
  idCode: number;
  /** ipmitool's sensor name: (idCode & 1Fh) bytes, at most 16, up to the first NUL. */
  name: string;
  /** The ID string field as stored (up to 16 bytes, zero padded): ipmitool compares names against it. */
  idField: Buffer;
  oem: number;
}

/** Linear/non-linear conversion factors (full record bytes 24-30, Table 43-1). */
export interface Factors {
  /** 0 unsigned, 1 one's complement, 2 two's complement, 3 no analog reading. */
  analogFormat: number;
  /** 00h-0Bh linear..cube root, 70h-7Fh non-linear (Get Sensor Reading Factors). */
  linearization: number;
  /** 10-bit two's complement. */
  m: number;
  /** 6 bits, in +/- half raw counts. */
  tolerance: number;
  /** 10-bit two's complement. */
  b: number;
  /** 10 bits, in 0.01 % units scaled by accuracyExp. */
  accuracy: number;
  accuracyExp: number;
  /** 4-bit two's complement exponents. */
  rExp: number;
  bExp: number;
}

/** Full and compact records: a sensor the BMC can read (§43.1, §43.2). */
export interface SensorRecordBase extends RecordBase, SensorKeys {
  /** Sensor initialization byte (Table 43-1 byte 11). */
  init: number;
  /** Sensor capabilities byte (byte 12): 7 ignore, 6 auto re-arm, 5:4 hysteresis, 3:2 threshold access, 1:0 event message control. */
  capabilities: number;
  /** Bytes 15-16: assertion event mask / lower threshold reading mask. */
  assertionMask: number;
  /** Bytes 17-18: deassertion event mask / upper threshold reading mask. */
  deassertionMask: number;
  /** Bytes 19-20: discrete reading mask / settable (high byte) and readable (low byte) thresholds. */
  readingMask: number;
  /** Byte 21: analog format (7:6), rate unit (5:3), modifier relation (2:1), percentage (0). */
  units1: number;
  baseUnit: number;
  modifierUnit: number;
  positiveHysteresis: number;
  negativeHysteresis: number;
}

export interface FullSensorRecord extends SensorRecordBase {
  kind: 'full';
  factors: Factors;
  /** Byte 31: nominal (bit 0), normal max (1), normal min (2) specified. */
  analogFlags: number;
  nominal: number;
  normalMax: number;
  normalMin: number;
  sensorMax: number;
  sensorMin: number;
  /** Raw threshold values from the record. */
  thresholds: { unr: number; ucr: number; unc: number; lnr: number; lcr: number; lnc: number };
}

export interface CompactSensorRecord extends SensorRecordBase {
  kind: 'compact';
  /** Record sharing count and options (bytes 24-25). */
  share: number;
}

export type SensorRecord = FullSensorRecord | CompactSensorRecord;

export interface EventOnlyRecord extends RecordBase, SensorKeys {
  kind: 'eventonly';
  share: number;
}

export interface LocatorBase extends RecordBase {
  entity: EntityRef;
  oem: number;
  idCode: number;
  idField: Buffer;
  /** ipmitool's locator name ("%.*s" of (idCode & 1Fh) + 1 bytes, at most 16; empty when idCode is 0). */
  name: string;
}

/** Generic device locator (§43.7 Table 43-6). */
export interface GenericLocatorRecord extends LocatorBase {
  kind: 'generic';
  accessAddress: number;
  slaveAddress: number;
  channel: number;
  lun: number;
  bus: number;
  /** ipmitool reads bits 7:5 of byte 9. */
  addressSpan: number;
  deviceType: number;
  deviceTypeModifier: number;
}

/** FRU device locator (§43.8 Table 43-7). */
export interface FruLocatorRecord extends LocatorBase {
  kind: 'fru';
  /** Device access address (the controller that holds the FRU). */
  accessAddress: number;
  /** FRU device ID (logical) or slave address (physical). */
  fruDeviceId: number;
  logical: boolean;
  lun: number;
  bus: number;
  channel: number;
  deviceType: number;
  deviceTypeModifier: number;
}

/** Management controller device locator (§43.9 Table 43-8). */
export interface McLocatorRecord extends LocatorBase {
  kind: 'mc';
  slaveAddress: number;
  channel: number;
  /** Byte 8 bits 7:5 as ipmitool reads them (bit 5: static controller). */
  powerStateNotification: number;
  /** Byte 8 bits 3:0. */
  globalInit: number;
  /** Device capabilities (byte 9). */
  capabilities: number;
}

/** Entity association (§43.4, type 08h) and device-relative entity association (§43.5, 09h). */
export interface EntityAssociationRecord extends RecordBase {
  kind: 'entity';
  entity: EntityRef;
  flags: number;
  /** Contained entities (or ranges) as [id, instance] pairs. */
  contained: [number, number][];
}

/** OEM record (§43.12): IANA manufacturer ID and data. */
export interface OemRecord extends RecordBase {
  kind: 'oem';
  manufacturerId: number;
  data: Buffer;
}

export interface UnknownRecord extends RecordBase {
  kind: 'unknown';
}

export type SdrRecord =
  | FullSensorRecord
  | CompactSensorRecord
  | EventOnlyRecord
  | GenericLocatorRecord
  | FruLocatorRecord
  | McLocatorRecord
  | EntityAssociationRecord
  | OemRecord
  | UnknownRecord;
