/**
 * `channel authcap` through ipmitool and ipmits byte for byte: ipmi_sim refuses Get Channel
 * Authentication Capabilities inside a session (D5h), so the injecting proxy (test/support/
 * inject-proxy.ts, IPMI v1.5 `-A NONE`) answers the in-session request (IPMI v2.0 §22.13 Table
 * 22-15); the pre-session one that opens the session still goes to ipmi_sim. It also answers Set
 * Channel Security Keys (§22.25) for `channel setkg` (an ipmits addition) and keeps the requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, expectSame } from '../support/diff.js';
import { startInjectProxy, type InjectProxy } from '../support/inject-proxy.js';
import { runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

let proxy: InjectProxy | undefined;
/** Set Channel Security Keys requests the proxy answered (ipmi_sim has no such command). */
const keyRequests: Buffer[] = [];

beforeAll(async () => {
  proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, (netFn, cmd, d) => {
    if (netFn === 0x06 && cmd === 0x56) {
      keyRequests.push(d);
      return { cc: 0, data: hex('02') };
    }
    if (netFn !== 0x06 || cmd !== 0x38) return undefined;
    const channel = d[0]! & 0x0f;
    if (channel === 1) return { cc: 0, data: d[0]! & 0x80 ? hex('01 97 24 03 000000 00') : hex('01 17 24 00 000000 00') };
    // channel 2: v1.5 only, with OEM authentication (IANA and auxiliary data printed)
    if (channel === 2) return d[0]! & 0x80 ? { cc: 0xcc, data: Buffer.alloc(0) } : { cc: 0, data: hex('02 24 3e 00 b11200 7f') };
    return { cc: 0xcc, data: Buffer.alloc(0) };
  });
});
afterAll(() => proxy?.close());

const c = (): string[] => ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(proxy!.port), '-U', 'admin', '-P', 'adminpass'];

describe('channel authcap', () => {
  it('v2.0 data: KG status, IPMI v1.5/v2.0 support', async () => {
    const p = await both([...c(), 'channel', 'authcap', '1', '4']);
    expectSame(p);
    expect(p.ours.stdout).toContain('KG status                  : non-zero\n');
  });

  it('refused with the v2.0 bit, answered without it: OEM authentication lines', async () => {
    const p = await both([...c(), 'channel', 'authcap', '2', '4']);
    expectSame(p);
    expect(p.ours.stdout).toContain('IANA Number for OEM        : 4785\nOEM Auxiliary Data         : 0x7f\n');
  });

  it('refused both ways: the second refusal is reported', async () => {
    expectSame(await both([...c(), 'channel', 'authcap', '3', '4']));
  });
});

describe('channel setkg (ipmits only)', () => {
  it('plain and hex keys: channel, "set", K_G, the key NUL padded to 20 bytes; the key is not printed', async () => {
    keyRequests.length = 0;
    const plain = await runIpmits([...c(), '-vvv', 'channel', 'setkg', 'plain', 'kg-Secret-42', '1']);
    expect(plain.stdout).toBe('Set Kg for channel 1 was successful.\n');
    expect(plain.stdout + plain.stderr).not.toContain('kg-Secret-42');
    const h = await runIpmits([...c(), 'channel', 'setkg', 'hex', '0x00112233445566778899aabbccddeeff01020304']);
    expect(h.stdout).toBe('Set Kg for channel 14 was successful.\n');
    expect(keyRequests.map((b) => b.toString('hex'))).toEqual([
      '010101' + Buffer.from('kg-Secret-42').toString('hex') + '00'.repeat(8),
      '0e0101' + '00112233445566778899aabbccddeeff01020304',
    ]);
  });
});
