/** Progress on stderr for slow transfers: only on a terminal, only after a second, redrawn in place. */
import { describe, expect, it } from 'vitest';
import { progress, type ProgressTarget } from './progress.js';

function fakeCtx(tty: boolean, format = 'text') {
  let now = 0;
  const written: string[] = [];
  const ctx = {
    stderr: { isTTY: tty, write: (s: string) => written.push(s) },
    json: format === 'json',
    clock: { now: () => now },
  } as unknown as ProgressTarget;
  return { ctx, written, advance: (ms: number) => (now += ms) };
}

describe('progress', () => {
  it('on a terminal: nothing during the first second, then one line redrawn, erased at the end', () => {
    const f = fakeCtx(true);
    const p = progress(f.ctx, 'Reading SEL', 'records');
    p.update(1, 26);
    f.advance(1200);
    p.update(5, 26);
    f.advance(50);
    p.update(6, 26);
    f.advance(100);
    p.update(13, 26);
    p.end();
    expect(f.written).toEqual(['\r\x1b[KReading SEL: 5/26 records (19%)', '\r\x1b[KReading SEL: 13/26 records (50%)', '\r\x1b[K']);
  });

  it('never when stderr is not a terminal, nor with --json', () => {
    for (const f of [fakeCtx(false), fakeCtx(true, 'json')]) {
      const p = progress(f.ctx, 'Reading SEL', 'records');
      f.advance(5000);
      p.update(10, 26);
      p.end();
      expect(f.written).toEqual([]);
    }
  });
});
