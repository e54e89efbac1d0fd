/**
 * sel and event end to end in process: the CLI over -I open with an in-memory BMC (the mock
 * ipmi_dev driver) whose SEL changes while it is read (IPMI v2.0 §31.4, §31.5), and the
 * Platform Event Message on a system interface, which carries the generator ID (Figure 29-2).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/unit/fakes/fake-clock.js';
import { main } from '../../cli/main.js';
import { MockIpmiDev, type MockReply, type MockRequest } from '../../native/mock-binding.js';
import { encodeSystemEvent } from '../../sel/record.js';

const STORAGE = 0x0a;
const APP = 0x06;
const SENSOR_EVENT = 0x04;

/** A BMC with a SEL: IDs never reused; hooks run before the n-th Get SEL Entry. */
class Bmc {
  records: Buffer[] = [];
  nextId = 1;
  gets = 0;
  hooks = new Map<number, () => void>();
  nextOverride = new Map<number, number>();
  events: Buffer[] = [];
  reservation = 0;

  add(sensorNumber: number): void {
    this.reservation = 0;
    const id = this.nextId++;
    this.records.push(
      encodeSystemEvent(
        { generatorId: 0x20, evmRevision: 4, sensorType: 1, sensorNumber, eventType: 1, deassertion: false, eventData: [0x09, 0xff, 0xff] },
        id,
        0x65e19c80 + id,
      ),
    );
  }

  respond = (q: MockRequest): MockReply => {
    if (q.netfn === APP && q.cmd === 0x42) return { cc: 0, data: [0x0f, 0x0c, 0x05, 0x00, 0xf2, 0x1b, 0x00, 0x00, 0x00] };
    if (q.netfn === SENSOR_EVENT && q.cmd === 0x02) {
      this.events.push(q.data);
      return { cc: 0 };
    }
    if (q.netfn !== STORAGE) return { cc: 0xc1 };
    switch (q.cmd) {
      case 0x40: // Get SEL Info
        return { cc: 0, data: [0x51, this.records.length & 0xff, this.records.length >> 8, 0x00, 0x3c, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0a] };
      case 0x42: // Reserve SEL
        this.reservation = 0x77;
        return { cc: 0, data: [0x77, 0x00] };
      case 0x43: {
        // Get SEL Entry
        this.hooks.get(this.gets++)?.();
        const id = q.data.readUInt16LE(2);
        const i = id === 0 ? 0 : id === 0xffff ? this.records.length - 1 : this.records.findIndex((r) => r.readUInt16LE(0) === id);
        const rec = this.records[i];
        if (!rec) return { cc: 0xcb };
        const next = this.nextOverride.get(id) ?? this.records[i + 1]?.readUInt16LE(0) ?? 0xffff;
        return { cc: 0, data: [next & 0xff, next >> 8, ...rec] };
      }
      case 0x47: // Clear SEL
        if (q.data.readUInt16LE(0) !== this.reservation) return { cc: 0xc5 };
        this.records = [];
        return { cc: 0, data: [0x01] };
      default:
        return { cc: 0xc1 };
    }
  };
}

async function cli(bmc: Bmc, argv: string[], nodes?: Record<string, 'ok' | 'ENOENT'>) {
  const clock = new FakeClock();
  const dev = new MockIpmiDev({ clock, respond: bmc.respond, ...(nodes ? { nodes } : {}) });
  let out = '';
  let err = '';
  const code = await main(
    argv,
    { stdout: { write: (c) => void (out += String(c)) }, stderr: { write: (c) => void (err += String(c)) }, stdin: process.stdin },
    {
      env: { TZ: 'UTC' },
      clock,
      random: (n) => Buffer.alloc(n, 1),
      connect: () => Promise.reject(new Error('no network in this test')),
      prompt: async () => undefined,
      ipmiDev: () => ({ binding: dev }),
      exists: () => true,
    },
  );
  return { code, out, err };
}

const ids = (out: string): string[] =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(',')[0]!);

function bmcWith(n: number): Bmc {
  const b = new Bmc();
  for (let i = 0; i < n; i++) b.add(i);
  return b;
}

