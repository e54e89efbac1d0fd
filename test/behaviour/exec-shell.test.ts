/**
 * exec, shell and set against the simulated BMC: output and exit status compared with ipmitool
 * where it prints the same, one session for a whole file (counted through the UDP proxy and by
 * the BMC's active sessions), set reopening the session, the shell through a pipe (no prompt,
 * ends at end of input, idle without CPU use) and on a pty (prompt, completion, history, EOF).
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame } from '../support/diff.js';
import { ipmitsCommand, run, runIpmitool, runIpmits } from '../support/run.js';
import { startUdpProxy } from '../support/udp-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-exec-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

const lanplus = (host: string, port: number, password = 'adminpass'): string[] => [
  '-I',
  'lanplus',
  '-C',
  '3',
  '-H',
  host,
  '-p',
  String(port),
  '-U',
  'admin',
  '-P',
  password,
];

/** Sessions the BMC holds right now, as ipmitool sees them (its own included). */
async function activeSessions(): Promise<number> {
  const r = await runIpmitool([...conn(simulator(), 'lanplus'), 'channel', 'info', '1']);
  const m = /Active Session Count\s*:\s*(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`no session count in:\n${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

/** user + system CPU time of a process so far, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const EXEC_FILE = [
  '# Provisioning check, run with exec',
  'power status',
  '',
  '   ',
  '  chassis   power status   # the long form, with a comment',
  'raw 0x06 0xff',
  `raw "0x06" '0x01'`,
  `echo "two  spaces" 'single quoted' a"b c"d "x # cut here"`,
  '\tchassis power status\t',
];

describe('exec', () => {
  it.each(['lanplus', 'lan'] as const)('comments, quotes, blank lines and a failing line: the same output as ipmitool (%s)', async (iface) => {
    const f = file('check.txt', EXEC_FILE);
    const p = await both([...conn(simulator(), iface), 'exec', f]);
    expectSame(p);
    expect(p.ours.stdout).toContain('Chassis Power is on\nChassis Power is on\n 20 03 02');
    expect(p.ours.stdout).toContain('two  spaces single quoted a"b~c"d x  \n');
    expect(p.ours.stderr).toBe('Unable to send RAW command (channel=0x0 netfn=0x6 lun=0x0 cmd=0xff rsp=0xc1): Invalid command\n');
    // The failing line decides: 1 (the BMC refused the command), the other lines still ran.
    expect(p.ours.code).toBe(1);
    expect(p.ours.stdout.match(/Chassis Power is on/g)).toHaveLength(3);
  });

  it("exit status: ipmitool 1 for any failure; ipmits the first failing line's (here a usage error, 2)", async () => {
    const f = file('first-failure.txt', ['power status', 'chassis policy', 'raw 0x06 0xff', 'power status']);
    const p = await both([...conn(simulator(), 'lanplus'), 'exec', f]);
    expectSame(p);
    expect(p.theirs.code).toBe(1);
    expect(p.ours.code).toBe(2);
  });

  it('one session for the whole file, closed once at the end', async () => {
    const before = await activeSessions();
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port } });
    try {
      const f = file('three.txt', ['power status', 'chassis power status', 'power status']);
      const r = await runIpmits([...lanplus(proxy.host, proxy.port), 'exec', f]);
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'Chassis Power is on\n'.repeat(3) });
      // Open Session, RAKP 1, RAKP 3, three Get Chassis Status, one Close Session.
      expect(proxy.counts()).toMatchObject({ toBmc: 7, toClient: 7 });
    } finally {
      await proxy.close();
    }
    expect(await activeSessions()).toBe(before);
  });

  it('stops when the session cannot be opened: one error, exit 3, later lines not tried', async () => {
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const f = file('unreachable.txt', ['power status', 'power status', 'power status']);
      const r = await runIpmits([...lanplus('127.0.0.1', port), '-N', '1', '-R', '1', 'exec', f]);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.ms).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });

  it('an unreadable file: one line, non-zero, nothing sent', async () => {
    const p = await both([...conn(simulator(), 'lanplus'), 'exec', path.join(dir, 'nope.txt')]);
    expectSame(p);
    expect(p.ours).toMatchObject({ code: 6, stderr: `File ${path.join(dir, 'nope.txt')} does not exist\n` });
  });
});

describe('set in exec and shell', () => {
  it('a new port or password opens a new session; the password never appears, even under -vv', async () => {
    const before = await activeSessions();
    const proxy = await startUdpProxy({ target: { host: simulator().host, port: simulator().port } });
    try {
      const input = [
        'power status',
        `set port ${proxy.port}`,
        'power status',
        'set password WrongSecret9',
        'power status',
        'set password adminpass',
        'power status',
        '',
      ].join('\n');
      const r = await runIpmits([...lanplus(simulator().host, simulator().port), '-vv', 'shell'], { input });
      expect(r.stdout).toBe(
        `Chassis Power is on\nSet session port to ${proxy.port}\nChassis Power is on\nSet session password\nSet session password\nChassis Power is on\n`,
      );
      expect(r.stderr).toContain('Unable to establish IPMI v2 / RMCP+ session');
      expect(r.stdout + r.stderr).not.toMatch(/WrongSecret9|adminpass/);
      // The first failing line (the wrong password: authentication) decides the exit status.
      expect(r.code).toBe(4);
      // After `set port` everything went through the proxy: two sessions and a refused one.
      expect(proxy.counts().toBmc).toBeGreaterThanOrEqual(12);
    } finally {
      await proxy.close();
    }
    expect(await activeSessions()).toBe(before);
  });

  it('set of the same connection parameters and of IPMB addresses: as ipmitool prints it', async () => {
    const s = simulator();
    const f = file('params.txt', [
      'set targetaddr 0x20',
      'power status',
      'set localaddr 0x81',
      'power status',
      `set hostname ${s.host}`,
      `set port ${s.port}`,
      'set username admin',
      'set privlvl administrator',
      'power status',
    ]);
    const p = await both([...conn(s, 'lanplus'), 'exec', f]);
    expectSame(p);
    expect(p.ours.code).toBe(0);
    expect(p.ours.stdout).toBe(
      'Set remote IPMB address to 0x20\nChassis Power is on\nSet local IPMB address to 0x81\nChassis Power is on\n' +
        `Set session hostname to ${s.host}\nSet session port to ${s.port}\nSet session username to admin\n` +
        'Set session privilege level to ADMINISTRATOR\nChassis Power is on\n',
    );
  });

  it('set csv applies to the following lines, as in ipmitool', async () => {
    const f = file('csv.txt', ['sensor reading 12V', 'set csv', 'sensor reading 12V', 'set csv 0', 'sensor reading 12V']);
    const p = await both([...conn(simulator(), 'lanplus'), 'exec', f]);
    expectSame(p);
    expect(p.ours.stdout).toMatch(/^12V {14}\| [\d.]+\n12V,[\d.]+\n12V {14}\| /);
  });

  it('set privlvl: ipmitool keeps the session already open; ipmits opens one at the new level', async () => {
    const f = file('privlvl.txt', ['set privlvl user', 'chassis power on']);
    const p = await both([...conn(simulator(), 'lanplus'), 'exec', f]);
    expect(p.theirs).toMatchObject({ code: 0, stdout: 'Set session privilege level to USER\nChassis Power Control: Up/On\n' });
    expect(p.ours).toMatchObject({
      code: 1,
      stdout: 'Set session privilege level to USER\n',
      stderr: 'Set Chassis Power Control to Up/On failed: Insufficient privilege level\n',
    });
  });
});

describe('shell through a pipe', () => {
  it('reads line by line, no prompt, ends at end of input; help and ? list the commands', async () => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), 'shell'], { input: 'power status\n\n?\nraw 0x06 0xff\n# not a comment\npower status\n' });
    expect(r.stdout).toBe('Chassis Power is on\nChassis Power is on\n');
    expect(r.stderr).toMatch(/^Commands:\n\traw {11}Send a RAW IPMI request/);
    expect(r.stderr).toContain('Unable to send RAW command (channel=0x0 netfn=0x6 lun=0x0 cmd=0xff rsp=0xc1): Invalid command\nInvalid command: #\n');
    expect(r.code).toBe(1);
  });

  it("exit and quit end it at once, with the first failure's status", async () => {
    const q = await runIpmits([...conn(simulator(), 'lanplus'), 'shell'], { input: 'power status\nquit\npower status\n' });
    expect(q).toMatchObject({ code: 0, stdout: 'Chassis Power is on\n' });
    const e = await runIpmits([...conn(simulator(), 'lanplus'), 'shell'], { input: 'raw 0x06 0xff\nexit\npower status\n' });
    expect(e).toMatchObject({ code: 1, stdout: '' });
  });

  it('ipmitool echoes its prompt and never ends at end of input (it spins); ipmits ends', async () => {
    const t = await run(['timeout', '1.5', 'ipmitool', ...conn(simulator(), 'lanplus'), 'shell'], { input: 'power status\n' });
    expect(t.stdout).toBe('ipmitool> power status\nChassis Power is on\nipmitool> ');
    expect(t.code).toBe(124);
    const o = await runIpmits([...conn(simulator(), 'lanplus'), 'shell'], { input: 'power status\n' });
    expect(o).toMatchObject({ code: 0, stdout: 'Chassis Power is on\n' });
  });

  it('waits for input without using the CPU, then answers and ends with the input', async () => {
    const [cmd, ...pre] = ipmitsCommand();
    const child = spawn(cmd!, [...pre, ...conn(simulator(), 'lanplus'), 'shell'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await new Promise((r) => setTimeout(r, 700)); // started and waiting
    const start = cpuTicks(child.pid!);
    await new Promise((r) => setTimeout(r, 2000));
    // Less than 0.1 s of CPU in 2 s of waiting (ipmitool's readline loop takes a whole core at EOF).
    expect(cpuTicks(child.pid!) - start).toBeLessThan(10);
    child.stdin.write('power status\n');
    const end = Date.now() + 10_000;
    while (!out.includes('Chassis Power is on') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(out).toBe('Chassis Power is on\n');
    child.stdin.end();
    expect(await exited).toBe(0);
  });

  it('--timeout: the line that runs past the deadline fails (3), the next one opens a new session', async () => {
    const [cmd, ...pre] = ipmitsCommand();
    // --timeout counts from the process start: 2 s leave a loaded machine time to start and log in.
    const child = spawn(cmd!, [...pre, ...conn(simulator(), 'lanplus'), '--timeout', '2', 'shell'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdin.write('power status\n');
    await new Promise((r) => setTimeout(r, 2500));
    child.stdin.end('power status\npower status\n');
    expect(await exited).toBe(3);
    expect(out).toBe('Chassis Power is on\nChassis Power is on\n');
    expect(err).toBe('Unable to get Chassis Power Status\n');
  });
});

describe('shell on a terminal', () => {
  /** Keys typed one by one with pauses (readline completes only keys typed on their own). */
  function onTerminal(args: string[], keys: string[]): ReturnType<typeof run> {
    const cmdline = [...ipmitsCommand(), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const typed = keys.map((k) => `sleep 0.3; printf '${k}';`).join(' ');
    return run(['sh', '-c', `(sleep 1; ${typed} sleep 1) | script -qec "${cmdline.replace(/"/g, '\\"')}; echo exit=\\$?" /dev/null`], { timeoutMs: 30_000 });
  }

  it('prompt, tab completion of families and sub-commands, history without passwords, Ctrl-D', async () => {
    const r = await onTerminal(
      [...conn(simulator(), 'lanplus'), 'shell'],
      // "chas<TAB>st<TAB><CR>", then "set password<CR>" answered without echo, then Up + Enter, then Ctrl-D.
      ['chas', '\\t', 'st', '\\t', '\\r', 'set password\\r', 'adminpass\\r', '\\033[A', '\\r', '\\004'],
    );
    const text = r.stdout.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    expect(text).toContain('ipmitool> chassis status \r\r\nSystem Power         : on\r\n');
    expect(text).toContain('Password: \r\nSet session password\r\n');
    expect(text).not.toContain('adminpass');
    // Up recalls `chassis status`, not the `set password` line.
    expect(text.match(/System Power {9}: on/g)).toHaveLength(2);
    // End of input: a new line after the prompt, exit 0.
    expect(text).toMatch(/ipmitool> \r\nexit=0\r\n$/);
  });

  it('completion lists the candidates on a second TAB; Ctrl-C drops the line', async () => {
    const r = await onTerminal([...conn(simulator(), 'lanplus'), 'shell'], ['s', '\\t', '\\t', '\\025', 'power st', '\\003', 'exit\\r']);
    const text = r.stdout.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    // Ctrl-C dropped the half-typed line: nothing ran.
    expect(text).toContain('ipmitool> power st^C\r\n');
    expect(text).not.toContain('Chassis Power');
    const listed = /ipmitool> s\r*\n((?:[a-z]+\r*\n)+)/.exec(text)?.[1]?.split(/\r*\n/).filter(Boolean) ?? [];
    expect(listed).toEqual(expect.arrayContaining(['sdr', 'sel', 'sol', 'shell', 'set']));
    expect(listed.every((w) => w.startsWith('s'))).toBe(true);
    expect(text).toMatch(/exit=0\r\n$/);
  });
});
