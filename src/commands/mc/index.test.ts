/**
 * The mc verbs over a stub client: what is sent, what comes back, ipmitool's wording
 * for failures, and that bad arguments fail before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { type Reply, stubContext } from '../../../test/fakes/stub-context.js';
import { CompletionCodeError, HelpRequest, type IpmiError, UsageError } from '../../errors.js';
import type { Report } from '../../report.js';
import { MC_HELP, run } from './index.js';
import { WATCHDOG_HELP, parseWatchdogOptions } from './watchdog.js';
import { SYSINFO_HELP } from './sysinfo.js';
import { RESET_USAGE } from './reset.js';

/** The shared stub context (test/fakes/stub-context.ts): replies per command name, env for the IANA registry lookup. */
const stub = (replies: Record<string, Reply[]> = {}, env: Record<string, string> = {}) => stubContext(replies, { env });

const one = async (s: ReturnType<typeof stub>, args: string[]): Promise<Report> => (await run(s.ctx, args)) as Report;

async function usage(args: string[]): Promise<UsageError | HelpRequest> {
  const s = stub();
  const e = await run(s.ctx, args).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(s.connected, 'a session was opened').toBe(false);
  expect(e instanceof UsageError || e instanceof HelpRequest, String(e)).toBe(true);
  return e as UsageError | HelpRequest;
}

describe('arguments: one line, before anything is sent', () => {
  it.each([
    [[], 'Not enough parameters given.', MC_HELP],
    [['bogus'], 'Invalid mc/bmc command: bogus', MC_HELP],
    [['toString'], 'Invalid mc/bmc command: toString', MC_HELP],
    [['reset'], 'Not enough parameters given.', RESET_USAGE],
    [['reset', 'hard'], 'Invalid mc/bmc reset command: hard', RESET_USAGE],
    [['watchdog'], 'Not enough parameters given.', WATCHDOG_HELP],
    [['watchdog', 'stop'], 'Invalid mc/bmc watchdog command: stop', WATCHDOG_HELP],
    [['watchdog', 'set'], 'Not enough parameters given.', WATCHDOG_HELP],
    [['getsysinfo'], 'Not enough parameters given.', SYSINFO_HELP],
    [['getsysinfo', 'hostname'], 'Invalid mc/bmc getsysinfo command: hostname', SYSINFO_HELP],
    [['setsysinfo', 'system_name'], 'Not enough parameters given.', SYSINFO_HELP],
  ])('%j', async (args, message, help) => {
    const e = (await usage(args)) as UsageError;
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(message);
    expect(e.usage).toBe(help);
  });

  it.each([
    [['info', 'now']],
    [['guid', 'ipmi', 'x']],
    [['guid', 'uuid']],
    [['selftest', 'x']],
    [['getenables', 'x']],
    [['reset', 'cold', 'x']],
    [['watchdog', 'get', 'x']],
    [['watchdog', 'off', 'x']],
    [['watchdog', 'set', 'timeout=0']],
    [['watchdog', 'set', 'timeout=6554']],
    [['watchdog', 'set', 'pretimeout=256']],
    [['watchdog', 'set', 'use=bogus']],
    [['watchdog', 'set', 'tomato=1']],
    [['watchdog', 'set', 'timeout']],
    [['setenables', 'event_msg=maybe']],
    [['setenables', 'oem3=on']],
    [['setenables', 'event_msg']],
    [['getsysinfo', 'system_name', 'x']],
    [['setsysinfo', 'delloem_url', 'x'.repeat(31)]],
    [['setsysinfo', 'system_name', 'é'.repeat(32)]],
  ])('%j is refused', async (args) => {
    const e = await usage(args);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).not.toContain('\n');
  });

  it.each([
    [['help'], MC_HELP, false],
    [['reset', 'help'], RESET_USAGE, false],
    [['watchdog', 'help'], WATCHDOG_HELP, false],
    [['watchdog', 'set', 'help'], WATCHDOG_HELP, false],
    [['getsysinfo', 'help'], SYSINFO_HELP, false],
    [['setsysinfo', 'help'], SYSINFO_HELP, false],
    [['setenables', 'help'], MC_HELP, false],
    [['setenables'], MC_HELP, true],
  ])('%j prints help', async (args, text, failure) => {
    const e = (await usage(args)) as HelpRequest;
    expect(e).toBeInstanceOf(HelpRequest);
    expect(e.text).toBe(text);
    expect(e.exitFailure).toBe(failure);
  });
});

