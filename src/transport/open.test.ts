/**
 * -I open over the in-memory binding: device paths and their errors, message ids,
 * replies that are not ours, timeouts, retries, bridging through the driver, close.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock, flush } from '../../test/unit/fakes/fake-clock.js';
import { DecodeError, DeviceError, TimeoutError } from '../errors.js';
import { MockIpmiDev, type MockOptions } from '../native/mock-binding.js';
import { RecvType } from '../native/linux-ipmi.js';
import { Deadline } from './exchanger.js';
import { OpenTransport, type OpenOptions } from './open.js';

const getDeviceId = { netFn: 0x06, cmd: 0x01, data: new Uint8Array(0) };
const deviceIdReply = [0x20, 0x81, 0x05, 0x10, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x31, 0x0b];

function setup(mock: Partial<MockOptions> = {}, opts: Partial<OpenOptions> = {}, sys: string[] = ['/sys/class/ipmi', '/sys/class/ipmi/ipmi0']) {
  const clock = new FakeClock();
  const dev = new MockIpmiDev({ clock, respond: () => ({ cc: 0, data: deviceIdReply }), ...mock });
  const logs: string[] = [];
  const t = new OpenTransport(
    { devnum: 0, timeoutMs: 15_000, tries: 1, myAddr: 0x20, ...opts },
    {
      binding: () => ({ binding: dev }),
      clock,
      log: { verbose: (level, line) => void logs.push(`${level}: ${line}`) },
      deadline: Deadline.none(clock),
      exists: (p) => sys.includes(p),
    },
  );
  return { clock, dev, t, logs };
}

async function openError(mock: Partial<MockOptions>, sys?: string[], devnum = 0): Promise<DeviceError> {
  const { t } = setup(mock, { devnum }, sys);
  const e = await t.open().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeviceError);
  return e as DeviceError;
}

describe('opening the device (ipmitool open.c: /dev/ipmiN, /dev/ipmi/N, /dev/ipmidev/N)', () => {
  it('tries the three paths in order and sets our IPMB address (20h unless -m)', async () => {
    const { t, dev } = setup({ nodes: { '/dev/ipmidev/0': 'ok' } }, { myAddr: 0x22 });
    await t.open();
    expect(dev.openAttempts).toEqual(['/dev/ipmi0', '/dev/ipmi/0', '/dev/ipmidev/0']);
    expect(dev.myAddress).toBe(0x22);
  });

  it('-d N picks the N-th interface', async () => {
    const { t, dev } = setup({ nodes: { '/dev/ipmi/2': 'ok' } }, { devnum: 2 });
    await t.open();
    expect(dev.openAttempts).toEqual(['/dev/ipmi2', '/dev/ipmi/2']);
  });

  it("no BMC: exactly ipmitool's line", async () => {
    const e = await openError({ nodes: {} }, ['/sys/class/ipmi']);
    expect(e.message).toBe('Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory');
    expect(e.errno).toBe('ENOENT');
  });

  it('driver not loaded: says so', async () => {
    const e = await openError({ nodes: {} }, []);
    expect(e.message).toBe(
      'Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory (the IPMI driver is not loaded: modprobe ipmi_devintf ipmi_si)',
    );
  });

  it('interface known to the driver but no device node', async () => {
    const e = await openError({ nodes: {} }, ['/sys/class/ipmi', '/sys/class/ipmi/ipmi1'], 1);
    expect(e.message).toMatch(
      /^Could not open device at \/dev\/ipmi1 or \/dev\/ipmi\/1 or \/dev\/ipmidev\/1: No such file or directory \(the driver has interface 1 but no device node/,
    );
  });

  it('no permission: the path that refused, not the last ENOENT (ipmitool prints the last errno)', async () => {
    const e = await openError({ nodes: { '/dev/ipmi0': 'EACCES' } });
    expect(e.message).toBe(
      'Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: Permission denied (/dev/ipmi0 needs read and write access, usually root)',
    );
    expect(e.errno).toBe('EACCES');
  });

  it('busy', async () => {
    const e = await openError({ nodes: { '/dev/ipmi0': 'EBUSY' } });
    expect(e.message).toBe('Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: Device or resource busy (/dev/ipmi0 is in use)');
  });

  it('a stale node with nothing behind it', async () => {
    const e = await openError({ nodes: { '/dev/ipmi0': 'ENXIO' } });
    expect(e.message).toMatch(/: No such device or address \(\/dev\/ipmi0 exists but no BMC driver answers behind it: is ipmi_si loaded\?\)$/);
  });

  it('the addon missing: one line naming the interface', async () => {
    const clock = new FakeClock();
    const t = new OpenTransport(
      { devnum: 0, timeoutMs: 1000, tries: 1, myAddr: 0x20 },
      { binding: () => ({ unavailable: 'not built' }), clock, log: { verbose: () => undefined }, deadline: Deadline.none(clock), exists: () => true },
    );
    await expect(t.open()).rejects.toThrow('The local driver interface (-I open) is unavailable: not built');
  });

  it("setting the IPMB address fails: ipmitool's words, the descriptor is closed", async () => {
    const { t, dev } = setup({ setAddressErrno: 'EINVAL' });
    await expect(t.open()).rejects.toThrow('Could not set IPMB address: Invalid argument');
    expect(dev.openFds).toEqual([]);
  });
});

describe('requests', () => {
  it('system interface address (type 0Ch, channel 0Fh) with the LUN; completion code split off', async () => {
    const { t, dev } = setup();
    await t.open();
    const r = await t.request({ ...getDeviceId, lun: 2 });
    expect(r.cc).toBe(0);
    expect([...r.data]).toEqual(deviceIdReply);
    expect(dev.sent[0]).toMatchObject({ addr: { type: 'si', lun: 2 }, netfn: 0x06, cmd: 0x01 });
  });

  it('a new message id per request', async () => {
    const { t, dev } = setup();
    await t.open();
    await t.request(getDeviceId);
    await t.request(getDeviceId);
    expect(dev.sent.map((s) => s.msgid)).toEqual([1, 2]);
  });

  it('skips events and replies with other ids, waits for its own', async () => {
    const { t, clock, logs } = setup({
      respond: (req) => [
        { cc: 0, data: [1], msgid: req.msgid + 100 },
        { cc: 0, data: [2], recvType: RecvType.AsyncEvent },
        { cc: 0xc1, delayMs: 30 },
      ],
    });
    await t.open();
    const p = t.request(getDeviceId);
    await clock.advance(30);
    await expect(p).resolves.toEqual({ cc: 0xc1, data: Buffer.alloc(0) });
    expect(logs.filter((l) => l.includes('unexpected ID'))).toHaveLength(2);
  });

  it('several requests in flight (the SDR and sensor walks pipeline): each gets its own reply, in any order, at once', async () => {
    const { t, dev, clock, logs } = setup({ respond: (req) => ({ cc: 0, data: [req.data[0]!], delayMs: 40 - 10 * req.data[0]! }) });
    await t.open();
    const replies = [1, 2, 3].map((n) => t.request({ ...getDeviceId, data: new Uint8Array([n]) }));
    await clock.advance(40);
    await expect(Promise.all(replies)).resolves.toEqual([1, 2, 3].map((n) => ({ cc: 0, data: Buffer.from([n]) })));
    expect(dev.sent.map((s) => s.msgid)).toEqual([1, 2, 3]);
    expect(logs.filter((l) => l.includes('unexpected ID'))).toEqual([]);
  });

  it('silence: ipmitool\'s "No data available" after the timeout, one send by default', async () => {
    const { t, dev, clock } = setup({ respond: () => undefined }, { timeoutMs: 15_000 });
    await t.open();
    const p = t.request(getDeviceId);
    const failed = expect(p).rejects.toThrow(TimeoutError);
    await clock.advance(14_999);
    expect(dev.sent).toHaveLength(1);
    await clock.advance(1);
    await failed;
    await expect(p).rejects.toThrow('No data available');
  });

  it('-R retries with a new id and still takes a late reply to the first', async () => {
    let n = 0;
    const { t, dev, clock } = setup({ respond: () => (++n === 1 ? { cc: 0, data: [7], delayMs: 1500 } : undefined) }, { timeoutMs: 1000, tries: 3 });
    await t.open();
    const p = t.request(getDeviceId);
    await clock.advance(1000);
    expect(dev.sent.map((s) => s.msgid)).toEqual([1, 2]);
    await clock.advance(500);
    await expect(p).resolves.toEqual({ cc: 0, data: Buffer.from([7]) });
  });

  it('a cold reset is sent once even with -R', async () => {
    const { t, dev, clock } = setup({ respond: () => undefined }, { timeoutMs: 1000, tries: 3 });
    await t.open();
    const p = t.request({ netFn: 0x06, cmd: 0x02, data: new Uint8Array(0), once: true });
    const failed = expect(p).rejects.toThrow(TimeoutError);
    await clock.advance(1000);
    await failed;
    expect(dev.sent).toHaveLength(1);
  });

  it('--timeout ends the wait early', async () => {
    const clock = new FakeClock();
    const dev = new MockIpmiDev({ clock, respond: () => undefined });
    const t = new OpenTransport(
      { devnum: 0, timeoutMs: 15_000, tries: 1, myAddr: 0x20 },
      { binding: () => ({ binding: dev }), clock, log: { verbose: () => undefined }, deadline: Deadline.after(clock, 2), exists: () => true },
    );
    await t.open();
    const p = t.request(getDeviceId);
    const failed = expect(p).rejects.toThrow('--timeout');
    await clock.advance(2000);
    await failed;
  });

  it("send refused by the driver: ipmitool's words", async () => {
    const { t } = setup({ sendErrno: 'EINVAL' });
    await t.open();
    await expect(t.request(getDeviceId)).rejects.toThrow('Unable to send command: Invalid argument');
  });

  it('a reply without a completion code is a decode error', async () => {
    const { t, dev } = setup({ respond: () => undefined });
    await t.open();
    const p = t.request(getDeviceId);
    await flush();
    const fd = dev.openFds[0]!;
    dev.deliver(fd, { recvType: RecvType.Response, addr: Buffer.alloc(8), msgid: 1, netfn: 7, cmd: 1, data: Buffer.alloc(0), truncated: false });
    await expect(p).rejects.toThrow(DecodeError);
  });
});

describe('bridging through the driver', () => {
  it('-t/-b: the IPMB address type; the driver does the Send Message', async () => {
    const { t, dev } = setup({}, { bridge: { targetAddr: 0x2c, targetChannel: 6, transitAddr: 0, transitChannel: 0, myAddr: 0x20 } });
    await t.open();
    await t.request({ ...getDeviceId, lun: 0 });
    expect(dev.sent[0]).toMatchObject({ addr: { type: 'ipmb', channel: 6, slaveAddr: 0x2c, lun: 0 }, netfn: 0x06, cmd: 0x01 });
  });

  it('-t equal to our address is local', async () => {
    const { t, dev } = setup({}, { bridge: { targetAddr: 0x20, targetChannel: 6, transitAddr: 0, transitChannel: 0, myAddr: 0x20 } });
    await t.open();
    await t.request(getDeviceId);
    expect(dev.sent[0]!.addr.type).toBe('si');
  });

  it('-T/-B: Send Message to the transit controller, the embedded reply unwrapped', async () => {
    // The transit controller answers Send Message with the target's response inside.
    const inner = Buffer.from([0x20, 0x1c, 0xc4, 0x40, 0x00, 0x01, 0x00, 0x12, 0x00]);
    inner[8] = (0x100 - (inner.subarray(3, 8).reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
    const { t, dev } = setup(
      { respond: () => ({ cc: 0, data: inner }) },
      { bridge: { targetAddr: 0x40, targetChannel: 0, transitAddr: 0x30, transitChannel: 2, myAddr: 0x20 } },
    );
    await t.open();
    await expect(t.request(getDeviceId)).resolves.toEqual({ cc: 0, data: Buffer.from([0x12]) });
    expect(dev.sent[0]).toMatchObject({ addr: { type: 'ipmb', channel: 2, slaveAddr: 0x30 }, netfn: 0x06, cmd: 0x34 });
    expect(dev.sent[0]!.data.toString('hex')).toBe('404018a8ff000100');
  });
});

describe('close', () => {
  it('closes the descriptor once, after a poll in flight ends', async () => {
    const { t, dev, clock } = setup({ respond: () => undefined }, { timeoutMs: 10_000 });
    await t.open();
    const p = t.request(getDeviceId).catch((e: unknown) => e);
    await flush();
    const closing = t.close();
    await clock.advance(250);
    await closing;
    await t.close();
    expect(dev.closed).toHaveLength(1);
    expect(await p).toBeInstanceOf(Error);
  });

  it('keepalive and abandon have nothing to do', async () => {
    const { t, dev } = setup();
    await t.open();
    await t.keepalive();
    t.abandon();
    expect(dev.sent).toHaveLength(0);
  });
});
