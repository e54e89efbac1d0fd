import { describe, expect, it } from 'vitest';
import type { LineHost } from '../../runtime/context.js';
import { stubContext } from '../../../test/fakes/stub-context.js';
import { FakeClock } from '../../../test/unit/fakes/fake-clock.js';
import { KeepAlive, KEEPALIVE_MS } from './keepalive.js';

/** Get Device ID (§20.1): device 20h, revision 1, firmware 2.10, IPMI 2.0. */
const DEVICE_ID = '20 01 02 10 02 bf 57 01 00 01 00 00 00 00 00';

/** A host over the shared stub context: its session answers Get Device ID (or nothing); the commands sent as 'name netFn/cmd'. */
function host(connected: boolean, fail = false): { lines: LineHost; sent: string[] } {
  const sent: string[] = [];
  const s = stubContext(
    { 'Get Device ID': Array.from({ length: 8 }, () => (fail ? ('timeout' as const) : { data: DEVICE_ID })) },
    { verify: false, onRequest: (name, r) => void sent.push(`${name} ${r.netFn}/${r.cmd}`) },
  );
  if (connected) void s.ctx.client();
  const commands = async () => ({ families: [], options: [] });
  return { lines: { current: s.ctx, depth: 0, run: async () => 'ok', update: async () => undefined, commands }, sent };
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
