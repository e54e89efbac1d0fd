/**
 * Hide -P passwords, -k and -y keys from `ps`, as ipmitool does by overwriting argv.
 *
 * What `ps` and /proc/PID/cmdline show is the process's own memory between arg_start and arg_end
 * (/proc/self/stat fields 48 and 49). It is overwritten through /proc/self/mem, each secret byte
 * replaced by 'X' in place (same length, NUL separators kept). That needs no help from the runtime:
 * Bun has no way to rewrite argv, and Node's process.title joins the arguments with spaces. It is
 * the fallback where /proc/self/mem cannot be written. This module imports nothing of ipmits but
 * the option letters, so index.ts runs it before the rest of the CLI is loaded; the files are
 * read and written through ProcFiles, the runtime's (process-title-node.ts: node:fs;
 * process-title-bun.ts: the C library through bun:ffi, where node:fs costs ~4 ms and ~4 MiB).
 */
import type { CFiles } from '../runtime/c-files.js';
import { VALUE_FLAGS } from './value-flags.js';

/** Synchronous file access for the masking; both throw on failure. */
export interface ProcFiles {
  /** The whole file. */
  read(path: string): Uint8Array;
  /** Writes all of `bytes` at `offset` of the file (opened read-write). */
  writeAt(path: string, bytes: Uint8Array, offset: number): void;
  /** The same calls for other files, where they cost less than the runtime's own (Bun: the C library). */
  c?: CFiles;
}

const SECRET_FLAGS = new Set(['P', 'k', 'y']);

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

/** Where the kernel keeps argv: arg_start and arg_end of /proc/PID/stat (fields 48, 49); exported for tests. */
export function argvArea(stat: string): { start: number; end: number } | undefined {
  // Fields from 3 on follow the last ')' (the command name in field 2 may hold spaces and parentheses).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[48 - 3]);
  const end = Number(fields[49 - 3]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start > 0 && end > start ? { start, end } : undefined;
}

/** How the secrets were hidden: overwritten in place, through process.title, or not at all. */
export type Masking = 'none-needed' | 'argv' | 'title' | 'failed';

/** Whether the arguments hold a secret to mask (else no file needs loading). */
export function hasSecrets(args: readonly string[]): boolean {
  return maskSecrets(args).some((a, i) => a !== args[i]);
}

/** Masks the secrets of the user's arguments (the tail of the kernel's command line). */
export function hideSecretsFromProcessList(args: readonly string[], files: ProcFiles): Masking {
  if (!hasSecrets(args)) return 'none-needed';
  let cmdline: Buffer;
  try {
    cmdline = Buffer.from(files.read('/proc/self/cmdline'));
  } catch {
    return 'failed'; // not Linux
  }
  // One latin1 character per byte: masking keeps every byte offset.
  const all = cmdline.toString('latin1').split('\0');
  if (all[all.length - 1] === '') all.pop();
  const head = all.slice(0, Math.max(0, all.length - args.length));
  const masked = [...head, ...maskSecrets(all.slice(head.length))];
  try {
    const area = argvArea(Buffer.from(files.read('/proc/self/stat')).toString('latin1'));
    if (!area || area.end - area.start !== cmdline.length) throw new Error('argv area not found');
    files.writeAt('/proc/self/mem', Buffer.from(`${masked.join('\0')}\0`, 'latin1').subarray(0, cmdline.length), area.start);
    return 'argv';
  } catch {
    try {
      process.title = masked.join(' ');
      return 'title';
    } catch {
      return 'failed';
    }
  }
}
