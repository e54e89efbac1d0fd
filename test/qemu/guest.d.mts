// Types of guest.mjs (plain ESM, shared with scripts/bench/qemu.mjs).

export const ROOT: string;
export function cacheDir(): string;

export interface GuestCommand {
  /** Names the result; letters, digits, '.', '_' and '-'. */
  id: string;
  /** Run as is (no shell). */
  argv?: string[];
  /** A shell snippet instead of argv. */
  sh?: string;
  /** Run through `su` as this user (`tester` is the unprivileged one). */
  user?: string;
  /** Run this many times; ms is the mean, the output the last run's. */
  repeat?: number;
}

export interface GuestResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Wall time in the guest (/proc/uptime, 10 ms resolution). */
  ms: number;
}

export type GuestBmc = 'qemu' | { extern: { host: string; port: number } };

export interface GuestRun {
  results: Record<string, GuestResult>;
  console: string;
  bootMs: number;
  buildMs: number;
}

export function ensureHostTools(log?: (s: string) => void): void;
export function singleExecutable(log?: (s: string) => void): string;
export function runScript(commands: GuestCommand[], secondBoot?: { when: string; commands: GuestCommand[] }): string;
export const shq: (s: string) => string;
export function runGuest(o: {
  commands: GuestCommand[];
  bmc?: GuestBmc;
  /** The single executable, as /usr/bin/ipmits. */
  bin?: string;
  /** node + lib/ as /usr/bin/ipmits-lib (and /usr/bin/ipmits without `bin`). */
  lib?: boolean;
  timeoutMs?: number;
  log?: (s: string) => void;
  /** Let a guest reset reboot it (no -no-reboot): the console then shows a second @@GUEST-BEGIN@@. */
  reboot?: boolean;
  /** Run these instead when `when` (a shell condition in the guest) holds: the boot after a reset. */
  secondBoot?: { when: string; commands: GuestCommand[] };
}): Promise<GuestRun>;

/** The second serial port's text: files by name, and whether the guest finished (@@DONE). */
export function parseResults(text: string): { files: Map<string, string>; done: boolean };
