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
});
