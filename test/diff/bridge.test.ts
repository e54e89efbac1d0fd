/**
 * Bridging (-t, -b, -T, -B) over lan and lanplus: Send Message with Track Request to a
 * satellite controller at 30h on IPMB (channel 0) that ipmi_sim emulates beside the BMC,
 * through ipmitool and ipmits, stdout and stderr byte for byte (src/transport/bridge.ts).
 * The same bridging through the kernel driver is in test/qemu/open.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { SATELLITE_DEVICE_ID, SATELLITE_EMU } from '../support/satellite.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim({ extraEmu: SATELLITE_EMU });

const CASES: string[][] = [
  ['-t', '0x30', '-b', '0', 'mc', 'info'],
  ['-t', '0x30', 'raw', '0x06', '0x01'],
  // A transit address equal to ours (20h) is no transit: one level, as ipmitool.
  ['-t', '0x30', '-b', '0', '-T', '0x20', '-B', '0', 'raw', '0x06', '0x01'],
  // The target equal to our address is the BMC itself.
  ['-t', '0x20', 'mc', 'info'],
];

describe.each(['lanplus', 'lan'] as Iface[])('bridging over %s to a satellite controller (ipmi_sim MC 30h)', (iface) => {
  it.each(CASES.map((c) => [c.join(' '), c] as const))('%s', async (_t, argv) => {
    expectSame(await both([...conn(simulator(), iface), ...argv]));
  });

  it('the answer comes from the satellite (device id 05h), not the BMC (20h)', async () => {
    const { ours } = await both([...conn(simulator(), iface), '-t', '0x30', 'raw', '0x06', '0x01']);
    expect(ours.stdout).toBe(SATELLITE_DEVICE_ID);
  });
});
