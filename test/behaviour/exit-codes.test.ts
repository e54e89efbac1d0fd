/**
 * Exit codes and the one line on stderr for failures that once exited 70 (internal error) or 4
 * (authentication) by mistake (issue 15, defect 7). docs/exit-codes.md is the contract.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipmitsCommand, runIpmits } from '../support/run.js';
import { rmcpPlusReply, startFakeBmc, v15Reply, type FakeBmc } from '../support/fake-bmc.js';
import { startInjectProxy, type InjectProxy } from '../support/inject-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('bad connection options: ipmitool wording, usage exit', () => {
  it("-H '': No hostname specified!", async () => {
    const r = await runIpmits(['-H', '', '-U', 'admin', '-P', 'x', 'power', 'status']);
    expect(r.stderr).toBe('No hostname specified!\n');
    expect(r.code).toBe(2);
  });

  it('-p 0: the port range error', async () => {
    const r = await runIpmits(['-H', '127.0.0.1', '-p', '0', '-P', 'x', 'power', 'status']);
    expect(lines(r.stderr)[0]).toBe('Port number 0 is out of range.');
    expect(r.code).toBe(2);
  });
});

describe('a BMC out of session slots: its own cause and exit 7, not authentication (4)', () => {
  let bmc: FakeBmc;
  beforeAll(async () => {
    bmc = await startFakeBmc((m) => {
      // RMCP+: Open Session answered "insufficient resources for session" (status 01h).
      if (m.kind === 'rmcpplus' && m.payloadType === 0x10) {
        const p = Buffer.alloc(8);
        p[0] = m.payload[0]!;
        p[1] = 0x01;
        m.payload.copy(p, 4, 4, 8);
        return [rmcpPlusReply(0x11, p)];
      }
      if (m.kind !== 'v15' || m.netFn !== 0x06) return [];
      // IPMI v1.5: auth types NONE, MD5, PASSWORD; Get Session Challenge answered Out of space (C4h), as ipmi_sim does.
      if (m.cmd === 0x38) return [v15Reply(m, 0, Buffer.of(0x01, 0x15, 0x04, 0, 0, 0, 0, 0))];
      if (m.cmd === 0x39) return [v15Reply(m, 0xc4)];
      return [];
    });
  });
  afterAll(() => bmc.close());

  const at = (): string[] => ['-H', bmc.host, '-p', String(bmc.port), '-U', 'admin', '-P', 'adminpass'];

  it("lanplus: ipmitool's lines, exit 7", async () => {
    const r = await runIpmits(['-I', 'lanplus', '-C', '3', ...at(), 'power', 'status']);
    expect(r.stderr).toBe(
      'Error in open session response message : insufficient resources for session\n\nError: Unable to establish IPMI v2 / RMCP+ session\n',
    );
    expect(r.code).toBe(7);
  });

  it("lan: ipmitool's lines, exit 7", async () => {
    const r = await runIpmits(['-I', 'lan', ...at(), 'power', 'status']);
    expect(lines(r.stderr)).toEqual([
      'Get Session Challenge command failed: Out of space',
      'Error: Unable to establish LAN session',
      'Error: Unable to establish IPMI v1.5 / RMCP session',
    ]);
    expect(r.code).toBe(7);
  });

  it('--json: the error document names the cause', async () => {
    const r = await runIpmits(['--json', '-I', 'lanplus', '-C', '3', ...at(), 'power', 'status']);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'no-session-slot', layer: 'busy', exitCode: 7 } });
  });
});

describe('fru print when Read FRU Data gets no answer: exit 3, the cause on stderr', () => {
  let proxy: InjectProxy;
  beforeAll(async () => {
    // Storage netFn 0Ah, Read FRU Data 11h: never answered.
    proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, (netFn, cmd) => (netFn === 0x0a && cmd === 0x11 ? 'drop' : undefined));
  });
  afterAll(() => proxy.close());

  const via = (): string[] => ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', '-N', '1', '-R', '1'];

  it.each([[['fru', 'print', '0']], [['fru', 'print']]])('%j', async (args) => {
    const r = await runIpmits([...via(), ...args]);
    expect(r.code).toBe(3);
    expect(lines(r.stderr).at(-1)).toMatch(/^No response to request \(netfn 0xa cmd 0x11\)/);
  });

  it('--json: one error document', async () => {
    const r = await runIpmits(['--json', ...via(), 'fru', 'print', '0']);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { layer: 'transport', exitCode: 3 } });
  });
});

describe('stdout that cannot be written', () => {
  it.each([[['-V']], [['--json', '-V']]])('%j > /dev/full: one line, exit 6 (was a silent 0)', (args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const [cmd, ...pre] = ipmitsCommand();
      const r = spawnSync(cmd!, [...pre, ...args], { stdio: ['ignore', full, 'pipe'], timeout: 30_000 });
      expect(r.stderr.toString()).toBe('ipmits: write error: No space left on device\n');
      expect(r.status).toBe(6);
    } finally {
      closeSync(full);
    }
  });
});

describe('--json -V', () => {
  it('a document on stdout', async () => {
    const r = await runIpmits(['--json', '-V']);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'ipmits' });
    expect(r.code).toBe(0);
  });
});
