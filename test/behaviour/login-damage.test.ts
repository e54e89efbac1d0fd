/**
 * Login when one set-up reply is damaged (issue 15, defect 3): a truncated Open Session response,
 * a RAKP 2 with a flipped bit (its HMAC no longer matches, as with a wrong password) or a truncated
 * RAKP 4 restart the handshake with a new session ID instead of failing with exit 5 or 4.
 * A wrong password still fails as authentication (exit 4).
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runIpmitool, runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

/**
 * Forwards both ways; the first `count` BMC datagrams of RMCP+ payload type `payloadType` go through
 * `damage` (null: dropped).
 */
async function damagingProxy(payloadType: number, damage: (b: Buffer) => Buffer | null, count = 1): Promise<{ port: number; close(): void }> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  let client: AddressInfo | undefined;
  let hits = 0;
  front.on('message', (m, r) => {
    client = r;
    back.send(m, simulator().port, simulator().host);
  });
  back.on('message', (m) => {
    if (!client) return;
    // RMCP (4) + auth type 06h + payload type byte at offset 5.
    const hit = hits < count && m.length > 5 && m[4] === 0x06 && (m[5]! & 0x3f) === payloadType;
    if (hit) hits++;
    const out = hit ? damage(Buffer.from(m)) : m;
    if (out) front.send(out, client.port, client.address);
  });
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', r));
  await new Promise<void>((r) => back.bind(0, '127.0.0.1', r));
  return {
    port: (front.address() as AddressInfo).port,
    close() {
      front.close();
      back.close();
    },
  };
}

const at = (port: number, password = 'adminpass'): string[] => [
  '-I',
  'lanplus',
  '-C',
  '3',
  '-H',
  '127.0.0.1',
  '-p',
  String(port),
  '-U',
  'admin',
  '-P',
  password,
];

describe('one damaged set-up reply: the handshake starts again', () => {
  it.each([
    ['a truncated Open Session response', 0x11, (b: Buffer) => b.subarray(0, b.length - 12)],
    [
      'a RAKP 2 with a bit flipped in its HMAC',
      0x13,
      (b: Buffer) => {
        b[b.length - 3]! ^= 0x01;
        return b;
      },
    ],
    ['a truncated RAKP 4', 0x15, (b: Buffer) => b.subarray(0, b.length - 6)],
  ])('%s: power status succeeds (was exit 5 / 4)', async (_, type, damage) => {
    const proxy = await damagingProxy(type, damage);
    try {
      const r = await runIpmits([...at(proxy.port), 'power', 'status']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('Chassis Power is on\n');
      expect(r.code).toBe(0);
    } finally {
      proxy.close();
    }
  });

  it('a wrong password is still authentication (exit 4), and quick', async () => {
    const s = simulator();
    const r = await runIpmits(['-I', 'lanplus', '-C', '3', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-P', 'wrong', 'power', 'status']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('Error: Unable to establish IPMI v2 / RMCP+ session\n');
    expect(r.ms).toBeLessThan(10_000);
  });
});

/** Sessions ipmi_sim holds, half-open ones included (it counts a session from its Open Session), as ipmitool sees them (its own included). */
async function activeSessions(): Promise<number> {
  const s = simulator();
  const r = await runIpmitool(['-I', 'lanplus', '-C', '3', '-H', s.host, '-p', String(s.port), '-U', 'admin', '-P', 'adminpass', 'channel', 'info', '1']);
  const m = /Active Session Count\s*:\s*(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`no session count in:\n${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

const flipHmac = (b: Buffer): Buffer => {
  b[b.length - 3]! ^= 0x01;
  return b;
};

/**
 * ipmi_sim 2.0.33 answers a repeated RAKP 1 (OpenIPMI 2.0.37 ignores it: commit 9b49a17b), so one lost
 * RAKP 2 is made up by the retransmission. It answers a repeated RAKP 3 too, but sealed with the keys of
 * the session it has just authenticated (encrypted, with an integrity trailer), which is no RAKP 4 a
 * console can take: after a lost RAKP 4 the session is up all the same, which Get Device ID in it shows.
 */
describe('a lost set-up reply is sent again; a handshake given up half-way frees its session on the BMC (it held a slot for 30 s)', () => {
  it.each([
    ['the first RAKP 2 lost: RAKP 1 again, no second session', 0x13, () => null, 1, 0],
    ['both RAKP 2 of a handshake lost: freed by RAKP 3 with an error status', 0x13, () => null, 2, 0],
    ['the first RAKP 4 lost: the session answers a command in it and is used, no second session', 0x15, () => null, 1, 0],
    ['every RAKP 2 damaged: 4 handshakes, authentication failure', 0x13, flipHmac, 99, 4],
  ])('%s', async (_, type, damage, count, exit) => {
    const before = await activeSessions();
    const proxy = await damagingProxy(type, damage, count);
    try {
      const r = await runIpmits([...at(proxy.port), 'power', 'status']);
      expect(r.code).toBe(exit);
      if (exit === 0) expect(r.stdout).toBe('Chassis Power is on\n');
    } finally {
      proxy.close();
    }
    expect(await activeSessions()).toBe(before);
  });
});
