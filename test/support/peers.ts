/**
 * Peers: programs and system files some tests need (ipmitool, FreeIPMI, the zoneinfo and IANA
 * registry files). On a developer's machine a missing peer skips the tests that need it; with
 * `CI` set a missing peer is an error, so a CI run can never go green by skipping. Install them
 * with `scripts/setup-debian.sh test`.
 *
 *   describe.skipIf(missing(HAVE_IPMITOOL, 'ipmitool'))('…', () => { … });
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether a program is on the PATH. */
export function haveProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v '${name}'`], { stdio: 'ignore' }).status === 0;
}

/** Whether a file is there. */
export const haveFile = (file: string): boolean => existsSync(file);

/** True when the tests may skip (the peer is absent, outside CI); throws when it is absent in CI. */
export function missing(present: boolean, what: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (present) return false;
  if (env.CI) throw new Error(`CI: ${what} is missing; these tests must run in CI (scripts/setup-debian.sh test installs it)`);
  return true;
}
