/**
 * `sol activate` on a terminal (a pty from script(1)): raw mode (no local echo,
 * CR typed reaches the host as CR, the console's CR LF unchanged), the same
 * bytes on the screen as ipmitool, and the terminal settings restored on every
 * way out (~., SIGTERM, SIGHUP).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conn } from '../support/diff.js';
import { ipmitsCommand } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { SolProcess, activeSolInstances, otherSessions } from './support.js';

const sim = useSim({ sol: true, seedSel: false });
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-sol-pty-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Run a SOL client on a fresh pty: the shell saves `stty -g`, runs the client
 * (in the background with the pty as stdin, so the test can signal it by pid),
 * then records its exit status and `stty -g` again.
 */
function onPty(client: string[]): { p: SolProcess; pid: () => number; result: () => { rc: string; before: string; after: string } } {
  const f = (n: string): string => path.join(dir, n);
  for (const n of ['before', 'after', 'rc', 'pid']) fs.rmSync(f(n), { force: true });
  const cmd = client.map(q).join(' ');
  const sh = `stty -g > ${f('before')}; ${cmd} < /dev/tty & echo $! > ${f('pid')}; wait $!; echo $? > ${f('rc')}; stty -g > ${f('after')}`;
  const p = new SolProcess(['script', '-qec', `sh -c ${q(sh)}`, '/dev/null']);
  return {
    p,
    pid: () => Number(fs.readFileSync(f('pid'), 'utf8')),
    result: () => ({ rc: fs.readFileSync(f('rc'), 'utf8').trim(), before: fs.readFileSync(f('before'), 'utf8'), after: fs.readFileSync(f('after'), 'utf8') }),
  };
}

const ipmits = (): string[] => [...ipmitsCommand(), ...conn(sim(), 'lanplus'), 'sol', 'activate'];
const ipmitool = (): string[] => ['ipmitool', ...conn(sim(), 'lanplus'), 'sol', 'activate'];

async function session(client: string[], end: (t: ReturnType<typeof onPty>) => Promise<void>): Promise<{ out: string; rc: string; restored: boolean }> {
  const t = onPty(client);
  try {
    await t.p.waitOut('help]\r\n');
    t.p.type('echo on-a-pty\r');
    await t.p.waitOut('on-a-pty\r\nsim$ ');
    await end(t);
    await t.p.exited;
    const r = t.result();
    return { out: t.p.out, rc: r.rc, restored: r.before === r.after && r.before.length > 0 };
  } finally {
    t.p.kill();
  }
}

describe('sol activate on a terminal', () => {
  it('raw mode: the same bytes on the screen as ipmitool; ~. restores the terminal, exit 0', async () => {
    const tilde = async (t: ReturnType<typeof onPty>): Promise<void> => t.p.type('~.');
    const sol = sim().sol!;
    sol.clear();
    const theirs = await session(ipmitool(), tilde);
    const ours = await session(ipmits(), tilde);
    expect(ours.out).toBe(theirs.out);
    // No local echo; CR LF from the host unchanged; escape message raw.
    expect(ours.out).toBe('[SOL Session operational.  Use ~? for help]\r\necho on-a-pty\r\non-a-pty\r\nsim$ ~. [terminated ipmitool]\n');
    expect(sol.text()).toBe('echo on-a-pty\recho on-a-pty\r');
    expect(ours).toMatchObject({ rc: '0', restored: true });
  });

  for (const [signal, rc] of [['SIGTERM', '143'], ['SIGHUP', '129']] as const) {
    it(`${signal} restores the terminal and gives the payload back`, async () => {
      const r = await session(ipmits(), async (t) => {
        process.kill(t.pid(), signal);
      });
      expect(r).toMatchObject({ rc, restored: true });
      expect(await activeSolInstances(sim())).toEqual([]);
      expect(await otherSessions(sim())).toBe(0);
    });
  }
});
