/**
 * FRU type/length fields (Platform Management FRU Information Storage Definition v1.0
 * §13 "Type/Length Byte Format", Table 13-1): bits 7:6 the type code, bits 5:0 the
 * number of data bytes that follow. C1h ends the fields of an info area.
 */
import { BCD_PLUS, LANGUAGE_ENGLISH } from '../spec/fru.js';

export type FieldEncoding = 'binary' | 'bcdplus' | 'ascii6' | 'text';

/** §13 Table 13-1 type codes 00b, 01b, 10b, 11b. */
export const ENCODINGS: readonly FieldEncoding[] = ['binary', 'bcdplus', 'ascii6', 'text'];

/** §13: type/length C1h marks the end of the fields ("end-of-fields"). */
export const END_OF_FIELDS = 0xc1;

/** §13: at most 63 data bytes per field (bits 5:0). */
export const MAX_FIELD_BYTES = 0x3f;

export interface TypeLength {
  encoding: FieldEncoding;
  length: number;
}

export const decodeTypeLength = (b: number): TypeLength => ({ encoding: ENCODINGS[(b >> 6) & 0x03]!, length: b & 0x3f });

/** §13.2 "6-bit ASCII packing": characters 20h-5Fh, four in three bytes, least significant bits first. */
function unpack6(bytes: Uint8Array, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) {
    const bit = i * 6;
    const lo = bytes[bit >> 3] ?? 0;
    const hi = bytes[(bit >> 3) + 1] ?? 0;
    s += String.fromCharCode((((lo | (hi << 8)) >> (bit & 7)) & 0x3f) + 0x20);
  }
  return s;
}

/** BCD plus, most significant digit first (each byte: high nibble, low nibble), as ipmitool and FreeIPMI read it. */
const unpackBcd = (bytes: Uint8Array): string => [...bytes].map((b) => BCD_PLUS[b >> 4]! + BCD_PLUS[b & 0x0f]!).join('');

/**
 * The field's value by the specification: binary as hex; BCD plus two digits a byte;
 * 6-bit ASCII floor(n*8/6) characters; type 11b is 8-bit ASCII + Latin-1 when the
 * area's language is English (or unspecified, 00h), else 16-bit Unicode, least
 * significant byte first (§13 Table 13-1 note).
 */
export function decodeValue(encoding: FieldEncoding, bytes: Uint8Array, language = 0): string {
  switch (encoding) {
    case 'binary':
      return Buffer.from(bytes).toString('hex');
    case 'bcdplus':
      return unpackBcd(bytes);
    case 'ascii6':
      return unpack6(bytes, Math.floor((bytes.length * 8) / 6));
    case 'text':
      if (language !== 0 && language !== LANGUAGE_ENGLISH)
        return Buffer.from(bytes)
          .subarray(0, bytes.length & ~1)
          .toString('utf16le');
      return Buffer.from(bytes).toString('latin1');
  }
}

/**
 * The string ipmitool 1.8.19 prints for a field (get_fru_area_str): 6-bit ASCII yields
 * four characters for every started group of three bytes (so a length that is not a
 * multiple of 3 gains trailing characters decoded from zero bits), 8-bit text stops at
 * the first NUL, an empty binary/BCD field is no string at all (undefined).
 */
export function ipmitoolString(encoding: FieldEncoding, bytes: Uint8Array): string | undefined {
  switch (encoding) {
    case 'binary':
      return bytes.length === 0 ? undefined : Buffer.from(bytes).toString('hex');
    case 'bcdplus':
      return bytes.length === 0 ? undefined : unpackBcd(bytes);
    case 'ascii6':
      return unpack6(bytes, Math.ceil(bytes.length / 3) * 4);
    case 'text': {
      const s = Buffer.from(bytes).toString('latin1');
      const nul = s.indexOf('\0');
      return nul < 0 ? s : s.slice(0, nul);
    }
  }
}

// ---------------------------------------------------------------------------
// Encoding (fru edit, test images)

/** Why `text` cannot be stored with `encoding`, or undefined when it can. */
export function encodeProblem(encoding: FieldEncoding, text: string): string | undefined {
  switch (encoding) {
    case 'binary':
      if (!/^([0-9a-fA-F]{2})*$/.test(text)) return 'binary fields are given as an even number of hex digits';
      return text.length / 2 > MAX_FIELD_BYTES ? `at most ${MAX_FIELD_BYTES} bytes fit in a field` : undefined;
    case 'bcdplus':
      if (!/^[0-9 .-]*$/.test(text)) return 'BCD plus holds only the digits 0-9, space, dash and period';
      return Math.ceil(text.length / 2) > MAX_FIELD_BYTES ? `at most ${MAX_FIELD_BYTES * 2} BCD plus characters fit in a field` : undefined;
    case 'ascii6':
      if (!/^[\x20-\x5f]*$/.test(text)) return '6-bit ASCII holds only the characters 20h-5Fh (no lower case)';
      return Math.ceil((text.length * 6) / 8) > MAX_FIELD_BYTES ? 'at most 84 6-bit ASCII characters fit in a field' : undefined;
    case 'text':
      if (!/^[\x00-\xff]*$/.test(text)) return 'only Latin-1 characters can be stored';
      return text.length > MAX_FIELD_BYTES ? `at most ${MAX_FIELD_BYTES} characters fit in a field` : undefined;
  }
}

/** The data bytes of a field (without the type/length byte). Throws on text the encoding cannot hold (see encodeProblem). */
export function encodeValue(encoding: FieldEncoding, text: string): Buffer {
  const problem = encodeProblem(encoding, text);
  if (problem) throw new RangeError(problem);
  switch (encoding) {
    case 'binary':
      return Buffer.from(text, 'hex');
    case 'bcdplus': {
      const padded = text.length % 2 ? `${text} ` : text;
      const out = Buffer.alloc(padded.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = (BCD_PLUS.indexOf(padded[2 * i]!) << 4) | BCD_PLUS.indexOf(padded[2 * i + 1]!);
      return out;
    }
    case 'ascii6': {
      const out = Buffer.alloc(Math.ceil((text.length * 6) / 8));
      for (let i = 0; i < text.length; i++) {
        const v = text.charCodeAt(i) - 0x20;
        const bit = i * 6;
        const word = v << (bit & 7);
        out[bit >> 3]! |= word & 0xff;
        if (word > 0xff) out[(bit >> 3) + 1]! |= word >> 8;
      }
      return out;
    }
    case 'text':
      return Buffer.from(text, 'latin1');
  }
}

/** Type/length byte + data (§13). */
export function encodeField(encoding: FieldEncoding, text: string): Buffer {
  const data = encodeValue(encoding, text);
  return Buffer.concat([Uint8Array.of((ENCODINGS.indexOf(encoding) << 6) | data.length), data]);
}
