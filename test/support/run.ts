/** Spawning ipmits and the reference clients the same way: C locale, UTC, no terminal. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string | Buffer;
  timeoutMs?: number;
  cwd?: string;
}

/** The ipmits under test: IPMITS_BIN (e.g. dist/ipmits) or `node bin/ipmits` on the compiled lib/. */
export function ipmitsCommand(): string[] {
  const bin = process.env.IPMITS_BIN;
  return bin ? [bin] : [process.execPath, path.join(ROOT, 'bin/ipmits')];
}

export function run(argv: string[], o: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: o.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LC_ALL: 'C', LANG: 'C', TZ: 'UTC', ...o.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1'), code, signal, ms: Date.now() - started });
    });
    if (o.input !== undefined) child.stdin.end(o.input);
    else child.stdin.end();
  });
}

/** Outputs are kept byte for byte (latin1); this reads them as UTF-8 text. */
export const utf8 = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');

export const runIpmits = (args: string[], o?: RunOptions): Promise<RunResult> => run([...ipmitsCommand(), ...args], o);
export const runIpmitool = (args: string[], o?: RunOptions): Promise<RunResult> => run(['ipmitool', ...args], o);
