/** The progress line of a slow transfer (src/runtime/progress.ts), drawn on this invocation's stderr. */
import type { Context } from '../../runtime/context.js';
import { progress, type Progress } from '../../runtime/progress.js';

export const progressLine = (ctx: Context, label: string, unit: string): Progress =>
  progress({ stderr: ctx.io.stderr, clock: ctx.deps.clock, json: ctx.options.format === 'json' }, label, unit);
