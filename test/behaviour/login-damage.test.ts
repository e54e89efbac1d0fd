/**
 * Login when one set-up reply is damaged (issue 15, defect 3): a truncated Open Session response,
 * a RAKP 2 with a flipped bit (its HMAC no longer matches, as with a wrong password) or a truncated
 * RAKP 4 restart the handshake with a new session ID instead of failing with exit 5 or 4.
 * A wrong password still fails as authentication (exit 4).
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

/** Forwards both ways; the first BMC datagram of RMCP+ payload type `payloadType` goes through `damage`. */
async function damagingProxy(payloadType: number, damage: (b: Buffer) => Buffer): Promise<{ port: number; close(): void }> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  let client: AddressInfo | undefined;
  let done = false;
  front.on('message', (m, r) => {
    client = r;
    back.send(m, simulator().port, simulator().host);
  });
  back.on('message', (m) => {
    if (!client) return;
    // RMCP (4) + auth type 06h + payload type byte at offset 5.
    const hit = !done && m.length > 5 && m[4] === 0x06 && (m[5]! & 0x3f) === payloadType;
    if (hit) done = true;
    front.send(hit ? damage(Buffer.from(m)) : m, client.port, client.address);
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
