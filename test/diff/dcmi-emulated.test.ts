/**
 * DCMI through ipmitool and ipmits, byte for byte, on a BMC that answers DCMI: ipmi_sim has no
 * DCMI, so a loopback proxy in front of it answers the DCMI requests (group extension DCh) itself
 * with canned replies laid out per DCMI v1.5, and passes everything else (session set-up, the SDR
 * walk of `dcmi sensors`) to ipmi_sim (test/support/inject-proxy.ts: IPMI v1.5, `-A NONE`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, expectSame, exitRuleFor } from '../support/diff.js';
import { startInjectProxy, type InjectProxy } from '../support/inject-proxy.js';
import { runIpmits, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const DC = 0xdc;

/** The emulated DCMI BMC: request data (after DCh) → completion code and reply data (after DCh). */
class DcmiBmc {
  limit = hex('11 2c01 e8030000 0000 0100'); // action 11h, 300 W, 1000 ms, reserved, 1 s
  active = true;
  asset = Buffer.from('ASSET-0042-RACK-17-SLOT-3');
  readonly conf = new Map<number, Buffer>([
    [2, hex('01')],
    [3, hex('04')],
    [4, hex('7800')],
    [5, hex('4000')],
  ]);
  readonly thermal = new Map<string, Buffer>([['64.1', hex('c0 50 1e00')]]);
  mcId = Buffer.from('bmc-ipmits-sim');

  answer(cmd: number, d: Buffer): { cc: number; data: Buffer } {
    const ok = (b: Buffer): { cc: number; data: Buffer } => ({ cc: 0, data: Buffer.concat([Buffer.of(DC), b]) });
    const chunk = (s: Buffer): { cc: number; data: Buffer } => ok(Buffer.concat([Buffer.of(s.length), s.subarray(d[0]!, d[0]! + d[1]!)]));
    switch (cmd) {
      case 0x01: // Get DCMI Capabilities Info (§6.1.1): conformance 1.5, revision 2
        return ok(Buffer.concat([hex('01 05 02'), [hex('0f 01 3d'), hex('00 84 07 07'), hex('40 00'), hex('01 ff ff')][d[0]! - 1] ?? hex('')]));
      case 0x02: // Get Power Reading (§6.6.1)
        return ok(hex(`4001 6400 f401 2c01 00e1f565 ${d[0] === 2 ? '41000000' : 'e8030000'} 40`));
      case 0x03: // Get Power Limit (§6.6.2); 80h: no active limit, data still sent
        return { cc: this.active ? 0 : 0x80, data: Buffer.concat([Buffer.of(DC), hex('0000'), this.limit]) };
      case 0x04: // Set Power Limit (§6.6.3)
        this.limit = Buffer.concat([d.subarray(3, 10), hex('0000'), d.subarray(12, 14)]);
        return ok(hex(''));
      case 0x05: // Activate/Deactivate (§6.6.4)
        this.active = d[0] === 1;
        return ok(hex(''));
      case 0x06: // Get Asset Tag (§6.4.2)
        return chunk(this.asset);
      case 0x09: // Get Management Controller Identifier String (§6.4.6.1)
        return chunk(this.mcId);
      case 0x08: // Set Asset Tag (§6.4.3): the string ends after the last chunk written
        this.asset = Buffer.concat([this.asset.subarray(0, d[0]!), d.subarray(2, 2 + d[1]!)]);
        return ok(Buffer.of(this.asset.length));
      case 0x0a: // Set Management Controller Identifier String (§6.4.6.2)
        this.mcId = Buffer.concat([this.mcId.subarray(0, d[0]!), d.subarray(2, 2 + d[1]!)]);
        return ok(Buffer.of(this.mcId.length));
      case 0x07: // Get DCMI Sensor Info (§6.5.2): record IDs of ipmi_sim's SDRs
        return ok({ 0x40: hex('01 01 0500'), 0x41: hex('02 02 0300 0400'), 0x42: hex('01 01 0600') }[d[1]!] ?? hex('00 00'));
      case 0x10: // Get Temperature Readings (§6.7.3)
        return ok({ 0x40: hex('01 01 17 01'), 0x41: hex('02 02 2d 01 88 02'), 0x42: hex('00 00') }[d[1]!] ?? hex('00 00'));
      case 0x13: // Get DCMI Configuration Parameters (§6.1.3)
        return ok(Buffer.concat([hex('01 05 01'), this.conf.get(d[0]!) ?? hex('00')]));
      case 0x12: // Set DCMI Configuration Parameters (§6.1.2)
        this.conf.set(d[0]!, Buffer.from(d.subarray(2)));
        return ok(hex(''));
      case 0x0c: {
        // Get Thermal Limit (§6.7.2)
        const t = this.thermal.get(`${d[0]}.${d[1]}`);
        return t ? ok(t) : { cc: 0xcb, data: Buffer.alloc(0) };
      }
      case 0x0b: // Set Thermal Limit (§6.7.1)
        this.thermal.set(`${d[0]}.${d[1]}`, Buffer.from(d.subarray(2, 6)));
        return ok(hex(''));
      default:
        return { cc: 0xc1, data: Buffer.alloc(0) };
    }
  }
}

