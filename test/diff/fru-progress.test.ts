/**
 * `fru read` / `fru write` on a slow BMC (every reply delayed by a UDP proxy): progress on
 * stderr when it is a terminal (util-linux `script` provides the pty), nothing when piped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipmitsCommand, run } from '../support/run.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { useSim } from '../support/use-sim.js';
import { FRU0, fruImage } from '../sim/sim.js';

const sim = useSim({ seedSel: false });
let proxy: UdpProxy;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-fru-progress-'));

beforeAll(async () => {
  proxy = await startUdpProxy({ target: { host: sim().host, port: sim().port }, delayMs: 120 });
});
afterAll(async () => {
  await proxy?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const args = (...a: string[]): string[] => ['-I', 'lanplus', '-C', '3', '-H', proxy.host, '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', ...a];

function onTerminal(argv: string[]): ReturnType<typeof run> {
  const cmdline = [...ipmitsCommand(), ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return run(['script', '-qec', cmdline, '/dev/null']);
}

describe('progress on a slow BMC', () => {
  it('fru read on a terminal: a redrawn line on stderr, erased before the result', async () => {
    const file = path.join(tmp, 'tty.bin');
    const r = await onTerminal(args('fru', 'read', '0', file));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\r\x1b\[KReading FRU 0: \d+\/512 bytes \(\d+%\)/);
    expect(r.stdout).toMatch(/\r\x1b\[KFru Size {9}: 512 bytes\r\nDone\r\n$/);
    expect(fs.readFileSync(file)).toEqual(fruImage(FRU0));
  }, 30_000);

  it('fru write on a terminal', async () => {
    const file = path.join(tmp, 'w.bin');
    fs.writeFileSync(file, fruImage(FRU0));
    const r = await onTerminal(args('fru', 'write', '0', file));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\r\x1b\[KWriting FRU 0: \d+\/512 bytes \(\d+%\)/);
  }, 30_000);

  it('piped: no progress', async () => {
    const r = await run([...ipmitsCommand(), ...args('fru', 'read', '0', path.join(tmp, 'pipe.bin'))]);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'Fru Size         : 512 bytes\nDone\n' });
  }, 30_000);
});
