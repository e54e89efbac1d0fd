/**
 * pef through ipmitool and ipmits on the same simulator: stdout and stderr byte for byte, in the
 * list form and under -v (stdout; ipmitool's own -v diagnostics on stderr are not reproduced).
 * Filter and policy entries are written first with `ipmitool raw` (Set PEF Configuration
 * Parameters, IPMI v2.0 §30.3) so that enabled filters, triggers and a LAN policy are printed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { runIpmits, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const SETUP: string[][] = [
  // filter 2: enabled, alert, policy 3, critical, temperature, any sensor, threshold with six offsets
  [
    '0x04',
    '0x12',
    '0x06',
    '0x02',
    '0x80',
    '0x01',
    '0x03',
    '0x10',
    '0xff',
    '0xff',
    '0x01',
    '0xff',
    '0x01',
    '0x95',
    '0x02',
    '0xff',
    '0x00',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
  ],
  // filter 3: enabled, pre-configured, power-off + reset, warning, fan 17, sensor-specific
  [
    '0x04',
    '0x12',
    '0x06',
    '0x03',
    '0xc0',
    '0x06',
    '0x00',
    '0x08',
    '0x20',
    '0x00',
    '0x04',
    '0x11',
    '0x6f',
    '0xff',
    '0xff',
    '0xff',
    '0x00',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
  ],
  // filter 4: processor 17, information, generic type 0Bh (redundancy), offsets 0 and 1
  [
    '0x04',
    '0x12',
    '0x06',
    '0x04',
    '0x80',
    '0x01',
    '0x00',
    '0x02',
    '0x20',
    '0x00',
    '0x07',
    '0x11',
    '0x0b',
    '0x03',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
    '0xff',
    '0x00',
    '0x00',
  ],
  // policy 2: set 1, enabled, try-next-destination, LAN channel 1 destination 1, event-specific
  ['0x04', '0x12', '0x09', '0x02', '0x1c', '0x11', '0x80'],
  // PEF control and action global control
  ['0x04', '0x12', '0x01', '0x0f'],
  ['0x04', '0x12', '0x02', '0x05'],
];

beforeAll(async () => {
  for (const r of SETUP) {
    const out = await runIpmitool([...conn(simulator(), 'lanplus'), 'raw', ...r]);
    expect(out.code, out.stderr).toBe(0);
  }
});

const SAME: string[][] = [
  ['pef'],
  ['pef', 'help'],
  ['pef', 'info'],
  ['pef', 'status'],
  ['pef', 'policy'],
  ['pef', 'policy', 'help'],
  ['pef', 'policy', 'list'],
  ['pef', 'filter'],
  ['pef', 'filter', 'help'],
  ['pef', 'filter', 'list'],
  ['pef', 'bogus'],
];

/** ipmitool prints the message and exits 0. */
const FIXED_EXIT: string[][] = [
  ['pef', 'capabilities'],
  ['pef', 'timer', 'get'],
  ['pef', 'policy', 'create', '1'],
  ['pef', 'filter', 'delete', '1'],
  ['pef', 'policy', 'bogus'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  it.each(SAME)('%s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]));
  });

  it.each(FIXED_EXIT)('ipmitool exits 0: %s %s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), ...args]), { exit: 'fixed' });
  });

  it.each([['info'], ['status'], ['policy', 'list'], ['filter', 'list']])('-v pef %s %s (stdout)', async (...args) => {
    expectSame(await both([...conn(simulator(), iface), '-v', 'pef', ...args]), { stderr: false });
  });
});

it('the enabled filters and the LAN policy are printed (not only empty entries)', async () => {
  const c = conn(simulator(), 'lanplus');
  const f = await runIpmits([...c, 'pef', 'filter', 'list']);
  expect(f.stdout).toContain(' 2 | enabled, configurable | Temperature | Any | Critical | Threshold | (0x01/0x0295),<LNC,<LC,<LNR,<UNC,<UC | Alert | 3\n');
  expect(f.stdout).toContain(
    ' 4 | enabled, configurable | Processor | 17 | Information | Discrete | (0x0b/0x0003),fully redundant,redundancy lost | Alert | 0\n',
  );
  const p = await runIpmits([...c, 'pef', 'policy', 'list']);
  expect(p.stdout).toContain(' 2 | 1 | enabled | Try-next-destination | true | 1 | 802.3 LAN\n');
  expect(p.stderr).toContain(' **Error retrieving Alert destination type\n');
});

