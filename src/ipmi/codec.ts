/** Little helpers for IPMI byte layouts (IPMI is little-endian throughout). */
import { DecodeError } from '../errors.js';

export class ByteReader {
  private pos = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly what = 'response',
  ) {}

  get offset(): number {
    return this.pos;
  }
  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) {
      throw new DecodeError(`${this.what}: need ${n} more byte(s) at offset ${this.pos}, have ${this.buf.length - this.pos}`, this.pos);
    }
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.buf[this.pos]! | (this.buf[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }
  u24(): number {
    this.need(3);
    const v = this.buf[this.pos]! | (this.buf[this.pos + 1]! << 8) | (this.buf[this.pos + 2]! << 16);
    this.pos += 3;
    return v;
  }
  u32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }
  u16be(): number {
    this.need(2);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  rest(): Uint8Array {
    const out = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return out;
  }
  /** An optional trailing byte: undefined when the reply stops early. */
  optU8(): number | undefined {
    return this.remaining >= 1 ? this.u8() : undefined;
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

/**
 * Little-endian by default, as IPMI fields are. Numbers gather in a small array and byte arrays are
 * kept as slices (one native copy each, not a loop of pushes: a sealed packet's payload and auth code
 * go through here on every request); done() joins them.
 */
export class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];
  private size = 0;

  u8(v: number): this {
    this.pending.push(v & 0xff);
    this.size += 1;
    return this;
  }
  u16(v: number): this {
    this.pending.push(v & 0xff, (v >>> 8) & 0xff);
    this.size += 2;
    return this;
  }
  u24(v: number): this {
    this.pending.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff);
    this.size += 3;
    return this;
  }
  u32(v: number): this {
    this.pending.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    this.size += 4;
    return this;
  }
  u16be(v: number): this {
    this.pending.push((v >>> 8) & 0xff, v & 0xff);
    this.size += 2;
    return this;
  }
  bytes(b: ArrayLike<number>): this {
    if (!(b instanceof Uint8Array)) {
      for (let i = 0; i < b.length; i++) this.pending.push(b[i]! & 0xff);
      this.size += b.length;
      return this;
    }
    this.settle();
    this.chunks.push(new Uint8Array(b)); // a copy: a Buffer's slice() is a view
    this.size += b.length;
    return this;
  }
  /** Bytes padded with zeros (or cut) to exactly `len`. */
  padded(b: ArrayLike<number>, len: number): this {
    const out = new Uint8Array(len);
    for (let i = 0; i < len && i < b.length; i++) out[i] = b[i]! & 0xff;
    this.settle();
    this.chunks.push(out);
    this.size += len;
    return this;
  }
  get length(): number {
    return this.size;
  }
  done(): Buffer {
    this.settle();
    return Buffer.concat(this.chunks, this.size);
  }
  /** The numbers gathered so far become a chunk, so that the order holds. */
  private settle(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.pending = [];
  }
}

export function hex(b: ArrayLike<number>, sep = ''): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (i && sep) s += sep;
    s += (b[i]! & 0xff).toString(16).padStart(2, '0');
  }
  return s;
}

/** `b` cut or zero-padded to `len` bytes (passwords as the session algorithms take them: 16 bytes v1.5, 20 RMCP+). */
export function padTo(b: Uint8Array, len: number): Buffer {
  const out = Buffer.alloc(len);
  out.set(b.subarray(0, len));
  return out;
}

export function fromHex(s: string): Buffer {
  const clean = s.replace(/[\s:]/g, '');
  if (clean.length % 2 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${s}`);
  return Buffer.from(clean, 'hex');
}

/** Two's complement 8-bit checksum used by IPMI messages (sum of bytes + checksum = 0 mod 256). */
export function checksum(b: ArrayLike<number>, start = 0, end = b.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + (b[i]! & 0xff)) & 0xff;
  return (0x100 - sum) & 0xff;
}

/** Bytes of an ASCII/Latin-1 string cut at the first NUL. */
export function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return Buffer.from(end < 0 ? b : b.subarray(0, end)).toString('latin1');
}

/** " %2.2x" per byte with a line break every 16 bytes (ipmitool's printbuf and raw output). */
export function hexRows(b: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (i && i % 16 === 0) s += '\n';
    s += ` ${(b[i]! & 0xff).toString(16).padStart(2, '0')}`;
  }
  return s;
}
