/**
 * FRU inventory parser (Platform Management FRU Information Storage Definition v1.0; the
 * shapes it returns are in inventory-types.ts, re-exported here):
 * bytes in, areas out. Pure. A damaged image never throws: what can be read is
 * returned and every defect is listed in `problems` (bad checksums, offsets past the
 * end, lengths that run over, missing end-of-fields markers).
 */
import { decodeMultiRecord } from './multirecord.js';
import { decodeTypeLength, decodeValue, END_OF_FIELDS, ipmitoolString } from './encoding.js';
import type { FruField, AreaBase, ChassisArea, BoardArea, ProductArea, InternalUseArea, MultiRecord, CommonHeader, FruInventory } from './inventory-types.js';
export type { FruField, ChassisArea, BoardArea, ProductArea, MultiRecord, CommonHeader, FruInventory } from './inventory-types.js';

/** §16.2: zero checksum, the byte that makes the sum of all bytes 0 modulo 256. */
export const zeroChecksum = (bytes: Uint8Array): number => (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
const sumsToZero = (bytes: Uint8Array): boolean => (bytes.reduce((a, b) => a + b, 0) & 0xff) === 0;

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

type AreaName = 'chassis' | 'board' | 'product';
const AREA_TITLES: Record<AreaName | 'internalUse' | 'multiRecord', string> = {
  internalUse: 'internal use area',
  chassis: 'chassis info area',
  board: 'board info area',
  product: 'product info area',
  multiRecord: 'multi-record area',
};

/** §8 Table 8-1: the common header (8 bytes). */
export function parseHeader(b: Uint8Array): CommonHeader | undefined {
  if (b.length < 8) return undefined;
  return {
    version: b[0]! & 0x0f,
    internalUse: b[1]! * 8,
    chassis: b[2]! * 8,
    board: b[3]! * 8,
    product: b[4]! * 8,
    multiRecord: b[5]! * 8,
    checksumOk: sumsToZero(b.subarray(0, 8)),
  };
}

class FieldReader {
  pos: number;
  ended = false;
  constructor(
    private readonly image: Buffer,
    start: number,
    private readonly end: number,
    private readonly language: number,
    private readonly title: string,
    private readonly problems: string[],
  ) {
    this.pos = start;
  }

  /** The next fixed field; undefined (and the reader ended) at the area's end. */
  fixed(name: string): FruField | undefined {
    if (this.ended) return undefined;
    if (this.pos >= this.end) {
      this.problems.push(`${this.title}: ends at offset ${this.end} before the ${name} field`);
      this.ended = true;
      return undefined;
    }
    // The fixed fields are defined by position: C1h there is a one-byte 8-bit field
    // (ipmitool and FreeIPMI read it so); C1h ends only the custom fields.
    return this.field(name);
  }

  /** Custom fields up to C1h (§10-§12 "custom fields"). */
  custom(): FruField[] {
    const out: FruField[] = [];
    while (!this.ended) {
      if (this.pos >= this.end) {
        this.problems.push(`${this.title}: no end-of-fields marker (C1h) before the end of the area at offset ${this.end}`);
        break;
      }
      if (this.image[this.pos] === END_OF_FIELDS) break;
      const f = this.field('custom');
      if (f) out.push(f);
    }
    return out;
  }

  private field(name: string): FruField | undefined {
    const offset = this.pos;
    const tl = decodeTypeLength(this.image[offset]!);
    const dataEnd = offset + 1 + tl.length;
    if (dataEnd > this.end) {
      this.problems.push(`${this.title}: the ${name} field at offset ${offset} (${tl.length} bytes) runs past the end of the area at offset ${this.end}`);
      this.ended = true;
      return undefined;
    }
    this.pos = dataEnd;
    const raw = Buffer.from(this.image.subarray(offset + 1, dataEnd));
    return { encoding: tl.encoding, offset, raw, value: decodeValue(tl.encoding, raw, this.language), text: ipmitoolString(tl.encoding, raw) };
  }
}

interface AreaFrame {
  base: AreaBase;
  reader: FieldReader;
}

/** Version, length and checksum of an info area (§10-§12 bytes 0, 1 and the last byte). */
function openArea(image: Buffer, offset: number, name: AreaName, fixedBytes: number, problems: string[]): AreaFrame | undefined {
  const title = `${AREA_TITLES[name]} at offset ${offset}`;
  if (offset + 2 > image.length) {
    problems.push(`${AREA_TITLES[name]}: offset ${offset} is past the end of the ${image.length}-byte FRU`);
    return undefined;
  }
  const version = image[offset]! & 0x0f;
  const length = image[offset + 1]! * 8;
  if (length === 0) {
    problems.push(`${title}: length is 0`);
    return undefined;
  }
  if (version !== 1) problems.push(`${title}: unknown format version ${hex(image[offset]!)}`);
  let end = offset + length;
  let checksumOk: boolean | undefined;
  if (end > image.length) {
    problems.push(`${title}: its ${length} bytes run past the end of the ${image.length}-byte FRU`);
    end = image.length;
  } else {
    checksumOk = sumsToZero(image.subarray(offset, end));
    if (!checksumOk) problems.push(`${title}: checksum is wrong (${hex(image[end - 1]!)}, expected ${hex(zeroChecksum(image.subarray(offset, end - 1)))})`);
  }
  const language = name === 'chassis' ? 0 : (image[offset + 2] ?? 0);
  // The fields end before the checksum byte (when the area is whole).
  const start = offset + fixedBytes;
  const fieldsEnd = Math.max(start, checksumOk === undefined ? end : end - 1);
  const reader = new FieldReader(image, start, fieldsEnd, language, title, problems);
  return { base: { offset, length, version, checksumOk, custom: [] }, reader };
}

type FieldKeys<A> = { [K in keyof A]-?: NonNullable<A[K]> extends FruField ? K : never }[keyof A];

/** The fixed fields of each area, in order, with the names problems use (§10 Table 10-1, §11 Table 11-1, §12 Table 12-1). */
const CHASSIS_FIELDS: readonly [FieldKeys<ChassisArea>, string][] = [
  ['partNumber', 'chassis part number'],
  ['serialNumber', 'chassis serial number'],
];
const BOARD_FIELDS: readonly [FieldKeys<BoardArea>, string][] = [
  ['manufacturer', 'board manufacturer'],
  ['productName', 'board product name'],
  ['serialNumber', 'board serial number'],
  ['partNumber', 'board part number'],
  ['fruFileId', 'FRU file ID'],
];
const PRODUCT_FIELDS: readonly [FieldKeys<ProductArea>, string][] = [
  ['manufacturer', 'product manufacturer'],
  ['productName', 'product name'],
  ['partNumber', 'product part/model number'],
  ['productVersion', 'product version'],
  ['serialNumber', 'product serial number'],
  ['assetTag', 'asset tag'],
  ['fruFileId', 'FRU file ID'],
];

function readFixed<A extends AreaBase>(area: A, r: FieldReader, fields: readonly [FieldKeys<A>, string][]): void {
  for (const [key, name] of fields) {
    const f = r.fixed(name);
    if (f) (area as Record<FieldKeys<A>, FruField>)[key] = f;
  }
  area.custom = r.custom();
}

function parseChassis(image: Buffer, offset: number, problems: string[]): ChassisArea | undefined {
  const a = openArea(image, offset, 'chassis', 3, problems);
  if (!a) return undefined;
  const r = a.reader;
  const area: ChassisArea = { ...a.base, type: image[offset + 2] ?? 0 };
  readFixed(area, r, CHASSIS_FIELDS);
  return area;
}

function parseBoard(image: Buffer, offset: number, problems: string[]): BoardArea | undefined {
  const a = openArea(image, offset, 'board', 6, problems);
  if (!a) return undefined;
  const r = a.reader;
  const d = image.subarray(offset + 3, offset + 6);
  const area: BoardArea = { ...a.base, language: image[offset + 2] ?? 0, mfgDateMinutes: d.length === 3 ? d[0]! | (d[1]! << 8) | (d[2]! << 16) : 0 };
  readFixed(area, r, BOARD_FIELDS);
  return area;
}

function parseProduct(image: Buffer, offset: number, problems: string[]): ProductArea | undefined {
  const a = openArea(image, offset, 'product', 3, problems);
  if (!a) return undefined;
  const r = a.reader;
  const area: ProductArea = { ...a.base, language: image[offset + 2] ?? 0 };
  readFixed(area, r, PRODUCT_FIELDS);
  return area;
}

function set<T, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}

