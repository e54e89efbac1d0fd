/**
 * Inbound session sequence numbers: a sliding window (IPMI v2.0 §6.12.13:
 * "accept up to 32 behind the highest seen, reject repeats"). Pure.
 */
export class ReplayWindow {
  private highest: number | undefined;
  /** Bit i set = highest - i was seen. */
  private seen = 0n;

  constructor(private readonly size = 32) {}

  /** Accept and record `seq`, or return false for a replay or a number too far behind. */
  accept(seq: number): boolean {
    if (this.highest === undefined) {
      this.highest = seq;
      this.seen = 1n;
      return true;
    }
    const ahead = (seq - this.highest) | 0; // signed distance with 32-bit wrap
    if (ahead > 0) {
      this.seen = ahead >= this.size ? 1n : ((this.seen << BigInt(ahead)) | 1n) & ((1n << BigInt(this.size)) - 1n);
      this.highest = seq >>> 0;
      return true;
    }
    const behind = -ahead;
    if (behind >= this.size) return false;
    const mask = 1n << BigInt(behind);
    if (this.seen & mask) return false;
    this.seen |= mask;
    return true;
  }
}
