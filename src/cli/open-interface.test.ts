/**
 * The CLI on -I open with an in-memory driver: the default interface without -H, -d,
 * -m, bridging options reaching the transport, and the device errors as printed.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/unit/fakes/fake-clock.js';
import { MockIpmiDev, type MockOptions } from '../native/mock-binding.js';
import { main } from './main.js';

const deviceId = [0x20, 0x81, 0x05, 0x10, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x31, 0x0b];

async function cli(argv: string[], mock: Partial<MockOptions> = {}, sys = ['/sys/class/ipmi']) {
  const clock = new FakeClock();
  const dev = new MockIpmiDev({ clock, respond: () => ({ cc: 0, data: deviceId }), ...mock });
  let out = '';
  let err = '';
  const code = await main(
    argv,
    {
      stdout: { write: (c) => void (out += String(c)) },
      stderr: { write: (c) => void (err += String(c)) },
      stdin: process.stdin,
    },
    {
      env: {},
      clock,
      random: (n) => Buffer.alloc(n, 1),
      connect: () => Promise.reject(new Error('no network in this test')),
      prompt: async () => undefined,
      ipmiDev: () => ({ binding: dev }),
      exists: (p) => sys.includes(p),
    },
  );
  return { code, out, err, dev };
}

describe('-I open from the command line', () => {
  it('is the interface when -H is not given', async () => {
    const r = await cli(['raw', '0x06', '0x01']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(' 20 81 05 10 02 bf 57 01 00 31 0b\n');
    expect(r.dev.sent[0]).toMatchObject({ addr: { type: 'si', lun: 0 }, netfn: 6, cmd: 1 });
    expect(r.dev.openFds).toEqual([]); // closed at the end
  });

  it('-d 1 and -m 0x22 reach the driver', async () => {
    const r = await cli(['-d', '1', '-m', '0x22', 'raw', '0x06', '0x01'], { nodes: { '/dev/ipmi1': 'ok' } });
    expect(r.code).toBe(0);
    expect(r.dev.openAttempts).toEqual(['/dev/ipmi1']);
    expect(r.dev.myAddress).toBe(0x22);
  });

  it('-t/-b address the IPMB target through the driver; -l sets its LUN', async () => {
    const r = await cli(['-t', '0x2c', '-b', '6', '-l', '1', 'raw', '0x06', '0x01']);
    expect(r.code).toBe(0);
    expect(r.dev.sent[0]!.addr).toEqual({ type: 'ipmb', channel: 6, slaveAddr: 0x2c, lun: 1 });
  });

  it("-T without -t: ipmitool's line, nothing opened", async () => {
    const r = await cli(['-T', '0x30', '-B', '2', 'mc', 'info']);
    expect(r.err).toBe('Transit address/channel 0x30/0x2 ignored. Target address must be specified!\n');
    expect(r.code).toBe(2);
    expect(r.dev.openAttempts).toEqual([]);
  });

  it('no device: one line, exit 3', async () => {
    const r = await cli(['mc', 'info'], { nodes: {} });
    expect(r.err).toBe('Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory\n');
    expect(r.out).toBe('');
    expect(r.code).toBe(3);
  });

  it('--json errors carry the device layer', async () => {
    const r = await cli(['--json', 'mc', 'info'], { nodes: { '/dev/ipmi0': 'EACCES' } });
    const e = JSON.parse(r.err) as { error: { code: string; layer: string; exitCode: number; message: string } };
    expect(e.error).toMatchObject({ code: 'device', layer: 'device', exitCode: 3 });
    expect(e.error.message).toMatch(/Permission denied/);
  });
});