let proxy: InjectProxy | undefined;
const bmc = new DcmiBmc();

beforeAll(async () => {
  // DCMI requests: Group Extension netFn 2Ch with DCh first (PICMG and VSO probes go to ipmi_sim).
  proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, (netFn, cmd, data) =>
    netFn === 0x2c && data[0] === DC ? bmc.answer(cmd, data.subarray(1)) : undefined,
  );
});
afterAll(() => proxy?.close());

const c = (): string[] => ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(proxy!.port), '-U', 'admin', '-P', 'adminpass'];

describe('dcmi on an emulated DCMI BMC, byte for byte with ipmitool', () => {
  it.each([
    [['dcmi', 'discover']],
    [['dcmi', 'power', 'reading']],
    [['dcmi', 'power', 'reading', '1_min']],
    [['dcmi', 'power', 'get_limit']],
    [['dcmi', 'power', 'activate']],
    [['dcmi', 'power', 'deactivate']],
    [['dcmi', 'asset_tag']],
    [['dcmi', 'get_mc_id_string']],
    [['dcmi', 'sensors']],
    [['dcmi', 'get_temp_reading']],
    [['dcmi', 'get_conf_param']],
    [['dcmi', 'thermalpolicy', 'get', '0x40', '1']],
    [['dcmi', 'thermalpolicy', 'get', '0x41', '1']],
  ])('%s', async (args) => {
    bmc.active = true;
    expectSame(await both([...c(), ...args]));
  });

  it('get_limit without an active limit (completion code 80h)', async () => {
    bmc.active = false;
    const p = await both([...c(), 'dcmi', 'power', 'get_limit']);
    expectSame(p);
    expect(p.ours.stdout).toContain('Current Limit State: No Active Power Limit\n');
    bmc.active = true;
  });

  it('set_limit: ipmits writes, ipmitool reads back (and the other way round)', async () => {
    const ours = await both([...c(), 'dcmi', 'power', 'set_limit', 'limit', '250']);
    expect(ours.theirs.stdout).toContain('Power Limit:         250 Watts\n');
    expectSame(ours);
    const theirs = await both([...c(), 'dcmi', 'power', 'set_limit', 'action', 'power_off']);
    expectSame(theirs);
    expect(theirs.ours.stdout).toContain('Exception actions:   Hard Power Off & Log Event to SEL\n');
    expectSame(await both([...c(), 'dcmi', 'power', 'set_limit', 'correction', '6000']));
    expectSame(await both([...c(), 'dcmi', 'power', 'set_limit', 'sample', '5']));
    const read = await both([...c(), 'dcmi', 'power', 'get_limit']);
    expectSame(read);
    expect(read.ours.stdout).toContain('Correction time:     6000 milliseconds\n    Sampling period:     5 seconds\n');
  });
});