describe('sel list while the SEL changes', () => {
  it('entries added during the read are listed', async () => {
    const b = bmcWith(3);
    b.hooks.set(1, () => b.add(7));
    const r = await cli(b, ['-c', 'sel', 'list']);
    expect(ids(r.out)).toEqual(['1', '2', '3', '4']);
    expect(r.code).toBe(0);
  });

  it('a deleted record: read again from the start, each record once, a line on stderr', async () => {
    const b = bmcWith(4);
    b.hooks.set(2, () => {
      b.records.splice(2, 1);
      b.add(9);
    });
    const r = await cli(b, ['-c', 'sel', 'list']);
    expect(ids(r.out)).toEqual(['1', '2', '4', '5']);
    expect(r.err).toBe('SEL record 3 disappeared while the SEL was read (entries deleted or cleared): reading again from the first record\n');
    expect(r.code).toBe(0);
  });

  it('a record-ID loop: stops, each record once', async () => {
    const b = bmcWith(5);
    b.nextOverride.set(4, 2);
    const r = await cli(b, ['-c', 'sel', 'list']);
    expect(ids(r.out)).toEqual(['1', '2', '3', '4']);
    expect(r.err).toBe('SEL record 4 points back to record 2: the SEL chain loops, stopping there\n');
  });

  it('last N of a log that grows during the read: the last N that SEL Info counted, then the new ones', async () => {
    const b = bmcWith(5);
    b.hooks.set(4, () => b.add(20));
    const r = await cli(b, ['-c', 'sel', 'list', 'last', '2']);
    expect(ids(r.out)).toEqual(['4', '5', '6']);
  });

  it('sel clear under a reservation', async () => {
    const b = bmcWith(2);
    const r = await cli(b, ['sel', 'clear']);
    expect(r.out).toBe('Clearing SEL.  Please allow a few seconds to erase.\n');
    expect(b.records).toEqual([]);
    const j = await cli(bmcWith(1), ['--json', 'sel', 'clear']);
    expect(JSON.parse(j.out)).toEqual({ cleared: true, completed: true });
  });
});

describe('sel elist when the SDR read fails (issue 15: never a silent wrong answer)', () => {
  /** The same BMC with an SDR repository whose first Get SDR fails (as when loss or other clients' reservations end the read). */
  const withSdrs = (b: Bmc): Bmc => {
    const inner = b.respond;
    b.respond = (q) => {
      if (q.netfn === APP && q.cmd === 0x01) return { cc: 0, data: [0x20, 0x01, 0x01, 0x00, 0x51, 0x1f, 0x57, 0x01, 0x00, 0x00, 0x00] };
      if (q.netfn === STORAGE && q.cmd === 0x20) return { cc: 0, data: [0x51, 0x02, 0x00, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0x02] };
      if (q.netfn === STORAGE && q.cmd === 0x22) return { cc: 0, data: [0x01, 0x00] };
      if (q.netfn === STORAGE && q.cmd === 0x23) return { cc: 0xff };
      return inner(q);
    };
    return b;
  };

  it('the entries without the names the SDR read did not deliver, the cause on stderr, exit 1', async () => {
    const r = await cli(withSdrs(bmcWith(2)), ['sel', 'elist']);
    expect(r.out).toBe(
      '   1 | 03/01/24 | 09:14:41 UTC | Temperature | Upper Critical going high | Asserted\n' +
        '   2 | 03/01/24 | 09:14:42 UTC | Temperature #0x01 | Upper Critical going high | Asserted\n',
    );
    expect(r.err).toBe('Get SDR 0000 command failed: Unspecified error: sensor names may be missing\n');
    expect(r.code).toBe(1);
  });

  it('sel get: the same cause, exit 1', async () => {
    const r = await cli(withSdrs(bmcWith(2)), ['sel', 'get', '2']);
    expect(r.out).toContain('SEL Record ID          : 0002');
    expect(r.err).toBe('Get SDR 0000 command failed: Unspecified error: sensor names may be missing\n');
    expect(r.code).toBe(1);
  });

  it('a BMC without SDRs (Get Device ID refused): no names, as ipmitool, exit 0', async () => {
    const r = await cli(bmcWith(1), ['sel', 'elist']);
    expect(r.out).toBe('   1 | 03/01/24 | 09:14:41 UTC | Temperature | Upper Critical going high | Asserted\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('sel readraw', () => {
  it('needs no BMC: no device node, nothing opened, the records printed (sensor number 0 is not shown)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ipmits-readraw-')), 'sel.bin');
    const b = bmcWith(2);
    writeFileSync(file, Buffer.concat(b.records));
    const r = await cli(new Bmc(), ['sel', 'readraw', file], {});
    expect(r.err).toBe('');
    expect(r.out).toBe(
      '   1 | 03/01/24 | 09:14:41 UTC | Temperature | Upper Critical going high | Asserted\n' +
        '   2 | 03/01/24 | 09:14:42 UTC | Temperature #0x01 | Upper Critical going high | Asserted\n',
    );
    expect(r.code).toBe(0);
    rmSync(path.dirname(file), { recursive: true });
  });
});

describe('event on a system interface', () => {
  it('the request starts with the generator ID 41h (Figure 29-2), then Table 29-5', async () => {
    const b = new Bmc();
    const r = await cli(b, ['event', '1']);
    expect(r.out).toBe(
      'Sending SAMPLE event: Temperature - Upper Critical - Going High\n   0 |  Pre-Init  |0000000000| Temperature #0x30 | Upper Critical going high | Asserted\n',
    );
    expect(r.code).toBe(0);
    expect(b.events.map((e) => e.toString('hex'))).toEqual(['41' + '04013001' + '09ffff']);
  });
});
