import { describe, expect, it } from 'vitest';
import { ReplayWindow } from './replay-window.js';

describe('ReplayWindow (IPMI v2.0 §6.12.13 sliding window)', () => {
  it('accepts increasing numbers and rejects repeats', () => {
    const w = new ReplayWindow(32);
    expect([1, 2, 3].map((s) => w.accept(s))).toEqual([true, true, true]);
    expect(w.accept(2)).toBe(false);
    expect(w.accept(3)).toBe(false);
  });

  it('accepts late packets inside the window once, rejects those behind it', () => {
    const w = new ReplayWindow(8);
    expect(w.accept(10)).toBe(true);
    expect(w.accept(5)).toBe(true);
    expect(w.accept(5)).toBe(false);
    expect(w.accept(3)).toBe(true); // 7 behind, still inside
    expect(w.accept(2)).toBe(false); // 8 behind: outside
    expect(w.accept(30)).toBe(true); // big jump clears history
    expect(w.accept(10)).toBe(false);
    expect(w.accept(29)).toBe(true);
  });

  it('handles the 32-bit wrap', () => {
    const w = new ReplayWindow(32);
    expect(w.accept(0xfffffffe)).toBe(true);
    expect(w.accept(1)).toBe(true);
    expect(w.accept(0xffffffff)).toBe(true);
    expect(w.accept(0xfffffffe)).toBe(false);
  });

  it('keeps the whole 32-wide history: each of the 31 behind once, the 32nd behind never', () => {
    const w = new ReplayWindow(32);
    expect(w.accept(100)).toBe(true);
    for (let s = 69; s < 100; s++) expect(w.accept(s), `first ${s}`).toBe(true);
    for (let s = 69; s <= 100; s++) expect(w.accept(s), `again ${s}`).toBe(false);
    expect(w.accept(68)).toBe(false);
    expect(w.accept(101)).toBe(true); // 69 is now 32 behind: outside
    expect(w.accept(69)).toBe(false);
    expect(w.accept(70)).toBe(false); // seen, 31 behind
  });

  it('refuses a window wider than its 32 bits', () => {
    expect(() => new ReplayWindow(33)).toThrow(RangeError);
  });
});
