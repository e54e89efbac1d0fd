/**
 * session info through ipmitool and ipmits on the same simulator, over lanplus and lan: stdout
 * and stderr byte for byte (ipmi_sim answers Get Session Info with 6 bytes, 3 for free slots).
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const CASES: string[][] = [
  ['session'],
  ['session', 'help'],
  ['session', 'info'],
  ['session', 'info', 'help'],
  ['session', 'info', 'active'],
  ['-c', 'session', 'info', 'active'],
  ['session', 'info', 'all'],
  ['-c', 'session', 'info', 'all'],
  ['session', 'info', 'handle', '1'],
  ['session', 'info', 'handle', '0x05'],
  ['session', 'info', 'id', '0x1234'],
  ['session', 'info', 'id'],
  ['session', 'info', 'id', 'zz'],
  ['session', 'info', 'handle'],
  ['session', 'info', 'bogus'],
  ['session', 'bogus'],
  ['-L', 'OPERATOR', 'session', 'info', 'active'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  it.each(CASES)('%s %s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]));
  });
});

it('--json session info active', async () => {
  const r = await runIpmits([...conn(simulator(), 'lanplus'), '--json', 'session', 'info', 'active']);
  expect(JSON.parse(r.stdout)).toEqual({
    sessions: [
      {
        handle: expect.any(Number),
        slotCount: 63,
        activeSessions: expect.any(Number),
        userId: 2,
        privilegeLevel: 'ADMINISTRATOR',
        sessionType: 'IPMIv2/RMCP+',
        channel: 1,
        consoleIp: null,
        consoleMac: null,
        consolePort: null,
        activityType: null,
        destinationSelector: null,
      },
    ],
  });
});

it('a bad id fails before anything is sent', async () => {
  const r = await runIpmits(['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1', 'session', 'info', 'id', 'zz']);
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n')[0]).toBe("HEX number expected, but 'zz' given.");
});