/** More records than this in one chain is a loop or garbage (the area cannot hold more in 64 KiB of 255-byte records). */
export const MAX_RECORDS = 256;

/** §16: the multi-record area, records until one has the end-of-list bit. */
export function parseMultiRecords(image: Buffer, start: number, problems: string[]): MultiRecord[] {
  const out: MultiRecord[] = [];
  let pos = start;
  for (;;) {
    if (out.length === MAX_RECORDS) {
      problems.push(`${AREA_TITLES.multiRecord}: more than ${MAX_RECORDS} records without an end-of-list record; stopped at offset ${pos}`);
      break;
    }
    if (pos + 5 > image.length) {
      problems.push(
        out.length === 0
          ? `${AREA_TITLES.multiRecord}: offset ${pos} is past the end of the ${image.length}-byte FRU`
          : `${AREA_TITLES.multiRecord}: the record header at offset ${pos} runs past the end of the ${image.length}-byte FRU (no end-of-list record)`,
      );
      break;
    }
    const h = image.subarray(pos, pos + 5);
    const length = h[2]!;
    const headerChecksumOk = sumsToZero(h);
    const rec: MultiRecord = {
      offset: pos,
      type: h[0]!,
      formatVersion: h[1]! & 0x0f,
      endOfList: (h[1]! & 0x80) !== 0,
      length,
      headerChecksumOk,
      dataChecksumOk: undefined,
      data: Buffer.alloc(0),
    };
    const title = `multi-record at offset ${pos} (type ${hex(rec.type)})`;
    if (!headerChecksumOk) problems.push(`${title}: header checksum is wrong (${hex(h[4]!)}, expected ${hex(zeroChecksum(h.subarray(0, 4)))})`);
    if (rec.formatVersion !== 2) {
      // Not a record of this specification (often blank space): its length cannot be trusted.
      problems.push(`${title}: unknown record format version ${rec.formatVersion}; the rest of the area is not read`);
      break;
    }
    const dataEnd = pos + 5 + length;
    if (dataEnd > image.length) {
      problems.push(`${title}: its ${length} data bytes run past the end of the ${image.length}-byte FRU`);
      rec.data = Buffer.from(image.subarray(pos + 5));
      out.push(rec);
      break;
    }
    rec.data = Buffer.from(image.subarray(pos + 5, dataEnd));
    rec.dataChecksumOk = ((rec.data.reduce((a, b) => a + b, 0) + h[3]!) & 0xff) === 0;
    if (!rec.dataChecksumOk) problems.push(`${title}: data checksum is wrong (${hex(h[3]!)}, expected ${hex(zeroChecksum(rec.data))})`);
    const decoded = decodeMultiRecord(rec.type, rec.data);
    if (typeof decoded === 'string') problems.push(`${title}: ${decoded}`);
    else if (decoded) rec.decoded = decoded;
    out.push(rec);
    if (rec.endOfList) break;
    pos = dataEnd;
  }
  return out;
}