it('pef list (ipmitool before 1.8.19) is pef policy list in ipmits; 1.8.19 refuses it', async () => {
  const p = await both([...conn(simulator(), 'lanplus'), 'pef', 'list']);
  expect(p.theirs.stderr).toBe("Invalid PEF command: 'list'\n\n");
  expect(p.ours.stdout).toBe((await runIpmitool([...conn(simulator(), 'lanplus'), 'pef', 'policy', 'list'])).stdout);
});

it('--json pef info, status, filter list, policy list', async () => {
  const c = conn(simulator(), 'lanplus');
  expect(JSON.parse((await runIpmits([...c, '--json', 'pef', 'info'])).stdout)).toMatchObject({
    version: '5.1',
    eventFilterCount: 16,
    alertPolicyTableSize: 15,
    systemGuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  const f = JSON.parse((await runIpmits([...c, '--json', 'pef', 'filter', 'list'])).stdout);
  expect(f.filters[1]).toMatchObject({ id: 2, enabled: true, sensorType: 'Temperature', severity: ['Critical'], actions: ['Alert'], policySet: 3 });
  const p = JSON.parse((await runIpmits([...c, '--json', 'pef', 'policy', 'list'])).stdout);
  expect(p.policies[1]).toMatchObject({ id: 2, policySet: 1, enabled: true, rule: 'Try-next-destination', channel: 1, medium: '802.3 LAN' });
  // ipmi_sim has no Get Last Processed Event ID: the error document, exit 1.
  const s = await runIpmits([...c, '--json', 'pef', 'status']);
  expect(s.code).toBe(1);
  expect(JSON.parse(s.stderr).error.message).toBe(' **Error retrieving Last S/W processed ID');
});

describe('enable / disable, read back by the other client', () => {
  const c = (): string[] => conn(simulator(), 'lanplus');

  it.each([
    [['pef', 'filter', 'enable']],
    [['pef', 'filter', 'enable', 'x']],
    [['pef', 'filter', 'enable', '0']],
    [['pef', 'filter', 'enable', '99']],
    [['pef', 'policy', 'enable', '200']],
    [['pef', 'policy', 'enable', '20']],
    [['pef', 'policy', 'disable', '1', '2']],
  ])('bad ids as ipmitool reports them: %s', async (args) => {
    expectSame(await both([...c(), ...args]));
  });

  it('policy: ipmits enables, ipmitool lists it; ipmitool disables, ipmits lists it', async () => {
    const on = await runIpmits([...c(), 'pef', 'policy', 'enable', '5']);
    expect(on.stdout).toBe('PEF Policy ID 5 is enabled now.\n');
    expect((await runIpmitool([...c(), 'pef', 'policy', 'list'])).stdout).toContain(' 5 | 0 | enabled | Match-always | 0 | IPMB (I2C) | 0\n');
    expectSame(await both([...c(), 'pef', 'policy', 'disable', '5']));
    expect((await runIpmits([...c(), 'pef', 'policy', 'list'])).stdout).toContain(' 5 | 0 | disabled | Match-always | 0 | IPMB (I2C) | 0\n');
  });

  it('filter: the configuration byte (parameter 7, which ipmi_sim keeps apart from the entry) read back with ipmitool raw', async () => {
    const param7 = async (): Promise<string> => (await runIpmitool([...c(), 'raw', '0x04', '0x13', '0x07', '0x06', '0x00'])).stdout.trim();
    expect((await runIpmits([...c(), 'pef', 'filter', 'enable', '6'])).stdout).toBe('PEF Filter ID 6 is enabled now.\n');
    expect(await param7()).toBe('11 06 80');
    expectSame(await both([...c(), 'pef', 'filter', 'disable', '6']));
    expect(await param7()).toBe('11 06 00');
  });
});
