/**
 * JavaScriptCore's JIT in the Bun executable. It starts held back (scripts/build.mjs,
 * --compile-jit-policy): one command runs its code once or a few times, and compiling it costs more
 * than it saves. A run that lasts gets the normal JIT back: any run after JIT_AFTER_MS (sol, shell,
 * exec, the exporter, a long fleet), a fleet run sooner once its hosts turn out to hold long
 * conversations (src/cli/fleet.ts, longRunWatch). Under Node this does nothing.
 */
const bun = (globalThis as { Bun?: { unsafe?: { setJITPolicy?(scale: number): void } } }).Bun;

/** When any run gets the normal JIT back. */
export const JIT_AFTER_MS = 250;

/** The normal JIT from now on (again: no change). */
export function normalJit(): void {
  bun?.unsafe?.setJITPolicy?.(1);
}
