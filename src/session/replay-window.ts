/**
 * Inbound session sequence numbers: a sliding window (IPMI v2.0 §6.12.13:
 * "accept up to 32 behind the highest seen, reject repeats"). Pure. The window is at most 32
 * numbers wide, so its history is one 32-bit number (no BigInt: a run-once process pays for
 * JavaScriptCore's first BigInt).
 */
export class ReplayWindow {
  private highest: number | undefined;
  /** Bit i set = highest - i was seen (unsigned 32 bits). */
  private seen = 0;

  constructor(private readonly size = 32) {
    if (!Number.isInteger(size) || size < 1 || size > 32) throw new RangeError(`replay window of ${size}: 1 to 32`);
  }

  /** Accept and record `seq`, or return false for a replay or a number too far behind. */
  accept(seq: number): boolean {
    if (this.highest === undefined) {
      this.highest = seq >>> 0;
      this.seen = 1;
      return true;
    }
    const ahead = (seq - this.highest) | 0; // signed distance with 32-bit wrap
    if (ahead > 0) {
      this.seen = ahead >= this.size ? 1 : (((this.seen << ahead) | 1) & this.mask()) >>> 0;
      this.highest = seq >>> 0;
      return true;
    }
    const behind = -ahead;
    if (behind >= this.size) return false;
    const bit = (1 << behind) >>> 0;
    if ((this.seen & bit) !== 0) return false;
    this.seen = (this.seen | bit) >>> 0;
    return true;
  }

  /** The low `size` bits. */
  private mask(): number {
    return this.size === 32 ? 0xffffffff : (1 << this.size) - 1;
  }
}
