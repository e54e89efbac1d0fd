/**
 * Progress for slow transfers (`sel save`, `fru read`, `fru write`): one line on stderr,
 * redrawn in place, only when stderr is a terminal and the transfer has taken a while.
 * Never in pipes, logs or tests.
 */
import type { Clock } from '../io.js';
import type { OutStream } from './context.js';

/** Nothing is shown for transfers that finish sooner. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export interface Progress {
  update(done: number, total?: number): void;
  /** Erase the line (before anything else is printed). */
  end(): void;
}

/** Where the line goes: stderr (drawn only on a terminal), the clock, and whether --json is on (then never). */
export interface ProgressTarget {
  stderr: OutStream;
  clock: Clock;
  json: boolean;
}

export function progress(to: ProgressTarget, label: string, unit: string): Progress {
  const tty = to.stderr.isTTY === true && !to.json;
  const { clock, stderr } = to;
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
      stderr.write(`\r\x1b[K${label}: ${done}${total ? `/${total}` : ''} ${unit}${pct}`);
    },
    end() {
      if (drawn) stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}
