/**
 * Never a silent wrong answer (issue 15, defect 1): a listing the BMC only partly delivered says so
 * on stderr and exits non-zero. The injecting proxy (IPMI v1.5 `-A NONE`) refuses or drops chosen
 * requests on their way to the simulator, or answers them itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIpmits } from '../support/run.js';
import { startInjectProxy, type Answer, type InjectProxy } from '../support/inject-proxy.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

function withProxy(answer: Answer): () => InjectProxy {
  let proxy: InjectProxy | undefined;
  beforeAll(async () => {
    proxy = await startInjectProxy({ host: simulator().host, port: simulator().port }, answer);
  });
  afterAll(() => proxy?.close());
  return () => proxy!;
}

const via = (p: InjectProxy): string[] => [
  '-I',
  'lan',
  '-A',
  'NONE',
  '-H',
  '127.0.0.1',
  '-p',
  String(p.port),
  '-U',
  'admin',
  '-P',
  'adminpass',
  '-N',
  '1',
  '-R',
  '1',
  '--no-cache',
];

describe('an SDR walk that ends early (Get SDR refused after the first record)', () => {
  // Storage netFn 0Ah, Get SDR 23h: request = reservation (2), record ID (2), offset, count.
  const proxy = withProxy((netFn, cmd, d) => (netFn === 0x0a && cmd === 0x23 && d.readUInt16LE(2) !== 0 ? { cc: 0xce, data: Buffer.alloc(0) } : undefined));

  it.each([[['sdr', 'elist']], [['sdr', 'list']], [['sensor', 'list']]])("%j: the cause on stderr (ipmitool's words), exit 1", async (args) => {
    const r = await runIpmits([...via(proxy()), ...args]);
    expect(lines(r.stderr).at(-1)).toMatch(/^Get SDR [0-9a-f]{4} command failed: Command response could not be provided$/);
    expect(r.code).toBe(1);
  });

  it('--json: one error document, code incomplete', async () => {
    const r = await runIpmits(['--json', ...via(proxy()), 'sdr', 'elist']);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'incomplete', exitCode: 1 } });
    expect(r.code).toBe(1);
  });
});

describe('a sensor reading that gets no answer', () => {
  // Sensor/Event netFn 04h, Get Sensor Reading 2Dh: sensor 01h never answered.
  const proxy = withProxy((netFn, cmd, d) => (netFn === 0x04 && cmd === 0x2d && d[0] === 0x01 ? 'drop' : undefined));

  it.each([[['sdr', 'elist']], [['sensor', 'list']]])('%j: named on stderr, exit 1 (was ns / na and exit 0)', async (args) => {
    const r = await runIpmits([...via(proxy()), ...args]);
    expect(r.stderr).toMatch(/^Unable to read sensor .+ \(#01\): no response to Get Sensor Reading$/m);
    expect(r.code).toBe(1);
  });
});

describe('FRU data that fails its checksum', () => {
  // Common header (board area at offset 8), then a board area of 16 bytes whose checksum is off by one.
  const image = Buffer.from([0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xfe, 0x01, 0x02, 0x00, 0, 0, 0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc1, 0, 0, 0, 0]);
  image[image.length - 1] = (-image.subarray(8, image.length - 1).reduce((a, b) => a + b, 0) + 1) & 0xff;
  const proxy = withProxy((netFn, cmd, d) => {
    if (netFn !== 0x0a || d[0] !== 0x07) return undefined; // FRU 7 only: the simulator has none there
    if (cmd === 0x10) return { cc: 0, data: Buffer.from([image.length, 0, 0]) };
    if (cmd !== 0x11) return undefined;
    const at = d.readUInt16LE(1);
    const part = image.subarray(at, at + d[3]!);
    return { cc: 0, data: Buffer.concat([Buffer.from([part.length]), part]) };
  });

  it('is printed as far as it goes, the problem on stderr, exit 5', async () => {
    const r = await runIpmits([...via(proxy()), 'fru', 'print', '7']);
    expect(r.stderr).toMatch(/checksum is wrong/);
    expect(lines(r.stderr).at(-1)).toBe('FRU data failed its checks (checksum or layout): FRU 7');
    expect(r.code).toBe(5);
  });
});
