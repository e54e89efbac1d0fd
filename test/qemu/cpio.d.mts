// Types of cpio.mjs.
export type CpioEntry =
  | { path: string; dir: true; mode?: number }
  | { path: string; src: string; mode?: number }
  | { path: string; data: string | Uint8Array; mode?: number }
  | { path: string; symlink: string }
  | { path: string; chr: [number, number]; mode?: number };

export function writeCpio(fd: number, entries: CpioEntry[]): void;
