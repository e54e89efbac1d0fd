/**
 * Driving `sol activate` as a child process with pipes (the way conserver's
 * `exec` consoles run it), and asking the BMC afterwards whether a SOL payload
 * or a session was left behind.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Sim } from '../sim/sim.js';
import { conn } from '../support/diff.js';
import { ROOT, ipmitsCommand, runIpmitool } from '../support/run.js';

export const BANNER = '[SOL Session operational.  Use ~? for help]\n';
export const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One `sol activate` (ipmits by default) with its stdin, stdout and stderr as pipes. */
export class SolProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  private readonly outChunks: Buffer[] = [];
  err = '';
  readonly exited: Promise<Exit>;

  constructor(argv: string[], opts: { cwd?: string } = {}) {
    this.proc = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd ?? ROOT, env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => this.outChunks.push(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.err += d.toString('latin1')));
    this.proc.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.proc.on('close', (code, signal) => resolve({ code, signal })));
  }

  /** `via`: talk to this address instead of the simulator's (a UDP proxy in front of it). */
  static ipmits(sim: Sim, extra: string[] = [], global: string[] = [], via?: { host: string; port: number }): SolProcess {
    return new SolProcess([...ipmitsCommand(), ...global, ...target(sim, via), 'sol', 'activate', ...extra]);
  }

  static ipmitool(sim: Sim, extra: string[] = [], global: string[] = []): SolProcess {
    return new SolProcess(['ipmitool', ...global, ...conn(sim, 'lanplus'), 'sol', 'activate', ...extra]);
  }

  get stdout(): Buffer {
    return Buffer.concat(this.outChunks);
  }

  get out(): string {
    return this.stdout.toString('latin1');
  }

  type(s: string | Uint8Array): void {
    this.proc.stdin.write(typeof s === 'string' ? Buffer.from(s, 'latin1') : s);
  }

  end(): void {
    this.proc.stdin.end();
  }

  /** Wait until stdout contains the text (latin1), or has at least this many bytes. */
  async waitOut(pattern: string | number, timeoutMs = 10_000): Promise<void> {
    const t0 = Date.now();
    const has = (): boolean => (typeof pattern === 'number' ? this.outChunks.reduce((n, c) => n + c.length, 0) >= pattern : this.out.includes(pattern));
    while (!has()) {
      if (this.proc.exitCode !== null || Date.now() - t0 > timeoutMs) {
        const o = this.out;
        throw new Error(
          `sol activate: no ${JSON.stringify(pattern)} in stdout (${o.length} bytes, ends ${JSON.stringify(o.slice(-200))}); stderr ${JSON.stringify(this.err)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** SIGKILL if still running (after a failed test). */
  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

export function target(sim: Sim, via?: { host: string; port: number }): string[] {
  const args = conn(sim, 'lanplus');
  if (via) {
    args[args.indexOf('-H') + 1] = via.host;
    args[args.indexOf('-p') + 1] = String(via.port);
  }
  return args;
}

/** Instances of the SOL payload the BMC has active (Get Payload Activation Status, IPMI v2.0 §24.4). */
export async function activeSolInstances(sim: Sim): Promise<number[]> {
  const r = await runIpmitool([...conn(sim, 'lanplus'), 'raw', '0x06', '0x4a', '0x01']);
  if (r.code !== 0) throw new Error(`Get Payload Activation Status failed: ${r.stderr}`);
  const [, lo, hi] = r.stdout
    .trim()
    .split(/\s+/)
    .map((h) => parseInt(h, 16));
  const bits = (lo ?? 0) | ((hi ?? 0) << 8);
  return Array.from({ length: 16 }, (_, i) => i + 1).filter((i) => bits & (1 << (i - 1)));
}

/** Sessions open on the BMC, not counting the one that asks (`session info active`). */
export async function otherSessions(sim: Sim): Promise<number> {
  const r = await runIpmitool([...conn(sim, 'lanplus'), 'session', 'info', 'active']);
  const m = /active sessions\s+: (\d+)/.exec(r.stdout);
  if (!m) throw new Error(`session info active: ${r.stdout} ${r.stderr}`);
  return Number(m[1]) - 1;
}