describe('info', () => {
  it('Get Device ID, then the names', async () => {
    const s = stub({ 'Get Device ID': [{ data: '20 03 02 45 02 9f 91 12 00 53 52 00 00 00 00' }] }, { HOME: '/nonexistent' });
    const r = await one(s, ['info']);
    expect(r.kind).toBe('mc.info');
    expect(r.data).toMatchObject({ manufacturerId: 4753, manufacturerName: 'MontaVista Software, Inc.', productId: 0x5253 });
    expect(s.logs[0]).toBe('Loading IANA PEN Registry...');
  });

  it('the registry through the injected readers: as far as the entry, or whole files (a fleet run)', async () => {
    const reply = () => ({ 'Get Device ID': [{ data: '20 03 02 45 02 9f 91 12 00 53 52 00 00 00 00' }] });
    const registry = Buffer.from('343\n  Intel Corporation\n4753\n  Montavista (from the reader)\n');
    const a = stub(reply(), { HOME: '/home/u' });
    const asked: string[] = [];
    a.ctx.deps.openFile = async (p) => {
      asked.push(p);
      if (p.startsWith('/home/u/')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
      return {
        read: async (into, position) => {
          const got = registry.subarray(position, position + into.length);
          into.set(got);
          return got.length;
        },
        close: async () => undefined,
      };
    };
    expect((await one(a, ['info'])).data).toMatchObject({ manufacturerName: 'Montavista (from the reader)' });
    expect(asked).toEqual(['/home/u/.local/usr/share/misc/enterprise-numbers.txt', '/usr/share/misc/enterprise-numbers.txt']);
    const b = stub(reply(), { HOME: '/home/u' });
    b.ctx.deps.openFile = () => Promise.reject(new Error('not with readFile'));
    b.ctx.deps.readFile = () => {
      throw Object.assign(new Error('none'), { code: 'ENOENT' });
    };
    expect((await one(b, ['info'])).data).toMatchObject({ manufacturerName: 'MontaVista Software, Inc.' }); // the built-in table
  });

  it("failures in ipmitool's words", async () => {
    const s = stub({ 'Get Device ID': [{ cc: 0xc1 }, 'timeout'] });
    await expect(run(s.ctx, ['info'])).rejects.toThrow(
      new CompletionCodeError('Get Device ID', 0xc1, 'Invalid command', 'Get Device ID command failed: Invalid command'),
    );
    const e = await run(s.ctx, ['info']).catch((x: IpmiError) => x);
    expect((e as IpmiError).message).toBe('Get Device ID command failed');
    expect((e as IpmiError).layer).toBe('transport');
  });
});

describe('guid', () => {
  const raw = '2e8c226abcbc3c8d9049a6b6cfdacdc5';
  it.each([
    [[], 'auto'],
    [['rfc'], 'rfc4122'],
    [['rfc4122'], 'rfc4122'],
    [['smbios'], 'smbios'],
    [['dump'], 'dump'],
  ])('%j → mode %s', async (args, mode) => {
    const s = stub({ 'Get System GUID': [{ data: raw }] });
    const r = await one(s, ['guid', ...args]);
    expect(r.data).toMatchObject({ mode });
  });

  it("failures in ipmitool's words (eval_ccode)", async () => {
    const s = stub({ 'Get System GUID': [{ cc: 0xd4 }, 'timeout', { data: '00' }] });
    await expect(run(s.ctx, ['guid'])).rejects.toThrow('IPMI command failed: Insufficient privilege level');
    await expect(run(s.ctx, ['guid'])).rejects.toThrow('IPMI response is NULL.');
    await expect(run(s.ctx, ['guid'])).rejects.toThrow('Unexpected data length received.');
  });
});

describe('reset', () => {
  it('warm', async () => {
    const s = stub({ 'Warm Reset': [{}] });
    expect((await one(s, ['reset', 'warm'])).data).toEqual({ kind: 'warm', answered: true });
  });
  it('cold: no answer is the expected outcome', async () => {
    const s = stub({ 'Cold Reset': ['timeout'] });
    expect((await one(s, ['reset', 'cold'])).data).toEqual({ kind: 'cold', answered: false });
    // Sent once (never retransmitted) and the session dropped without Close Session.
    expect(s.sent).toEqual([{ name: 'Cold Reset', data: '', once: true }]);
    expect(s.abandoned).toBe(true);
  });
  it('cold: a refusal is reported (ipmitool does not wait for it)', async () => {
    const s = stub({ 'Cold Reset': [{ cc: 0xc1 }] });
    await expect(run(s.ctx, ['reset', 'cold'])).rejects.toThrow('MC reset command failed: Invalid command');
    expect(s.abandoned).toBe(false); // refused: the session is still there and gets Close Session
  });
  it('warm: no answer', async () => {
    const s = stub({ 'Warm Reset': ['timeout'] });
    await expect(run(s.ctx, ['reset', 'warm'])).rejects.toThrow('MC reset command failed.');
  });
});

describe('selftest', () => {
  it('passed', async () => {
    const r = await one(stub({ 'Get Self Test Results': [{ data: '5500' }] }), ['selftest']);
    expect(r.failure).toBeUndefined();
  });
  it('not implemented: printed, then exit 1 with nothing on stderr', async () => {
    const r = await one(stub({ 'Get Self Test Results': [{ data: '5600' }] }), ['selftest']);
    expect(r.failure?.message).toBe('');
    expect(r.failure?.layer).toBe('command');
  });
  it('device specific codes are not failures (ipmitool)', async () => {
    expect((await one(stub({ 'Get Self Test Results': [{ data: '8001' }] }), ['selftest'])).failure).toBeUndefined();
  });
  it('failures', async () => {
    const s = stub({ 'Get Self Test Results': [{ cc: 0xc1 }, 'timeout'] });
    await expect(run(s.ctx, ['selftest'])).rejects.toThrow('Bad response: (Invalid command)');
    await expect(run(s.ctx, ['selftest'])).rejects.toThrow('No response from devices\n');
  });
});

describe('watchdog', () => {
  it("off sends ipmitool's bytes", async () => {
    const s = stub({ 'Set Watchdog Timer': [{ data: 'ae0330' }] });
    expect((await one(s, ['watchdog', 'off'])).kind).toBe('mc.watchdog.off');
    expect(s.sent).toEqual([{ name: 'Set Watchdog Timer', data: '04000010b80b' }]);
  });
  it('off: refusal wording has no colon', async () => {
    await expect(run(stub({ 'Set Watchdog Timer': [{ cc: 0xc1 }] }).ctx, ['watchdog', 'off'])).rejects.toThrow(
      'Watchdog Timer Shutoff command failed! Invalid command',
    );
  });
  it('reset of an uninitialised watchdog (80h)', async () => {
    await expect(run(stub({ 'Reset Watchdog Timer': [{ cc: 0x80 }] }).ctx, ['watchdog', 'reset'])).rejects.toThrow(
      'Reset Watchdog Timer command failed: Attempt to reset uninitialized watchdog',
    );
  });
  it('get', async () => {
    const r = await one(stub({ 'Get Watchdog Timer': [{ data: '440005002c01' }] }), ['watchdog', 'get']);
    expect(r.data).toMatchObject({ timerUse: 'SMS/OS', running: true, logging: true });
  });
  it('set: options as ipmitool spells them, the confirmation on stderr', async () => {
    const s = stub({ 'Set Watchdog Timer': [{}] });
    const r = await one(s, [
      'watchdog',
      'set',
      'timeout=30',
      'pretimeout=5',
      'use=sms',
      'action=cycle',
      'int=msg',
      'clear=post',
      'clear=oem',
      'nolog',
      'dontstop',
    ]);
    expect(s.sent[0]!.data).toBe('c4330524' + '2c01');
    expect(r.notes).toEqual(['Watchdog Timer was successfully configured']);
    expect(s.logs[0]).toBe('Sending Set Watchdog command [C4 33 05 24 2C 01]:');
  });
  it('set: first-letter shortcuts', () => {
    expect(parseWatchdogOptions(['t=1', 'p=1', 'u=frb2', 'a=reset', 'i=smi', 'c=sms', 'n', 'd'])).toEqual({
      use: 1,
      action: 1,
      preTimeoutInterrupt: 1,
      preTimeoutSec: 1,
      clearFlags: 0x10,
      initialCountdown: 10,
      noLog: true,
      dontStop: true,
    });
  });
});

describe('setenables', () => {
  it('reads, changes the named bits, writes, reads back', async () => {
    const s = stub({ 'Get BMC Global Enables': [{ data: '08' }, { data: '2c' }], 'Set BMC Global Enables': [{}] });
    const r = await one(s, ['setenables', 'event_msg=on', 'oem0=on', 'system_event_log=on']);
    expect(s.sent.map((x) => `${x.name} ${x.data}`)).toEqual(['Get BMC Global Enables ', 'Set BMC Global Enables 2c', 'Get BMC Global Enables ']);
    expect(r.data).toMatchObject({ changed: true, written: true, after: 0x2c });
    expect(r.failure).toBeUndefined();
  });
  it('nothing to change: nothing written', async () => {
    const s = stub({ 'Get BMC Global Enables': [{ data: '08' }] });
    const r = await one(s, ['setenables', 'event_msg=off']);
    expect(s.sent).toHaveLength(1);
    expect(r.data).toMatchObject({ changed: false, after: 8 });
  });
  it('a refused write comes back with the change lines', async () => {
    const s = stub({ 'Get BMC Global Enables': [{ data: '08' }], 'Set BMC Global Enables': [{ cc: 0xd4 }] });
    const r = await one(s, ['setenables', 'oem1=on']);
    expect(r.failure?.message).toBe('Set Global Enables command failed: Insufficient privilege level');
    expect(r.data).toMatchObject({ changed: true, written: false });
  });
  it('a failed first read is an error', async () => {
    await expect(run(stub({ 'Get BMC Global Enables': [{ cc: 0xc1 }] }).ctx, ['getenables'])).rejects.toThrow(
      'Get Global Enables command failed: Invalid command',
    );
  });
});

describe('getsysinfo / setsysinfo', () => {
  const str = Buffer.from('0123456789abcdefghij');
  const set0 = Buffer.concat([Buffer.from([0x11, 0, 0, str.length]), str.subarray(0, 14)]).toString('hex');
  const set1 = Buffer.concat([Buffer.from([0x11, 1]), str.subarray(14), Buffer.alloc(10)]).toString('hex');

  it('reads as many sets as the length needs', async () => {
    const s = stub({ 'Get System Info Parameters': [{ data: set0 }, { data: set1 }] });
    const r = await one(s, ['getsysinfo', 'system_name']);
    expect(s.sent.map((x) => x.data)).toEqual(['00020000', '00020100']);
    expect(r.data).toEqual({ parameter: 'system_name', selector: 2, value: '0123456789abcdefghij', encoding: 0, length: 20 });
  });

  it('parameter not supported (80h), before anything was read', async () => {
    const r = await one(stub({ 'Get System Info Parameters': [{ cc: 0x80 }] }), ['getsysinfo', 'system_name']);
    expect(r.data).toMatchObject({ value: '' });
    expect(r.failure?.message).toBe('getsysinfo system_name parameter not supported');
  });

  it('other codes, and no answer after the first set', async () => {
    const a = await one(stub({ 'Get System Info Parameters': [{ cc: 0xc1 }] }), ['getsysinfo', 'os_name']);
    expect(a.failure?.message).toBe('getsysinfo command failed: Invalid command');
    const b = await one(stub({ 'Get System Info Parameters': [{ data: set0 }, 'timeout'] }), ['getsysinfo', 'os_name']);
    expect(b.failure?.message).toBe('getsysinfo os_name set 1 command failed');
    expect(b.failure?.layer).toBe('transport');
    expect(b.data).toMatchObject({ value: '0123456789abcd' });
  });

  it('set: 14 bytes in set 0, 16 in each next one, with the real length', async () => {
    const s = stub({ 'Set System Info Parameters': [{}, {}] });
    await one(s, ['setsysinfo', 'system_name', '0123456789abcdefghij']);
    expect(s.sent.map((x) => x.data)).toEqual([`02000014${str.subarray(0, 14).toString('hex')}`, `0201${str.subarray(14).toString('hex')}${'00'.repeat(10)}`]);
  });

  it("set: an empty string is one block of length 0; Dell's URL goes to selector DEh", async () => {
    const s = stub({ 'Set System Info Parameters': [{}, {}, {}] });
    await one(s, ['setsysinfo', 'os_name', '']);
    await one(s, ['setsysinfo', 'delloem_url', 'x'.repeat(30)]);
    expect(s.sent.map((x) => x.data.slice(0, 8))).toEqual(['04000000', 'de00001e', 'de017878']);
  });

  it('set: refusals', async () => {
    await expect(run(stub({ 'Set System Info Parameters': [{ cc: 0xc1 }] }).ctx, ['setsysinfo', 'system_name', 'x'])).rejects.toThrow(
      'setsysinfo command failed: Invalid command',
    );
    await expect(run(stub({ 'Set System Info Parameters': [{ cc: 0x80 }] }).ctx, ['setsysinfo', 'system_name', 'x'])).rejects.toThrow(
      'setsysinfo system_name parameter not supported',
    );
  });
});
