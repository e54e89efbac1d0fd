/**
 * -W solport and solpayloadsize: a proxy in front of the simulator rewrites the Activate Payload
 * reply (cipher suite 1: RAKP-HMAC-SHA1 login, payloads neither encrypted nor authenticated, so
 * the proxy can) to name a port where nothing listens, or an impossible payload size.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy, type Direction } from '../responder/harness.js';
import { conn } from '../support/diff.js';
import { ipmitsCommand, runIpmitool } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { BANNER, SolProcess } from './support.js';

const sim = useSim({ sol: true, seedSel: false });

const sum = (b: Uint8Array): number => -b.reduce((a, x) => a + x, 0) & 0xff;
const ACTIVATE_PAYLOAD = 0x48;

/** The Activate Payload reply's data rewritten (RMCP+ payload type 0 in the clear: header 16 bytes, then the IPMI message). */
function onActivatePayload(edit: (data: Buffer) => void): (p: Buffer, dir: Direction) => Buffer[] {
  return (p, dir) => {
    if (dir !== 'toClient' || p.length < 24 || p[4] !== 0x06 || (p[5]! & 0xff) !== 0x00 || p.readUInt32LE(6) === 0) return [p];
    const msg = Buffer.from(p.subarray(16));
    if (msg[5] !== ACTIVATE_PAYLOAD || msg[6] !== 0 || msg.length < 7 + 12 + 1) return [p];
    const data = msg.subarray(7, msg.length - 1);
    edit(data);
    msg[msg.length - 1] = sum(msg.subarray(3, msg.length - 1));
    return [Buffer.concat([p.subarray(0, 16), msg])];
  };
}

async function deadPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let live: SolProcess[] = [];
afterEach(async () => {
  for (const p of live) p.kill();
  await Promise.all(live.map((p) => p.exited));
  live = [];
});

function solVia(port: number, global: string[]): SolProcess {
  const p = new SolProcess([
    ...ipmitsCommand(),
    '-I',
    'lanplus',
    '-C',
    '1',
    '-H',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'admin',
    '-P',
    'adminpass',
    ...global,
    'sol',
    'activate',
  ]);
  live.push(p);
  return p;
}

/** Type a line into the console's shell and see its echo come back. */
async function echoes(p: SolProcess, word: string, timeoutMs: number): Promise<boolean> {
  p.type(`echo ${word}\r`);
  try {
    await p.waitOut(`${word}\r\nsim$ `, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

describe('-W for sol activate', () => {
  it('solport: a bogus SOL port in Activate Payload loses the console; -W solport stays on the session port', async () => {
    const bogus = await deadPort();
    const proxy = await startProxy(
      sim().port,
      onActivatePayload((d) => d.writeUInt16LE(bogus, 8)),
    );
    try {
      const without = solVia(proxy.port, ['-v']);
      await without.waitOut(BANNER);
      expect(await echoes(without, 'lost', 3000)).toBe(false);
      expect(without.err).toContain(`Payload type 1 uses UDP port ${bogus}`);
      without.proc.kill('SIGTERM');
      await without.exited;
      // Whatever that run left behind (its SOL data never got through), the next one starts clean.
      await runIpmitool([...conn(sim(), 'lanplus'), 'sol', 'deactivate']);

      const withFlag = solVia(proxy.port, ['-v', '-W', 'solport']);
      await withFlag.waitOut(BANNER);
      expect(await echoes(withFlag, 'found', 8000)).toBe(true);
      expect(withFlag.err).toContain(`The BMC names UDP port ${bogus} for SOL: staying on`);
      withFlag.type('\r~.');
      expect((await withFlag.exited).code).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it("solpayloadsize: an impossible payload size is recognised without the flag; with it the BMC's size is ignored", async () => {
    const proxy = await startProxy(
      sim().port,
      onActivatePayload((d) => d.writeUInt16LE(2, 4)),
    );
    try {
      for (const [global, note] of [
        [['-v'], 'The BMC reports an impossible SOL payload size 2: using 36 (as -W solpayloadsize)'],
        [['-v', '-W', 'solpayloadsize'], 'The BMC reports SOL payload size 2: using 36 (solpayloadsize)'],
      ] as const) {
        const p = solVia(proxy.port, [...global]);
        await p.waitOut(BANNER);
        expect(await echoes(p, 'sized', 8000)).toBe(true);
        expect(p.err).toContain(note);
        p.type('\r~.');
        expect((await p.exited).code).toBe(0);
      }
    } finally {
      await proxy.close();
    }
  });
});
