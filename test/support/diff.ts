/**
 * Differential testing: the same command through ipmitool 1.8.19 and ipmits,
 * against the same simulated BMC; stdout and stderr compared byte for byte.
 * Exit statuses: ipmits uses distinct non-zero codes, so "both succeed" and
 * "both fail" are compared, plus the cases where ipmitool wrongly exits 0.
 */
import { expect } from 'vitest';
import type { Sim } from '../sim/sim.js';
import { runIpmitool, runIpmits, type RunResult } from './run.js';

export type Iface = 'lan' | 'lanplus';

/** Connection options for one of the simulator's users. */
export function conn(sim: Sim, iface: Iface, user = 'admin', extra: string[] = []): string[] {
  const u = sim.users.find((x) => x.name === user);
  if (!u) throw new Error(`no simulator user ${user}`);
  const suite = iface === 'lanplus' ? ['-C', '3'] : [];
  return ['-I', iface, '-H', sim.host, '-p', String(sim.port), '-U', user, '-P', u.password, ...suite, ...extra];
}

export interface Pair {
  ours: RunResult;
  theirs: RunResult;
}

export async function both(args: string[]): Promise<Pair> {
  // Sequential: the simulator's state (power, boot device) must see one client at a time.
  const theirs = await runIpmitool(args);
  const ours = await runIpmits(args);
  return { ours, theirs };
}

/**
 * ipmitool names itself in a few messages, and probes HPM.x capabilities after
 * every login (ipmits does not send that probe, so its refusal line never appears).
 */
export function normalize(text: string): string {
  return text.replace(/^Get HPM\.x Capabilities request failed, compcode = [0-9a-f]{2}\n/gm, '').replace(/\bipmitool\b/g, 'ipmits');
}

export interface Expect {
  /**
   * 'same': both 0 or both non-zero. 'fixed': ipmitool exits 0 on an error, ipmits does not.
   * 'help': help asked for by name, which ipmits ends with exit 0 whatever ipmitool does (it often exits 1;
   * docs/exit-codes.md).
   */
  exit?: 'same' | 'fixed' | 'help';
  /** Compare stderr too (default true). */
  stderr?: boolean;
}

export function expectSame(p: Pair, e: Expect = {}): void {
  const ctx = `\n--- ipmitool (exit ${p.theirs.code}) stderr:\n${p.theirs.stderr}\n--- ipmits (exit ${p.ours.code}) stderr:\n${p.ours.stderr}`;
  expect(p.ours.stdout, `stdout differs${ctx}`).toBe(p.theirs.stdout);
  if (e.stderr !== false) expect(p.ours.stderr, `stderr differs${ctx}`).toBe(normalize(p.theirs.stderr));
  if ((e.exit ?? 'same') === 'same') {
    expect(p.ours.code === 0, `exit status differs${ctx}`).toBe(p.theirs.code === 0);
  } else if (e.exit === 'help') {
    expect(p.ours.code, `help asked for exits 0${ctx}`).toBe(0);
  } else {
    expect(p.theirs.code, `ipmitool no longer exits 0 here${ctx}`).toBe(0);
    expect(p.ours.code, `ipmits should fail${ctx}`).not.toBe(0);
  }
}

/** A command line that asks for help by name (`chassis help`, `sel get help`): expectSame's exit rule for it. */
export function exitRuleFor(args: readonly (string | undefined)[]): Expect {
  const words = args.filter((a): a is string => a !== undefined);
  return words.at(-1) === 'help' ? { exit: 'help' } : {};
}
