/**
 * `sol activate` on a terminal (a pty from script(1)): raw mode (no local echo,
 * CR typed reaches the host as CR, the console's CR LF unchanged), the same
 * bytes on the screen as ipmitool, and the terminal settings restored on every
 * way out (~., SIGTERM, SIGHUP).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

let live: SolProcess[] = [];
const start = (p: SolProcess): SolProcess => {
  live.push(p);
  return p;
};
afterEach(async () => {
  for (const p of live) p.kill();
  live = [];
});

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Run a SOL client on a fresh pty: the shell saves `stty -g`, runs the client
 * (in the background with the pty as stdin, so the test can signal it by pid),
 * then records its exit status and `stty -g` again.
 */
function onPty(client: string[]): { p: SolProcess; pid: () => number; tty: () => string; result: () => { rc: string; before: string; after: string } } {
  const f = (n: string): string => path.join(dir, n);
  for (const n of ['before', 'after', 'rc', 'pid', 'tty']) fs.rmSync(f(n), { force: true });
  const cmd = client.map(q).join(' ');
  // `wait` returns when the client stops (SIGTSTP) too: wait again until it has exited.
  const sh = `tty > ${f('tty')}; stty -g > ${f('before')}; ${cmd} < /dev/tty & c=$!; echo $c > ${f('pid')}; wait $c; r=$?; while kill -0 $c 2>/dev/null; do sleep 0.05; done; echo $r > ${f('rc')}; stty -g > ${f('after')}`;
  const p = new SolProcess(['script', '-qec', `sh -c ${q(sh)}`, '/dev/null']);
  return {
    p,
    pid: () => Number(fs.readFileSync(f('pid'), 'utf8')),
    tty: () => fs.readFileSync(f('tty'), 'utf8').trim(),
    result: () => ({ rc: fs.readFileSync(f('rc'), 'utf8').trim(), before: fs.readFileSync(f('before'), 'utf8'), after: fs.readFileSync(f('after'), 'utf8') }),
  };
}

const ipmits = (): string[] => [...ipmitsCommand(), ...conn(sim(), 'lanplus'), 'sol', 'activate'];
const ipmitool = (): string[] => ['ipmitool', ...conn(sim(), 'lanplus'), 'sol', 'activate'];

async function session(client: string[], end: (t: ReturnType<typeof onPty>) => Promise<void>): Promise<{ out: string; rc: string; restored: boolean }> {
  const t = onPty(client);
  try {
    await t.p.waitOut('help]\r\n');
    // ipmitool prints the banner before it enters raw mode: typing at once would
    // race its tcsetattr (local echo, CR turned into LF). ipmits goes raw first.
    await new Promise((r) => setTimeout(r, 200));
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

  for (const [signal, rc] of [
    ['SIGTERM', '143'],
    ['SIGHUP', '129'],
  ] as const) {
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

/** The pty's settings as `stty -g` prints them, read from outside. */
function sttyOf(tty: string): string {
  return execFileSync('stty', ['-g', '-F', tty], { encoding: 'utf8' });
}

async function until(what: string, f: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/*
 * SIGTSTP stops a process only in a process group with job control (the kernel
 * discards it in an orphaned group), so here the shell runs with -m, the client
 * in the foreground: when it stops the shell records the terminal settings and
 * waits for the test's go before `fg`.
 */
describe('~^Z and ~^X', () => {
  for (const [esc, name, rawAgain] of [
    ['\x1a', '~^Z', true],
    ['\x18', '~^X', false],
  ] as const) {
    it(`${name}: stops with the terminal restored; on fg ${rawAgain ? 'raw again' : 'the terminal stays as it is'}`, async () => {
      const f = (n: string): string => path.join(dir, n);
      for (const n of ['before', 'after', 'during', 'rc', 'tty', 'stopped', 'cont']) fs.rmSync(f(n), { force: true });
      const sh =
        `tty > ${f('tty')}; stty -g > ${f('before')}; ${ipmits().map(q).join(' ')}; r=$?; ` +
        `while [ $r -eq 148 ]; do stty -g > ${f('during')}; touch ${f('stopped')}; while [ ! -e ${f('cont')} ]; do sleep 0.05; done; fg > /dev/null; r=$?; done; ` +
        `echo $r > ${f('rc')}; stty -g > ${f('after')}`;
      const p = start(new SolProcess(['script', '-qec', `sh -mc ${q(sh)}`, '/dev/null']));
      await p.waitOut('help]\r\n');
      p.type('echo before-stop\r');
      await p.waitOut('before-stop\r\nsim$ ');
      const tty = fs.readFileSync(f('tty'), 'utf8').trim();
      const before = fs.readFileSync(f('before'), 'utf8');
      expect(sttyOf(tty)).not.toBe(before);
      p.type(`~${esc}`);
      await p.waitOut('~^Z [suspend ipmitool]\n');
      await until('the client to stop', () => fs.existsSync(f('stopped')));
      expect(fs.readFileSync(f('during'), 'utf8')).toBe(before);
      fs.writeFileSync(f('cont'), '');
      if (rawAgain) await until('raw mode again', () => sttyOf(tty) !== before);
      else {
        await new Promise((res) => setTimeout(res, 300));
        expect(sttyOf(tty)).toBe(before);
      }
      // Cooked after ~^X: the line goes through when it ends.
      p.type(rawAgain ? '~.' : '~.\n');
      await p.exited;
      expect(fs.readFileSync(f('rc'), 'utf8').trim()).toBe('0');
      expect(fs.readFileSync(f('after'), 'utf8')).toBe(before);
    });
  }
});
