/**
 * Progress for slow transfers (`sel save`, `fru read`, `fru write`): one line on stderr,
 * redrawn in place, only when stderr is a terminal and the transfer has taken a while.
 * Never in pipes, logs or tests.
 */
import type { Context } from '../runtime/context.js';

/** Nothing is shown for transfers that finish sooner. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export interface Progress {
  update(done: number, total?: number): void;
  /** Erase the line (before anything else is printed). */
  end(): void;
}

export function progress(ctx: Context, label: string, unit: string): Progress {
  const tty = ctx.io.stderr.isTTY === true && ctx.options.format !== 'json';
  const clock = ctx.deps.clock;
  const started = clock.now();
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      if (!tty) return;
      const now = clock.now();
      if (now - started < SHOW_AFTER_MS || now - last < REDRAW_EVERY_MS) return;
      last = now;
      drawn = true;
      const pct = total ? ` (${Math.floor((100 * done) / total)}%)` : '';
      ctx.io.stderr.write(`\r\x1b[K${label}: ${done}${total ? `/${total}` : ''} ${unit}${pct}`);
    },
    end() {
      if (drawn) ctx.io.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}