describe('set_asset_tag and set_mc_id_string, read back by the other client', () => {
  it('set_asset_tag: ipmits writes (two chunks), ipmitool reads; ipmitool writes, ipmits reads', async () => {
    const ours = await runIpmits([...c(), 'dcmi', 'set_asset_tag', 'RACK-42-SLOT-07-WEST-ROW']);
    expect(ours.stdout).toBe('\n Set Asset Tag: RACK-42-SLOT-07-WEST-ROW\n\n');
    const read = await both([...c(), 'dcmi', 'asset_tag']);
    expectSame(read);
    expect(read.theirs.stdout).toBe('\n Asset tag: RACK-42-SLOT-07-WEST-ROW\n\n');
    const set = await both([...c(), 'dcmi', 'set_asset_tag', 'TAG-9']);
    expectSame(set);
    expect((await runIpmits([...c(), 'dcmi', 'asset_tag'])).stdout).toBe('\n Asset tag: TAG-9\n\n');
  });

  it('set_mc_id_string: written with its NUL, as ipmitool writes it', async () => {
    const set = await both([...c(), 'dcmi', 'set_mc_id_string', 'rack42-bmc']);
    expectSame(set);
    expect(bmc.mcId.toString('latin1')).toBe('rack42-bmc\0');
    expectSame(await both([...c(), 'dcmi', 'get_mc_id_string']));
    expect(JSON.parse((await runIpmits([...c(), '--json', 'dcmi', 'get_mc_id_string'])).stdout)).toEqual({ mcIdString: 'rack42-bmc' });
  });

  it('a value longer than 64 bytes is refused before anything is sent', async () => {
    const r = await runIpmits([...c(), 'dcmi', 'set_asset_tag', 'x'.repeat(65)]);
    expect([r.code, r.stderr]).toEqual([2, 'Value is too long (> 64 bytes).\n']);
  });
});

describe('set_conf_param and thermalpolicy set, read back by the other client', () => {
  it.each([[['timeout', '300']], [['retry', '0x50']], [['init', '9']], [['dhcp_config', '2']], [['activate_dhcp']]])('set_conf_param %s', async (args) => {
    expectSame(await both([...c(), 'dcmi', 'set_conf_param', ...args]));
    expectSame(await both([...c(), 'dcmi', 'get_conf_param']));
  });

  it('the values written are read back', async () => {
    await runIpmits([...c(), 'dcmi', 'set_conf_param', 'timeout', '4660']);
    expect((await runIpmitool([...c(), 'dcmi', 'get_conf_param'])).stdout).toContain('\tServer contact timeout interval\t: 4660 seconds');
  });

  it.each([
    [['0x41', '2', 'nonvolatile', 'poweroff', 'nosel', '90', '45'], 'Persistence flag is:                      set\n'],
    [['0x41', '2', 'volatile', 'nopoweroff', 'sel', '85', '300'], 'Log event to SEL only:                active\n'],
  ])('thermalpolicy set %s, then get through both', async (args, line) => {
    expectSame(await both([...c(), 'dcmi', 'thermalpolicy', 'set', ...args]));
    const p = await both([...c(), 'dcmi', 'thermalpolicy', 'get', args[0]!, args[1]!]);
    expectSame(p);
    expect(p.theirs.stdout).toContain(line);
  });

  it.each([[['set_conf_param']], [['set_conf_param', 'help']]])('usage as ipmitool prints it: %s', async (args) => {
    expectSame(await both([...c(), 'dcmi', ...args]), exitRuleFor(args));
  });

  it('thermalpolicy set usage: the same lines on stderr; ipmitool adds an empty line on stdout (docs/compatibility.md)', async () => {
    const p = await both([...c(), 'dcmi', 'thermalpolicy', 'set', '0x40', '1']);
    expect(p.ours.stderr).toBe(p.theirs.stderr);
    expect([p.theirs.stdout, p.ours.stdout]).toEqual(['\n', '']);
    expect([p.theirs.code, p.ours.code]).toEqual([1, 2]);
  });
});
