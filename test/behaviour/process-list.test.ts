/**
 * Secrets in the process list (issue 15 defect 6, issue 12): /proc/PID/cmdline read in a loop from
 * the moment the process is spawned. The -P, -k and -y values must be gone, masked in place, before
 * ipmits sends its first datagram, and stay gone. (How long they were readable is a figure of
 * `npm run bench`, startup section, not a timed assertion.)
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipmitsCommand } from '../support/run.js';

const PASSWORD = 'Sup3rSecretPw';
const KG = 'kgSecretKey';
const KG_HEX = '0a0b0c0d0e0f';

let bmc: dgram.Socket;
let port: number;
let datagrams = 0;

beforeAll(async () => {
  // A BMC that never answers: ipmits waits there with its command line as it is.
  bmc = dgram.createSocket('udp4');
  bmc.on('message', () => void datagrams++);
  await new Promise<void>((r) => bmc.bind(0, '127.0.0.1', r));
  port = (bmc.address() as AddressInfo).port;
});
afterAll(() => bmc.close());

/** Reads /proc/PID/cmdline until no secret is in it; every read, in order (NULs as spaces). */
function pollUntilMasked(pid: number, secrets: string[]): string[] {
  const reads: string[] = [];
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    let s: string;
    try {
      s = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
    } catch {
      break; // the process is gone
    }
    if (s === '') continue;
    reads.push(s);
    if (!secrets.some((x) => s.includes(x))) break;
  }
  return reads;
}

describe('secrets in /proc/PID/cmdline, read from the start', () => {
  it.each([
    [
      '-P, -k and -y as separate words',
      ['-P', PASSWORD, '-k', KG, '-y', KG_HEX],
      [PASSWORD, KG, KG_HEX],
      ['-P XXXXXXXXXXXXX', '-k XXXXXXXXXXX', '-y XXXXXXXXXXXX'],
    ],
    ['attached to their flags', [`-P${PASSWORD}`, `-y${KG_HEX}`], [PASSWORD, KG_HEX], ['-PXXXXXXXXXXXXX', '-yXXXXXXXXXXXX']],
  ])('%s: masked in place before the first datagram, and stay masked', async (_, secretArgs, secrets, shown) => {
    const [cmd, ...pre] = ipmitsCommand();
    const before = datagrams;
    const child = spawn(
      cmd!,
      [...pre, '-I', 'lanplus', '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', ...secretArgs, '-C', '3', '-N', '5', 'power', 'status'],
      {
        stdio: 'ignore',
      },
    );
    try {
      const reads = pollUntilMasked(child.pid!, secrets);
      const last = reads.at(-1) ?? '';
      expect(reads.length).toBeGreaterThan(0);
      for (const s of secrets) expect(last).not.toContain(s);
      for (const s of shown) expect(last).toContain(s);
      expect(last).toContain('-U admin');
      expect(last).toContain('power status');
      // The first datagram has gone out: ipmits has started, and the command line is still masked.
      const end = Date.now() + 10_000;
      while (datagrams === before && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      expect(datagrams).toBeGreaterThan(before);
      const now = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1');
      for (const s of secrets) expect(now).not.toContain(s);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('nothing to hide: the command line is left as it is', async () => {
    const [cmd, ...pre] = ipmitsCommand();
    const before = datagrams;
    const child = spawn(cmd!, [...pre, '-I', 'lanplus', '-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-E', '-C', '3', '-N', '5', 'power', 'status'], {
      stdio: 'ignore',
      env: { ...process.env, IPMI_PASSWORD: PASSWORD },
    });
    try {
      const end = Date.now() + 10_000;
      while (datagrams === before && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      const now = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
      expect(now).toContain('-U admin -E -C 3 -N 5 power status');
      expect(now).not.toContain('XXXX');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
