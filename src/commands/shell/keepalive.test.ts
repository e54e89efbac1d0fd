import { describe, expect, it } from 'vitest';
import type { Context, LineHost } from '../../runtime/context.js';
import { FakeClock } from '../../../test/unit/fakes/fake-clock.js';
import { KeepAlive, KEEPALIVE_MS } from './keepalive.js';

/** A host whose context records the commands sent (name, netFn, cmd). */
function host(connected: boolean, fail = false): { lines: LineHost; sent: string[] } {
  const sent: string[] = [];
  const client = {
    try: async (cmd: { name: string; netFn: number; cmd: number }) => {
      sent.push(`${cmd.name} ${cmd.netFn}/${cmd.cmd}`);
      if (fail) throw new Error('no answer');
      return { cc: 0 };
    },
  };
  const current = { connected, client: async () => client } as unknown as Context;
  const commands = async () => ({ families: [], options: [] });
  return { lines: { current, depth: 0, run: async () => 'ok', update: async () => undefined, commands }, sent };
}

describe('shell keepalive (ipmitool: Get Device ID every 30 s while readline waits)', () => {
  it('sends Get Device ID (App 06h, 01h) every 30 s while armed, nothing after disarm', async () => {
    const clock = new FakeClock();
    const { lines, sent } = host(true);
    const k = new KeepAlive(lines, clock);
    k.arm();
    await clock.advance(KEEPALIVE_MS - 1);
    expect(sent).toEqual([]);
    await clock.advance(1);
    expect(sent).toEqual(['Get Device ID 6/1']);
    await clock.advance(KEEPALIVE_MS * 2);
    expect(sent).toHaveLength(3);
    await k.disarm();
    await clock.advance(KEEPALIVE_MS * 3);
    expect(sent).toHaveLength(3);
    expect(clock.pending).toBe(0);
  });

  it('opens no session for it, and a failing ping is not an error', async () => {
    const clock = new FakeClock();
    const idle = host(false);
    const k = new KeepAlive(idle.lines, clock);
    k.arm();
    await clock.advance(KEEPALIVE_MS * 2);
    expect(idle.sent).toEqual([]);
    await k.disarm();
    const broken = host(true, true);
    const k2 = new KeepAlive(broken.lines, clock);
    k2.arm();
    await clock.advance(KEEPALIVE_MS);
    await k2.disarm();
    expect(broken.sent).toEqual(['Get Device ID 6/1']);
  });
});
