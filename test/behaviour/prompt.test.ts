/** Password and Kg prompts on a real terminal (util-linux `script` provides the pty). */
import { describe, expect, it } from 'vitest';
import { ipmitsCommand, run } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const sim = useSim({ kg: 'prompted-kg' });

/** Run ipmits on a pty; `answers` are typed once the prompt has appeared. */
function onTerminal(args: string[], answers: string[]): ReturnType<typeof run> {
  const cmdline = [...ipmitsCommand(), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  // Each answer is typed a moment later, as a person would; raw mode reads it char by char.
  const typed = answers.map((a, i) => `sleep ${0.8 + i * 0.5}; printf '%s\\r' '${a}';`).join(' ');
  return run(['sh', '-c', `(${typed} sleep 1) | script -qec "${cmdline.replace(/"/g, '\\"')}" /dev/null`]);
}

describe('prompts (ipmitool uses getpass on /dev/tty)', () => {
  it('-a asks for the password without echoing it', async () => {
    const s = sim();
    const r = await onTerminal(
      ['-I', 'lanplus', '-C', '3', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-a', '-k', 'prompted-kg', 'power', 'status'],
      ['adminpass'],
    );
    expect(r.stdout).toBe('Password: \r\nChassis Power is on\r\n');
  });

  it('-H without a password source prompts too; -Y prompts for the Kg', async () => {
    const s = sim();
    const r = await onTerminal(
      ['-I', 'lanplus', '-C', '3', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-Y', 'power', 'status'],
      ['prompted-kg', 'adminpass'],
    );
    expect(r.stdout).toContain('Chassis Power is on');
    expect(r.stdout).not.toContain('adminpass');
    expect(r.stdout).not.toContain('prompted-kg');
  });

  it('without a terminal, -a fails at once instead of waiting', async () => {
    const s = sim();
    const r = await run(['setsid', '-w', ...ipmitsCommand(), '-I', 'lanplus', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-a', 'power', 'status']);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe('Cannot prompt for a password: no terminal (use -P, -f or -E)\n');
  });
});
