/**
 * node:fs, loaded at its first use rather than with the module that names it: the Bun executable
 * pays ~4 ms of CPU and ~3-4 MiB of peak RSS per run for loading it, which a command should not pay
 * for a file it only sometimes reads or writes (a time zone, `sdr dump`, `sel save`, -S). Node
 * before 20.16 lacks process.getBuiltinModule: there it is imported at once.
 */
const eager = typeof process.getBuiltinModule === 'function' ? undefined : await import('node:fs');

export const nodeFs = (): typeof import('node:fs') => eager ?? process.getBuiltinModule('node:fs');
