/**
 * dcmi on the simulator: ipmi_sim has no DCMI (every Group Extension command answers C1h). The
 * menus are compared with ipmitool byte for byte; every command then gets one clear line and a
 * non-zero exit (ipmitool prints "DCMI request failed because: Invalid command (c1)" per request,
 * docs/compatibility.md). Bad values are refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { both, conn, exitRuleFor, expectSame } from '../support/diff.js';
import { runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { NO_DCMI } from '../../src/commands/dcmi/call.js';

const simulator = useSim();

describe('menus, as ipmitool prints them', () => {
  it.each([[['dcmi']], [['dcmi', 'help']], [['dcmi', 'bogus']], [['dcmi', 'power']]])('%s', async (args) => {
    expectSame(await both([...conn(simulator(), 'lanplus'), ...args]), exitRuleFor(args));
  });
});

describe('a BMC without DCMI: one line, exit 1', () => {
  it.each([
    [['discover']],
    [['power', 'reading']],
    [['power', 'get_limit']],
    [['power', 'set_limit', 'limit', '300']],
    [['power', 'activate']],
    [['power', 'deactivate']],
    [['sensors']],
    [['asset_tag']],
    [['get_mc_id_string']],
    [['get_temp_reading']],
    [['get_conf_param']],
    [['thermalpolicy', 'get', '0x40', '1']],
  ])('dcmi %s', async (args) => {
    const p = await both([...conn(simulator(), 'lanplus'), 'dcmi', ...args]);
    expect(p.theirs.stderr).toContain('DCMI request failed because: Invalid command (c1)');
    expect(p.ours.stdout).toBe('');
    expect(p.ours.stderr).toBe(`${NO_DCMI}\n`);
    expect(p.ours.code).toBe(1);
  });

  it('--json: the error document names the command under detail', async () => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), '--json', 'dcmi', 'power', 'reading']);
    expect(JSON.parse(r.stderr)).toEqual({
      error: { code: 'no-dcmi', layer: 'command', message: NO_DCMI, detail: 'Get Power Reading: Invalid command', exitCode: 1 },
    });
  });
});

describe('bad values fail before anything is sent', () => {
  const unreachable = ['-I', 'lanplus', '-H', '127.0.0.1', '-p', '9', '-U', 'admin', '-P', 'x', '-R', '1', '-N', '1'];
  it.each([
    [['dcmi', 'power', 'set_limit', 'limit', 'abc'], "Given limit 'abc' is invalid."],
    [['dcmi', 'power', 'set_limit', 'action', 'explode'], "Given action 'explode' is invalid."],
    [['dcmi', 'power', 'set_limit', 'bogus', '1'], 'Invalid set_limit parameter: bogus'],
    [['dcmi', 'power', 'reading', '2_sec'], 'Invalid sample time. Valid times are: 5_sec | 15_sec | 30_sec | 1_min | 3_min | 7_min | 15_min | 30_min | 1_hour'],
    [['dcmi', 'thermalpolicy', 'get', 'x', '1'], "Given Entity ID 'x' is invalid."],
    [['dcmi', 'thermalpolicy', 'get'], 'Get <entityID> <instanceID>'],
  ])('%s', async (args, line) => {
    const r = await runIpmits([...unreachable, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(line);
  });
});
