/**
 * Hide -P passwords (and -k keys) from `ps`, as ipmitool does by overwriting argv:
 * the kernel's copy of the command line is rewritten through process.title with
 * every secret byte replaced by 'X' (same length, so nothing is cut off).
 */
import { readFileSync } from 'node:fs';
import { VALUE_FLAGS } from './global-options.js';

const SECRET_FLAGS = new Set(['P', 'k']);

/** The command line with secret values masked; exported for tests. */
export function maskSecrets(args: readonly string[]): string[] {
  const out = [...args];
  let afterDashDash = false;
  for (let i = 0; i < out.length; i++) {
    const a = out[i]!;
    if (afterDashDash || !a.startsWith('-') || a.startsWith('--')) {
      if (a === '--') afterDashDash = true;
      continue;
    }
    // A cluster of short flags: the first flag that takes a value consumes the rest (or the next arg).
    for (let j = 1; j < a.length; j++) {
      const flag = a[j]!;
      if (!VALUE_FLAGS.has(flag)) continue;
      if (SECRET_FLAGS.has(flag)) {
        if (j + 1 < a.length) out[i] = a.slice(0, j + 1) + 'X'.repeat(a.length - j - 1);
        else if (i + 1 < out.length) out[i + 1] = 'X'.repeat(out[i + 1]!.length);
      }
      if (j + 1 >= a.length) i++;
      break;
    }
  }
  return out;
}


export function maskPasswordInProcessTitle(args: readonly string[]): void {
  const masked = maskSecrets(args);
  if (masked.every((a, i) => a === args[i])) return;
  try {
    const original = readFileSync('/proc/self/cmdline', 'latin1').split('\0');
    if (original[original.length - 1] === '') original.pop();
    // The user's arguments are the tail of the original command line.
    const head = original.slice(0, original.length - args.length);
    process.title = [...head, ...masked].join(' ');
  } catch {
    // Not Linux: nothing to rewrite.
  }
}
