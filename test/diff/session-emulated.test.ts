/**
 * `session info` with the 802.3 LAN (18 bytes) and serial/modem (14 bytes) reply layouts of Get
 * Session Info (IPMI v2.0 §22.20 Table 22-21), through ipmitool and ipmits byte for byte: ipmi_sim
 * sends 6 bytes, so the injecting proxy (test/support/inject-proxy.ts, IPMI v1.5 `-A NONE`) answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, expectSame } from '../support/diff.js';
import { startInjectProxy, type InjectProxy } from '../support/inject-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

const LAN = hex('05 04 02 02 04 01 7f000001 525400123456 6f02');
const SERIAL = hex('07 04 02 03 02 12 01 03 0a000001 e803');
const FREE = hex('00 04 02');

let proxy: InjectProxy | undefined;

beforeAll(async () => {
  proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, (netFn, cmd, d) => {
    if (netFn !== 0x06 || cmd !== 0x3d) return undefined;
    const sel = d[0]!;
    const pick = (b: Buffer): { cc: number; data: Buffer } => ({ cc: 0, data: b });
    if (sel === 0x00 || sel === 0x01) return pick(LAN);
    if (sel === 0x02) return pick(SERIAL);
    if (sel === 0xfe) return d[1] === 7 ? pick(SERIAL) : { cc: 0xcb, data: Buffer.alloc(0) };
    if (sel === 0xff) return d.readUInt32LE(1) === 0x1234 ? pick(LAN) : { cc: 0xcb, data: Buffer.alloc(0) };
    return pick(FREE);
  });
});
afterAll(() => proxy?.close());

const c = (): string[] => ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(proxy!.port), '-U', 'admin', '-P', 'adminpass'];

describe('session info with console addresses', () => {
  it.each([
    [['session', 'info', 'active']],
    [['-c', 'session', 'info', 'active']],
    [['session', 'info', 'handle', '8']],
    [['session', 'info', 'id', '0x1234']],
    [['session', 'info', 'id', '0x1235']],
  ])('%s', async (args) => {
    expectSame(await both([...c(), ...args]));
  });

  /**
   * The console port of a PPP serial session (14 bytes): ipmitool reads it at the 802.3 LAN layout's
   * offset (bytes 17-18), so it prints 0, or the port of the previous session in `all`; ipmits
   * prints the port the reply carries (bytes 13-14). Everything else is the same.
   */
  it.each([
    [['session', 'info', 'handle', '7'], '0'],
    [['session', 'info', 'all'], '623'],
    [['-c', 'session', 'info', 'all'], '623'],
  ])('%s: the serial console port differs as documented', async (args, theirsPort) => {
    const p = await both([...c(), ...args]);
    const csv = args[0] === '-c';
    const port = (v: string): RegExp =>
      csv
        ? new RegExp(`(Callback Messaging session active,3,10\\.0\\.0\\.1,)${v}$`, 'm')
        : new RegExp(`(Destination selector {10}: 3\\nconsole ip {20}: 10\\.0\\.0\\.1\\nconsole port {18}: )${v}$`, 'm');
    expect(p.theirs.stdout).toMatch(port(theirsPort));
    expect(p.ours.stdout).toMatch(port('1000'));
    expect(p.ours.stdout.replace(port('1000'), '$1X')).toBe(p.theirs.stdout.replace(port(theirsPort), '$1X'));
    expect(p.ours.stderr).toBe(p.theirs.stderr);
  });
});
