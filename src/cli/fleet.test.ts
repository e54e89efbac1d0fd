import { describe, expect, it } from 'vitest';
import type { DatagramSocket } from '../io.js';
import { systemClock, systemRandom } from '../io.js';
import { destructive, longRunWatch, runFleetCommand } from './fleet.js';
import { parseGlobalOptions } from './global-options.js';

describe('destructive verbs (ask before running them on several hosts)', () => {
  it('names the verb that changes a machine', () => {
    const cases: Array<[string, string | undefined]> = [
      ['power off', 'power off'],
      ['power cycle', 'power cycle'],
      ['power soft', 'power soft'],
      ['power diag', 'power diag'],
      ['chassis power reset', 'chassis power reset'],
      ['chassis bootdev pxe options=efiboot', 'chassis bootdev'],
      ['chassis bootparam set bootflag force_pxe', 'chassis bootparam'],
      ['sel clear', 'sel clear'],
      ['mc reset cold', 'mc reset'],
      ['user set password 3 x', 'user set'],
      ['user disable 3', 'user disable'],
      ['lan set 1 ipsrc dhcp', 'lan set'],
      ['power status', undefined],
      ['power on', undefined],
      ['chassis status', undefined],
      ['chassis bootparam get 5', undefined],
      ['sel list', undefined],
      ['mc info', undefined],
      ['user list 1', undefined],
      ['lan print 1', undefined],
      ['raw 0x06 0x01', undefined],
    ];
    for (const [cmd, want] of cases) expect(destructive(cmd.split(' ')), cmd).toBe(want);
  });
});

describe('longRunWatch (when a fleet run gets the JIT back)', () => {
  const socket = (sent: Uint8Array[]): DatagramSocket => ({
    send: async (b) => void sent.push(b),
    onMessage: () => undefined,
    onError: () => undefined,
    close: async () => undefined,
  });

  it('once, at the 400th datagram, while fewer than a quarter of the hosts started have finished', async () => {
    const counts = { done: 0, running: 64 };
    let calls = 0;
    const watch = longRunWatch(counts, () => calls++);
    const sent: Uint8Array[] = [];
    const [a, b] = [watch(socket(sent)), watch(socket(sent))]; // the datagrams of every session count together
    for (let i = 0; i < 399; i++) await (i % 2 ? a : b).send(Buffer.of(i & 0xff));
    expect(calls).toBe(0);
    await a.send(Buffer.of(1));
    expect(calls).toBe(1);
    for (let i = 0; i < 500; i++) await b.send(Buffer.of(2));
    expect([calls, sent.length]).toEqual([1, 900]); // and every datagram still goes out
  });

  it('not while hosts finish about as fast as they start (short conversations), until that changes', async () => {
    const counts = { done: 40, running: 64 }; // 40 of 104 started have finished
    let calls = 0;
    const watch = longRunWatch(counts, () => calls++);
    const s = watch(socket([]));
    for (let i = 0; i < 1000; i++) await s.send(Buffer.of(0));
    expect(calls).toBe(0);
    counts.done = 20; // a quarter is 21 of 84: fewer have finished
    await s.send(Buffer.of(0));
    expect(calls).toBe(1);
  });

  it('without a hook, the sockets are the ones given', () => {
    const s = socket([]);
    expect(longRunWatch({ done: 0, running: 1 })(s)).toBe(s);
  });
});

describe('runFleetCommand: the JIT from the start of a large fleet run', () => {
  const run = async (range: string): Promise<{ calls: number; hosts: number }> => {
    const parsed = parseGlobalOptions(['-I', 'lanplus', '-H', range, '-U', 'u', '-P', 'p', 'power', 'status']);
    if (parsed.kind !== 'run') throw new Error(parsed.kind);
    let calls = 0;
    let hosts = 0;
    const sink = { write: () => true, isTTY: false };
    const io = { stdout: sink, stderr: sink, stdin: process.stdin };
    const deps = { env: {}, clock: systemClock, random: systemRandom, connect: () => Promise.reject(new Error('no network')), prompt: async () => undefined };
    const code = await runFleetCommand(
      parsed.options,
      parsed.command,
      io,
      deps,
      async () => {
        hosts += 1;
        return { code: 0 };
      },
      { onLongRun: () => calls++ },
    );
    expect(code).toBe(0);
    return { calls, hosts };
  };

  it('320 hosts or more: at once; fewer: not for hosts alone', async () => {
    expect(await run('10.0.[0-1].[1-160]')).toEqual({ calls: 1, hosts: 320 });
    expect(await run('10.0.[0-1].[1-159]')).toEqual({ calls: 0, hosts: 318 });
  });
});