/** The internal use area runs to the next area that follows it (§9). */
function parseInternalUse(image: Buffer, h: CommonHeader, problems: string[]): InternalUseArea | undefined {
  const offset = h.internalUse;
  if (offset >= image.length) {
    problems.push(`${AREA_TITLES.internalUse}: offset ${offset} is past the end of the ${image.length}-byte FRU`);
    return undefined;
  }
  const next = [h.chassis, h.board, h.product, h.multiRecord].filter((o) => o > offset);
  const end = Math.min(image.length, ...next);
  const version = image[offset]! & 0x0f;
  if (version !== 1) problems.push(`${AREA_TITLES.internalUse} at offset ${offset}: unknown format version ${hex(image[offset]!)}`);
  return { offset, version, data: Buffer.from(image.subarray(offset + 1, end)) };
}

/** Parse a whole FRU image (what `fru read` saves, or what was read from the device). */
export function parseFru(image: Uint8Array): FruInventory {
  const b = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  const inv: FruInventory = { size: b.length, multiRecords: [], problems: [] };
  const h = parseHeader(b);
  if (!h) {
    inv.problems.push(`FRU data is ${b.length} bytes, shorter than the 8-byte common header`);
    return inv;
  }
  inv.header = h;
  if (h.version !== 1) {
    inv.problems.push(`common header: unknown FRU format version ${hex(b[0]!)}`);
    return inv;
  }
  if (!h.checksumOk) inv.problems.push(`common header: checksum is wrong (${hex(b[7]!)}, expected ${hex(zeroChecksum(b.subarray(0, 7)))})`);
  const p = inv.problems;
  if (h.internalUse) set(inv, 'internalUse', parseInternalUse(b, h, p));
  if (h.chassis) set(inv, 'chassis', parseChassis(b, h.chassis, p));
  if (h.board) set(inv, 'board', parseBoard(b, h.board, p));
  if (h.product) set(inv, 'product', parseProduct(b, h.product, p));
  if (h.multiRecord) inv.multiRecords = parseMultiRecords(b, h.multiRecord, p);
  return inv;
}
