/**
 * A FRU device behind a fake transport, for unit tests of the chunked reader/writer:
 * Get FRU Inventory Area Info, Read and Write FRU Data (IPMI v2.0 §34.1-§34.3) over a
 * buffer, with a maximum count beyond which it answers C8h (or another code).
 */
import type { IpmiRequest, IpmiResponse } from '../../../src/ipmi/command.js';
import { IpmiClient } from '../../../src/ipmi/client.js';
import type { Transport } from '../../../src/transport/transport.js';

export interface FakeFruOptions {
  maxRead?: number;
  maxWrite?: number;
  /** Completion code for a request that is too large (default C8h). */
  tooLargeCc?: number;
  byWords?: boolean;
  /** Offsets at and after which writes are refused with 80h. */
  protectFrom?: number;
  /** Report a larger size than the data has (reads past the data return 0 bytes). */
  claimedSize?: number;
  /** Completion code for every Read FRU Data. */
  readCc?: number;
  /** Corrupt what is stored (bit flip at this offset) to make verification fail. */
  flipOnWrite?: number;
}

export class FakeFruBmc implements Transport {
  readonly description = 'fake FRU BMC';
  readonly log: { cmd: number; data: number[] }[] = [];
  constructor(
    public data: Buffer,
    private readonly o: FakeFruOptions = {},
  ) {}

  client(): IpmiClient {
    return new IpmiClient(this);
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async keepalive(): Promise<void> {}
  abandon(): void {}

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    const d = [...req.data];
    this.log.push({ cmd: req.cmd, data: d });
    const unit = this.o.byWords ? 2 : 1;
    const size = this.o.claimedSize ?? this.data.length;
    if (req.netFn !== 0x0a) return { cc: 0xc1, data: new Uint8Array() };
    if (req.cmd === 0x10) {
      if (d[0] !== 0) return { cc: 0xcc, data: new Uint8Array() };
      return { cc: 0, data: Uint8Array.of(size & 0xff, size >> 8, this.o.byWords ? 1 : 0) };
    }
    if (req.cmd === 0x11) {
      if (this.o.readCc) return { cc: this.o.readCc, data: new Uint8Array() };
      const off = (d[1]! | (d[2]! << 8)) * unit;
      const count = d[3]!;
      if (count > (this.o.maxRead ?? 255)) return { cc: this.o.tooLargeCc ?? 0xc8, data: new Uint8Array() };
      const chunk = this.data.subarray(off, off + count);
      return { cc: 0, data: Uint8Array.of(chunk.length / unit, ...chunk) };
    }
    if (req.cmd === 0x12) {
      const off = (d[1]! | (d[2]! << 8)) * unit;
      const bytes = d.slice(3);
      if (bytes.length > (this.o.maxWrite ?? 255)) return { cc: this.o.tooLargeCc ?? 0xc8, data: new Uint8Array() };
      if (this.o.protectFrom !== undefined && off + bytes.length > this.o.protectFrom) return { cc: 0x80, data: new Uint8Array() };
      Buffer.from(bytes).copy(this.data, off);
      if (this.o.flipOnWrite !== undefined && this.o.flipOnWrite >= off && this.o.flipOnWrite < off + bytes.length) this.data[this.o.flipOnWrite]! ^= 0x01;
      return { cc: 0, data: Uint8Array.of(bytes.length / unit) };
    }
    return { cc: 0xc1, data: new Uint8Array() };
  }

  /** Read FRU Data requests as [offset, count]. */
  reads(): [number, number][] {
    return this.log.filter((l) => l.cmd === 0x11).map((l) => [l.data[1]! | (l.data[2]! << 8), l.data[3]!]);
  }
  writes(): [number, number][] {
    return this.log.filter((l) => l.cmd === 0x12).map((l) => [l.data[1]! | (l.data[2]! << 8), l.data.length - 3]);
  }
}
