/**
 * The real conserver (Debian conserver-server / conserver-client) on loopback,
 * with a private configuration whose console `exec`s `ipmits ... sol activate`
 * against the simulated BMC: the console's output lands in conserver's log,
 * input typed through `console` reaches the host, and taking the console down
 * and up with conserver's own commands (^Ec o reopen, ^Ec d down) gives the SOL
 * payload back each time, so it reconnects at once and nothing is left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conn } from '../support/diff.js';
import { ipmitsCommand } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { BANNER, ENV, SolProcess, activeSolInstances, otherSessions } from './support.js';

const sim = useSim({ sol: true, seedSel: false });

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function until<T>(what: string, f: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('conserver exec console running ipmits sol activate', () => {
  let dir: string;
  let port: number;
  let server: ChildProcess | undefined;
  let serverErr = '';
  const log = (): string => (fs.existsSync(path.join(dir, 'sim.log')) ? fs.readFileSync(path.join(dir, 'sim.log'), 'latin1') : '');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-conserver-'));
    port = await freeTcpPort();
    const exec = [...ipmitsCommand(), ...conn(sim(), 'lanplus'), 'sol', 'activate'].join(' ');
    fs.writeFileSync(
      path.join(dir, 'conserver.cf'),
      [
        `config * { primaryport ${port}; secondaryport 0; logfile ${dir}/server.log; }`,
        `default * { logfile ${dir}/&.log; timestamp ""; rw *; master 127.0.0.1; }`,
        `console sim { type exec; exec ${exec}; }`,
        'access * { trusted 127.0.0.1; }',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'conserver.passwd'), '');
    // -E: no TLS; -a t with "trusted 127.0.0.1": no passwords on loopback. Nothing from /etc/conserver.
    // Its own process group: conserver forks a process per console group, stopped with it below.
    server = spawn('conserver', ['-C', `${dir}/conserver.cf`, '-P', `${dir}/conserver.passwd`, '-M', '127.0.0.1', '-p', String(port), '-a', 't', '-E'], {
      env: ENV,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    server.stderr!.on('data', (d: Buffer) => (serverErr += d.toString()));
    await until(`conserver to bring the console up (${serverErr})`, () => log().includes(BANNER.trimEnd()));
    const t0 = Date.now();
    while (!(await canConnect(port))) {
      if (Date.now() - t0 > 10_000) throw new Error(`conserver does not listen on ${port}: ${serverErr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    if (server?.pid !== undefined) {
      const gone = server.exitCode === null ? new Promise((r) => server!.once('exit', r)) : Promise.resolve();
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // the group is gone already
      }
      await gone;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('output in the log, input through console, down and up again, nothing left behind', async () => {
    const sol = sim().sol!;
    sol.mode = 'shell';
    sol.clear();
    // `console` with pipes: typed bytes go to the console, ^E c <x> are conserver's commands.
    const client = new SolProcess(['console', '-C', '/dev/null', '-M', '127.0.0.1', '-p', String(port), '-E', '-f', '-l', 'tester', 'sim']);
    try {
      await client.waitOut("[Enter `^Ec?' for help]");
      client.type('echo through-conserver\r');
      await sol.waitFor('echo through-conserver\r');
      await client.waitOut('through-conserver\r\nsim$ ');
      await until('the output in the console log', () => log().includes('echo through-conserver\r\nthrough-conserver\r\nsim$ '));

      // ^Ec o: conserver closes the console (the exec'd ipmits gets SIGHUP) and opens it again.
      const ups = log().split('[-- Console up --').length;
      client.type('\x05co');
      await until(
        'the console to come up again',
        () => log().split('[-- Console up --').length > ups && log().lastIndexOf(BANNER.trimEnd()) > log().lastIndexOf('[-- Console up --'),
      );
      // The new ipmits got the payload at once: no "already active" in the log, typing works.
      expect(log()).not.toContain('already active');
      client.type('echo after-reopen\r');
      await until('the second session to echo', () => log().includes('after-reopen\r\nsim$ '));
      expect(JSON.stringify(sol.text())).toBe(JSON.stringify('echo through-conserver\recho after-reopen\r'));

      // ^Ec d: down. ipmits ends with Deactivate Payload + Close Session.
      client.type('\x05cd');
      await client.waitOut('[line down]');
      await until('the console to go down', () => log().lastIndexOf('[-- Console down --') > log().lastIndexOf('after-reopen'));
      client.type('\x05c.');
      await client.exited;
    } finally {
      client.kill();
    }
    expect(await activeSolInstances(sim())).toEqual([]);
    expect(await otherSessions(sim())).toBe(0);

    // And the console is free for anyone else at once.
    const p = new SolProcess([...ipmitsCommand(), ...conn(sim(), 'lanplus'), 'sol', 'activate']);
    p.type('echo free\r');
    await p.waitOut('free\r\nsim$ ');
    p.end();
    expect((await p.exited).code).toBe(0);
  });
});
