/**
 * `lan alert print|set` through ipmitool and ipmits, byte for byte, with alert destinations:
 * ipmi_sim has none (its parameter 17 is 0), so a proxy in front of it (test/support/inject-proxy.ts,
 * IPMI v1.5 with `-A NONE`) keeps three destinations of channel 1 (LAN parameters 17-19, IPMI v2.0
 * §23.1) and passes every other request to ipmi_sim. Each set is read back by the other client.
 * The proxy also answers Get IP/UDP/RMCP Statistics (§23.4) for `lan stats`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, expectSame } from '../support/diff.js';
import { startInjectProxy, type InjectProxy } from '../support/inject-proxy.js';
import { runIpmits, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

/** Destinations 0-2 of channel 1: parameter 18 (type) and 19 (address) data after the set selector. */
const types = new Map<number, Buffer>([
  [0, hex('00 00 00')],
  [1, hex('80 05 03')],
  [2, hex('06 0a 01')],
]);
const addresses = new Map<number, Buffer>([
  [0, hex('00 00 00000000 000000000000')],
  [1, hex('00 00 c0a80a05 001122334455')],
  [2, hex('00 01 0a000001 525400aabbcc')],
]);

let proxy: InjectProxy | undefined;

beforeAll(async () => {
  proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, (netFn, cmd, d) => {
    if (netFn !== 0x0c || (d[0]! & 0x0f) !== 1) return undefined;
    // Get IP/UDP/RMCP Statistics (§23.4), which ipmi_sim lacks: nine counters, least significant byte first
    if (cmd === 0x04) return { cc: 0, data: hex('3412 0100 0200 0000 ff00 0501 0700 0000 0900') };
    const param = d[1]!;
    if (cmd === 0x02 && param === 17) return { cc: 0, data: hex('11 02') }; // 2 non-volatile destinations
    if (cmd === 0x02 && (param === 18 || param === 19)) {
      const v = (param === 18 ? types : addresses).get(d[2]!);
      return v ? { cc: 0, data: Buffer.concat([hex('11'), Buffer.of(d[2]!), v]) } : { cc: 0xc9, data: Buffer.alloc(0) };
    }
    if (cmd === 0x01 && (param === 18 || param === 19)) {
      const table = param === 18 ? types : addresses;
      if (!table.has(d[2]!)) return { cc: 0xc9, data: Buffer.alloc(0) };
      table.set(d[2]!, Buffer.from(d.subarray(3)));
      return { cc: 0, data: Buffer.alloc(0) };
    }
    return undefined;
  });
});
afterAll(() => proxy?.close());

const c = (): string[] => ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(proxy!.port), '-U', 'admin', '-P', 'adminpass'];

describe('lan alert with destinations', () => {
  it.each([
    [['lan', 'alert', 'print']],
    [['lan', 'alert', 'print', '1']],
    [['lan', 'alert', 'print', '1', '1']],
    [['lan', 'alert', 'print', '1', '2']],
    [['lan', 'alert', 'print', '1', '3']],
  ])('%s', async (args) => {
    expectSame(await both([...c(), ...args]));
  });

  it.each([
    [['ipaddr', '192.168.10.77'], /^Alert IP Address +: 192\.168\.10\.77$/m],
    [['macaddr', '52:54:00:0a:0b:0c'], /^Alert MAC Address +: 52:54:00:0a:0b:0c$/m],
    [['gateway', 'backup'], /^Alert Gateway +: Backup$/m],
    [['ack', 'off'], /^Alert Acknowledge +: Unacknowledged$/m],
    [['type', 'oem1'], /^Destination Type +: OEM 1$/m],
    [['time', '9'], /^Retry Interval +: 9$/m],
    [['retry', '6'], /^Number of Retries +: 6$/m],
  ])('lan alert set 1 1 %s: the same set through both (same messages), then both print it', async (param, line) => {
    const set = await both([...c(), 'lan', 'alert', 'set', '1', '1', ...param]);
    expectSame(set);
    const p = await both([...c(), 'lan', 'alert', 'print', '1', '1']);
    expectSame(p);
    expect(p.theirs.stdout).toMatch(line);
  });

  it('one direction at a time: ipmitool sets destination 2, ipmits prints it; ipmits sets it back, ipmitool prints', async () => {
    expect((await runIpmitool([...c(), 'lan', 'alert', 'set', '1', '2', 'ipaddr', '10.1.2.3'])).code).toBe(0);
    expect((await runIpmits([...c(), 'lan', 'alert', 'print', '1', '2'])).stdout).toMatch(/^Alert IP Address +: 10\.1\.2\.3$/m);
    expect((await runIpmits([...c(), 'lan', 'alert', 'set', '1', '2', 'ipaddr', '10.0.0.1'])).code).toBe(0);
    expect((await runIpmitool([...c(), 'lan', 'alert', 'print', '1', '2'])).stdout).toMatch(/^Alert IP Address +: 10\.0\.0\.1$/m);
  });

  it('--json lan alert print 1', async () => {
    const r = await runIpmits([...c(), '--json', 'lan', 'alert', 'print', '1']);
    expect(JSON.parse(r.stdout).destinations.length).toBe(3);
  });
});

describe('lan stats', () => {
  it.each([[['lan', 'stats', 'get', '1']], [['lan', 'stats', 'get']], [['lan', 'stats', 'clear', '1']], [['-vv', 'lan', 'stats', 'get', '1']]])(
    '%s',
    async (args) => {
      expectSame(await both([...c(), ...args]), { stderr: !args.includes('-vv') });
    },
  );

  it("the text swaps each counter's bytes as ipmitool does; --json has the values as sent", async () => {
    const p = await both([...c(), 'lan', 'stats', 'get', '1']);
    expect(p.theirs.stdout).toContain('IP Rx Packet              : 13330\n');
    const j = JSON.parse((await runIpmits([...c(), '--json', 'lan', 'stats', 'get', '1'])).stdout);
    expect(j).toMatchObject({ channel: 1, ipPacketsReceived: 0x1234, ipPacketsTransmitted: 0xff, udpPacketsReceived: 0x0105 });
  });
});
