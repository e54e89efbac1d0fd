/**
 * FRU device access over IpmiClient (IPMI v2.0 §34): Read FRU Data in chunks with a
 * bounded back-off when the BMC says the request is too large (C7h, C8h, CAh), a
 * cache so every byte is read once, and Write FRU Data in chunks the BMC accepts,
 * followed by a read-back comparison.
 */
import { CompletionCodeError, DecodeError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import { describeCommandCode, CompletionCode } from '../ipmi/completion-codes.js';
import type { FruAreaInfo } from '../ipmi/cmds/storage/get-fru-inventory-area-info.js';
import { readFruData } from '../ipmi/cmds/storage/read-fru-data.js';
import { writeFruData } from '../ipmi/cmds/storage/write-fru-data.js';

/** Completion codes that mean "ask for less" (ipmitool's fru_cc_rq2big): C7h length invalid, C8h field length exceeded, CAh cannot return that many bytes. */
export const TOO_LARGE: readonly number[] = [
  CompletionCode.RequestDataLengthInvalid,
  CompletionCode.RequestDataFieldLengthExceeded,
  CompletionCode.CannotReturnRequestedBytes,
];

/**
 * Chunk sizes tried in turn after a "too large" reply, from the first one smaller than
 * the refused request. Bounded: the smallest refused too, the read fails.
 */
export const CHUNK_SIZES: readonly number[] = [64, 48, 32, 24, 16, 8];

/**
 * The first request size: what ipmitool uses over LAN (its maximum response data size
 * less the count byte), which fits an IPMB message; ipmi_sim refuses more than 34.
 */
export const DEFAULT_CHUNK = 32;

export type Progress = (done: number, total: number) => void;

export interface FruDeviceOptions {
  /** Start at this chunk size (default DEFAULT_CHUNK). */
  chunk?: number;
  log?: (level: number, line: string) => void;
}

/** A completion code from Read/Write FRU Data, with the offset it happened at. */
export class FruAccessError extends CompletionCodeError {
  constructor(
    command: string,
    cc: number,
    description: string,
    readonly offset: number,
  ) {
    super(command, cc, description, `${command} failed at offset ${offset}: ${description}`);
  }
}

export class FruDevice {
  readonly size: number;
  private readonly cache: Buffer;
  private readonly have: Uint8Array;
  private chunk: number;
  /** Read FRU Data requests sent (for -v and the benchmark). */
  requests = 0;

  constructor(
    private readonly client: IpmiClient,
    readonly fruId: number,
    readonly info: FruAreaInfo,
    private readonly options: FruDeviceOptions = {},
  ) {
    this.size = info.size;
    this.cache = Buffer.alloc(info.size);
    this.have = new Uint8Array(info.size);
    this.chunk = this.even(Math.max(1, Math.min(255, options.chunk ?? DEFAULT_CHUNK)));
  }

  private even(n: number): number {
    return this.info.byWords ? n & ~1 : n;
  }

  /** The image as read so far (unread bytes are 0). */
  image(): Buffer {
    return this.cache;
  }

  /** Make bytes [offset, offset+length) available, reading whatever is missing (and as much after it as one request carries). */
  async ensure(offset: number, length: number, progress?: Progress): Promise<void> {
    const end = Math.min(this.size, offset + length);
    let pos = Math.max(0, offset);
    while (pos < end) {
      if (this.have[pos]) {
        pos++;
        continue;
      }
      const start = this.info.byWords ? pos & ~1 : pos;
      const got = await this.readChunk(start, Math.min(this.chunk, this.size - start));
      if (got === 0) {
        // The device returned nothing: ipmitool treats the rest as absent (a size that is too large).
        this.options.log?.(1, `FRU ${this.fruId}: no data at offset ${start}; treating the rest of the ${this.size} bytes as empty`);
        this.have.fill(1, start, this.size);
        break;
      }
      pos = start + got;
      progress?.(Math.min(pos, end) - offset, end - offset);
    }
  }

  /** One Read FRU Data, backing off on "too large"; returns the byte count read. */
  private async readChunk(offset: number, want: number): Promise<number> {
    for (;;) {
      const count = Math.min(want, this.chunk);
      this.requests++;
      const r = await this.client.try(readFruData, { fruId: this.fruId, offset: this.info.byWords ? offset >> 1 : offset, count });
      if (r.cc !== 0) {
        const smaller = CHUNK_SIZES.find((s) => this.even(s) < count && this.even(s) > 0);
        if (TOO_LARGE.includes(r.cc) && smaller !== undefined) {
          this.chunk = this.even(smaller);
          this.options.log?.(1, `Retrying FRU read with request size ${this.chunk}`);
          continue;
        }
        throw new FruAccessError(readFruData.name, r.cc, describeCommandCode(readFruData, r.cc), offset);
      }
      const v = r.value!;
      const n = this.info.byWords ? v.count * 2 : v.count;
      if (n > v.data.length || n > count) {
        throw new DecodeError(`Read FRU Data at offset ${offset}: the reply claims ${n} bytes, carries ${v.data.length}, ${count} were asked for`, offset);
      }
      v.data.copy(this.cache, offset, 0, n);
      this.have.fill(1, offset, offset + n);
      return n;
    }
  }

  /** The whole device (fru read). */
  async readAll(progress?: Progress): Promise<Buffer> {
    await this.ensure(0, this.size, progress);
    return Buffer.from(this.cache);
  }

  /**
   * Write `data` at offset `at` in chunks the BMC accepts (the same back-off as reads),
   * and forget the cached copy, so the next ensure() reads it back from the device.
   * Throws FruAccessError on a refusal (80h: write-protected offset).
   */
  async write(data: Uint8Array, progress?: Progress, at = 0): Promise<void> {
    if (at + data.length > this.size) throw new RangeError(`${data.length} bytes at offset ${at} do not fit the ${this.size}-byte FRU device`);
    if (this.info.byWords && (at & 1 || data.length & 1)) throw new RangeError('a word-accessed FRU device is written in whole words');
    let chunk = this.chunk;
    let pos = 0;
    while (pos < data.length) {
      const count = this.even(Math.min(chunk, data.length - pos)) || data.length - pos;
      const dst = at + pos;
      const r = await this.client.try(writeFruData, { fruId: this.fruId, offset: this.info.byWords ? dst >> 1 : dst, data: data.subarray(pos, pos + count) });
      if (r.cc !== 0) {
        const smaller = CHUNK_SIZES.find((s) => this.even(s) < count && this.even(s) > 0);
        if (TOO_LARGE.includes(r.cc) && smaller !== undefined) {
          chunk = this.even(smaller);
          this.options.log?.(1, `Retrying FRU write with request size ${chunk}`);
          continue;
        }
        throw new FruAccessError(writeFruData.name, r.cc, describeCommandCode(writeFruData, r.cc), dst);
      }
      // §34.3: the count written (in access units); absent on some BMCs: assume all.
      const written = r.value === undefined ? count : this.info.byWords ? r.value * 2 : r.value;
      if (written === 0) throw new DecodeError(`Write FRU Data at offset ${dst}: the BMC wrote nothing`, dst);
      const n = Math.min(written, count);
      this.have.fill(0, dst, dst + n);
      pos += n;
      progress?.(pos, data.length);
    }
    this.chunk = chunk;
  }
}

/** First difference between what was written and what reads back, or undefined. */
export function firstDifference(wrote: Uint8Array, read: Uint8Array): { offset: number; wrote: number; read: number } | undefined {
  for (let i = 0; i < wrote.length; i++) if (wrote[i] !== read[i]) return { offset: i, wrote: wrote[i]!, read: read[i] ?? 0 };
  return undefined;
}
