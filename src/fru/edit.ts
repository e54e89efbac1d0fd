/**
 * Replacing one field of the chassis, board or product info area (`fru edit <id> field`).
 * Pure: image in, image out. A value of the same length as an 8-bit text field is written
 * in place; otherwise the area is rebuilt (padding and checksum, FRU spec §10-§12, §16.2),
 * and every area after it moves by the change in length, its common header offset with it (§8).
 */
import { encodeField } from './encoding.js';
import { parseFru, zeroChecksum, type BoardArea, type ChassisArea, type FruField, type FruInventory, type ProductArea } from './parse.js';

export type Section = 'c' | 'b' | 'p';

/** Bytes before the first field (§10 Table 10-1, §11 Table 11-1, §12 Table 12-1). */
const FIXED_BYTES: Record<Section, number> = { c: 3, b: 6, p: 3 };

export interface Edit {
  /** The device image after the edit. */
  image: Buffer;
  /** The field's text before (as ipmitool prints it). */
  old: string;
  /** false: written in place (same length). */
  resized: boolean;
  /** The byte range to write. */
  from: number;
  to: number;
}

function fieldsOf(inv: FruInventory, s: Section): { area: ChassisArea | BoardArea | ProductArea | undefined; fields: (FruField | undefined)[] } {
  if (s === 'c') return { area: inv.chassis, fields: [inv.chassis?.partNumber, inv.chassis?.serialNumber, ...(inv.chassis?.custom ?? [])] };
  const b = inv.board;
  if (s === 'b') return { area: b, fields: [b?.manufacturer, b?.productName, b?.serialNumber, b?.partNumber, b?.fruFileId, ...(b?.custom ?? [])] };
  const p = inv.product;
  return {
    area: p,
    fields: [p?.manufacturer, p?.productName, p?.partNumber, p?.productVersion, p?.serialNumber, p?.assetTag, p?.fruFileId, ...(p?.custom ?? [])],
  };
}

/** Where the data in use ends: the last area's end, or the multi-record chain's. */
function usedEnd(inv: FruInventory): number {
  let end = 8;
  for (const a of [inv.chassis, inv.board, inv.product]) if (a) end = Math.max(end, a.offset + a.length);
  if (inv.internalUse) end = Math.max(end, inv.internalUse.offset + 1 + inv.internalUse.data.length);
  const last = inv.multiRecords[inv.multiRecords.length - 1];
  if (last) end = Math.max(end, last.offset + 5 + last.data.length);
  return end;
}

/** The edit, or a sentence saying why it cannot be made. */
export function setField(image: Buffer, section: Section, index: number, value: string): Edit | string {
  const inv = parseFru(image);
  if (inv.header?.version !== 1) return `Unknown FRU header version 0x${(image[0] ?? 0).toString(16).padStart(2, '0')}`;
  const { area, fields } = fieldsOf(inv, section);
  if (!area || area.checksumOk === undefined) return 'Field not found !';
  const field = fields[index];
  if (!field) return 'Field not found !';
  if (!/^[\x00-\xff]*$/.test(value) || Buffer.byteLength(value, 'latin1') > 63) return 'The value must be at most 63 Latin-1 characters';
  const old = field.text ?? '';
  const out = Buffer.from(image);
  if (field.encoding === 'text' && field.raw.length === value.length && old.length === value.length) {
    Buffer.from(value, 'latin1').copy(out, field.offset + 1);
    const end = area.offset + area.length;
    out[end - 1] = zeroChecksum(out.subarray(area.offset, end - 1));
    return { image: out, old, resized: false, from: area.offset, to: end };
  }
  // Rebuild the area: its fixed bytes, every field as it was (the edited one as 8-bit text), C1h, padding, checksum.
  const parts: Buffer[] = [image.subarray(area.offset, area.offset + FIXED_BYTES[section])];
  for (const f of fields) {
    if (!f) break;
    parts.push(f === field ? encodeField('text', value) : image.subarray(f.offset, f.offset + 1 + f.raw.length));
  }
  parts.push(Buffer.from([0xc1]));
  let body = Buffer.concat(parts);
  body = Buffer.concat([body, Buffer.alloc((8 - ((body.length + 1) % 8)) % 8)]);
  const length = body.length + 1;
  if (length / 8 > 255) return 'The area would be longer than 2040 bytes';
  body[1] = length / 8;
  const rebuilt = Buffer.concat([body, Buffer.from([zeroChecksum(body)])]);
  const delta = length - area.length;
  const oldEnd = usedEnd(inv);
  const newEnd = oldEnd + delta;
  if (newEnd > image.length) return `The FRU data would need ${newEnd} bytes; the device holds ${image.length}`;
  const next = Buffer.alloc(image.length);
  image.copy(next, 0, 0, area.offset);
  rebuilt.copy(next, area.offset);
  image.copy(next, area.offset + length, area.offset + area.length, oldEnd);
  image.copy(next, Math.max(newEnd, oldEnd), Math.max(newEnd, oldEnd));
  // Areas after the edited one move with it (§8: offsets in multiples of 8 bytes).
  for (let i = 1; i <= 5; i++) if (next[i]! * 8 > area.offset) next[i] = next[i]! + delta / 8;
  next[7] = zeroChecksum(next.subarray(0, 7));
  return { image: next, old, resized: true, from: delta === 0 ? area.offset : 0, to: delta === 0 ? area.offset + length : Math.max(oldEnd, newEnd) };
}
