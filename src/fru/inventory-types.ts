/** The shapes of a parsed FRU inventory (Platform Management FRU Information Storage Definition v1.0 §8-§18): parsed by parse.ts. */

import type { MultiRecordData } from './multirecord.js';
import type { FieldEncoding } from './encoding.js';

export interface FruField {
  encoding: FieldEncoding;
  /** Offset of the type/length byte in the FRU image. */
  offset: number;
  /** The data bytes. */
  raw: Buffer;
  /** The value by the specification (§13). */
  value: string;
  /** What ipmitool 1.8.19 prints for it (undefined: nothing). */
  text: string | undefined;
}

export interface AreaBase {
  /** Byte offset in the image. */
  offset: number;
  /** Area length in bytes (the length byte times 8). */
  length: number;
  /** Format version (low nibble of byte 0; 1 for this specification). */
  version: number;
  /** undefined when the area could not be read whole. */
  checksumOk: boolean | undefined;
  /** Custom ("extra") fields after the fixed ones. */
  custom: FruField[];
}

export interface ChassisArea extends AreaBase {
  /** §10 Table 10-1 byte 2 (SMBIOS enclosure type). */
  type: number;
  partNumber?: FruField;
  serialNumber?: FruField;
}

export interface BoardArea extends AreaBase {
  language: number;
  /** §11 Table 11-1: minutes since 1996-01-01 00:00 UTC; 0 = unspecified. */
  mfgDateMinutes: number;
  manufacturer?: FruField;
  productName?: FruField;
  serialNumber?: FruField;
  partNumber?: FruField;
  fruFileId?: FruField;
}

export interface ProductArea extends AreaBase {
  language: number;
  manufacturer?: FruField;
  productName?: FruField;
  partNumber?: FruField;
  productVersion?: FruField;
  serialNumber?: FruField;
  assetTag?: FruField;
  fruFileId?: FruField;
}

export interface InternalUseArea {
  offset: number;
  version: number;
  /** Bytes after the version byte, up to the next area (or the end of the image). */
  data: Buffer;
}

export interface MultiRecord {
  offset: number;
  /** §16.1 Table 16-1 byte 0. */
  type: number;
  /** Byte 1 bits 3:0 (2h for this specification). */
  formatVersion: number;
  endOfList: boolean;
  length: number;
  headerChecksumOk: boolean;
  /** undefined when the data runs past the image. */
  dataChecksumOk: boolean | undefined;
  data: Buffer;
  decoded?: MultiRecordData;
}

export interface CommonHeader {
  /** Byte 0 bits 3:0 (01h). */
  version: number;
  /** Area offsets in bytes (the header stores multiples of 8; 0 = absent). */
  internalUse: number;
  chassis: number;
  board: number;
  product: number;
  multiRecord: number;
  checksumOk: boolean;
}

export interface FruInventory {
  size: number;
  /** undefined when the image is shorter than the header. */
  header?: CommonHeader;
  internalUse?: InternalUseArea;
  chassis?: ChassisArea;
  board?: BoardArea;
  product?: ProductArea;
  multiRecords: MultiRecord[];
  /** One sentence per defect, in image order. */
  problems: string[];
}
