/**
 * `pef policy list` with a LAN alert destination, through ipmitool and ipmits byte for byte (also
 * under -v): ipmi_sim has no alert destinations, so the injecting proxy (test/support/inject-proxy.ts,
 * IPMI v1.5 `-A NONE`) answers LAN parameters 16-19 of channel 1 (IPMI v2.0 §23.1); the policy
 * entries themselves are ipmi_sim's, written first with `ipmitool raw`. `pef status` gets its Get
 * Last Processed Event ID reply from the proxy too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame } from '../support/diff.js';
import { startInjectProxy, type InjectProxy } from '../support/inject-proxy.js';
import { runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

const LAN: Record<number, Record<number, Buffer>> = {
  16: { 0: hex('11 7075626c69632d7472617073000000000000') }, // community "public-traps"
  17: { 0: hex('11 03') },
  18: { 1: hex('11 01 00 05 03'), 2: hex('11 02 06 0a 01'), 3: hex('11 03 00 02 02') },
  19: { 1: hex('11 01 00 00 c0a80a05 001122334455'), 2: hex('11 02 00 01 0a000001 525400aabbcc') },
};

let proxy: InjectProxy | undefined;

beforeAll(async () => {
  const c = conn(simulator(), 'lanplus');
  // policies 2-4: enabled, set 1, LAN channel 1, destinations 1, 2, 3 (3 has no address: an error line)
  for (const [id, dest] of [
    [2, 0x11],
    [3, 0x12],
    [4, 0x13],
  ]) {
    const r = await runIpmitool([...c, 'raw', '0x04', '0x12', '0x09', `0x${id!.toString(16)}`, '0x18', `0x${dest!.toString(16)}`, '0x00']);
    expect(r.code, r.stderr).toBe(0);
  }
  proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, (netFn, cmd, d) => {
    // Get Last Processed Event ID (§30.6), which ipmi_sim lacks
    if (netFn === 0x04 && cmd === 0x15) return { cc: 0, data: hex('00e1f565 1a00 1900 1a00') };
    if (netFn !== 0x0c || cmd !== 0x02 || (d[0]! & 0x0f) !== 1) return undefined;
    const table = LAN[d[1]!];
    if (!table) return undefined;
    const v = table[d[2]!];
    return v ? { cc: 0, data: v } : { cc: 0x80, data: Buffer.alloc(0) };
  });
});
afterAll(() => proxy?.close());

const c = (): string[] => ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(proxy!.port), '-U', 'admin', '-P', 'adminpass'];

describe('pef policy list with LAN destinations', () => {
  it('list form', async () => {
    const p = await both([...c(), 'pef', 'policy', 'list']);
    expectSame(p);
    expect(p.ours.stdout).toContain(' 2 | 1 | enabled | Match-always | 1 | 802.3 LAN | PET | public-traps | 5 | 3 | 192.168.10.5 | 00:11:22:33:44:55\n');
  });

  it('-v (stdout)', async () => {
    expectSame(await both([...c(), '-v', 'pef', 'policy', 'list']), { stderr: false });
  });
});

describe('pef status', () => {
  it.each([[[]], [['-v']]])('flags: %s', async (flags) => {
    const p = await both([...c(), ...flags, 'pef', 'status']);
    expectSame(p, { stderr: flags.length === 0 });
    expect(p.ours.stdout).toMatch(/03\/16\/24 18:12:16 UTC/);
  });
});
