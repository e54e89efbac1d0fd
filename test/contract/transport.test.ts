/**
 * The transport contract (src/transport/transport.ts), the same for every interface: open, one
 * request and its response, a completion code handed back (not thrown), a lost datagram sent
 * again, and close. `-I lan` and `-I lanplus` run against the project's independent responder
 * (test/responder) in this process on 127.0.0.1; `-I open` against the mock ipmi_dev device.
 * Each session is opened through connect() (src/runtime/connect.ts), as the CLI and a library do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGlobalOptions } from '../../src/cli/global-options.js';
import type { DatagramSocket } from '../../src/io.js';
import { systemClock } from '../../src/io.js';
import { MockIpmiDev, type MockRequest } from '../../src/native/mock-binding.js';
import type { Credentials } from '../../src/runtime/credentials.js';
import { type Connection, type ConnectDeps, connect } from '../../src/runtime/connect.js';
import type { GlobalOptions } from '../../src/runtime/options.js';
import { Deadline } from '../../src/transport/exchanger.js';
import { connectUdp } from '../../src/transport/udp.js';
import { MANUFACTURER_ID, PRODUCT_ID } from '../responder/commands.js';
import { type Responder, startResponder } from '../responder/responder.js';

/** Get Device ID (IPMI v2.0 §20.1) as the responder answers it (test/responder/commands.ts). */
const DEVICE_ID = Buffer.from([
  0x01,
  0x01,
  0x02,
  0x10,
  0x02,
  0x80,
  MANUFACTURER_ID & 0xff,
  (MANUFACTURER_ID >> 8) & 0xff,
  (MANUFACTURER_ID >> 16) & 0x0f,
  PRODUCT_ID & 0xff,
  PRODUCT_ID >> 8,
  0x01,
  0x02,
  0x03,
  0x04,
]);
const GET_DEVICE_ID = { netFn: 0x06, cmd: 0x01, data: Buffer.alloc(0), lun: 0 };
/** No BMC implements App command 99h: Invalid Command (C1h). */
const UNKNOWN_COMMAND = { netFn: 0x06, cmd: 0x99, data: Buffer.alloc(0), lun: 0 };

/** A harness per interface: how to open a session, make the next request datagram vanish, and see it closed. */
interface Harness {
  open(): Promise<Connection>;
  /** The next request the client sends is lost (never reaches the BMC). */
  loseNext(): void;
  /** Requests that reached the BMC. */
  requests(): number;
  /** Sessions the BMC still holds open. */
  openSessions(): number;
}

function options(argv: string[]): GlobalOptions {
  const p = parseGlobalOptions([...argv, 'contract']);
  if (p.kind !== 'run') throw new Error('bad options');
  return p.options;
}

function deps(over: Partial<ConnectDeps> = {}): ConnectDeps {
  return {
    clock: systemClock,
    random: (n) => Buffer.alloc(n, 0x42),
    log: { verbose: () => undefined },
    deadline: Deadline.none(systemClock),
    connect: connectUdp,
    env: {},
    ...over,
  };
}

/** -I lan and -I lanplus: real UDP to the responder; the socket seam drops a datagram when asked. */
function lanHarness(iface: 'lan' | 'lanplus', r: () => Responder): Harness {
  let lose = 0;
  const creds: Credentials = { password: Buffer.from('password'), kg: Buffer.alloc(20) };
  return {
    open: () => {
      const o = options(['-I', iface, '-H', r().host, '-p', String(r().port), '-U', 'admin', '-N', '1', '-R', '3']);
      return connect(
        o,
        creds,
        deps({
          connect: async (t): Promise<DatagramSocket> => {
            const s = await connectUdp(t);
            return {
              ...s,
              send: (buf) => {
                if (lose > 0) {
                  lose--;
                  return Promise.resolve();
                }
                return s.send(buf);
              },
              onMessage: (cb) => s.onMessage(cb),
              onError: (cb) => s.onError(cb),
              close: () => s.close(),
            };
          },
        }),
      );
    },
    loseNext: () => {
      lose = 1;
    },
    requests: () => r().stats().requests,
    openSessions: () => r().stats().sessionsOpen,
  };
}

/** -I open: the mock device answers like a BMC; a lost request is one it stays silent on. */
function openHarness(): Harness {
  let lose = 0;
  let answered = 0;
  let dev: MockIpmiDev | undefined;
  const respond = (q: MockRequest) => {
    if (lose > 0) {
      lose--;
      return undefined;
    }
    answered++;
    if (q.netfn === 0x06 && q.cmd === 0x01) return { cc: 0, data: DEVICE_ID };
    return { cc: 0xc1 };
  };
  return {
    open: () => {
      dev = new MockIpmiDev({ clock: systemClock, respond });
      const d = dev;
      return connect(
        options(['-I', 'open', '-N', '1', '-R', '3']),
        { password: Buffer.alloc(0), kg: Buffer.alloc(20) },
        deps({
          ipmiDev: () => ({ binding: d }),
          exists: () => true,
        }),
      );
    },
    loseNext: () => {
      lose = 1;
    },
    requests: () => answered,
    // The device is the session: open while a file descriptor is.
    openSessions: () => (dev ? dev.openAttempts.filter((p) => p === '/dev/ipmi0').length - dev.closed.length : 0),
  };
}

let responder: Responder | undefined;
beforeAll(async () => {
  responder = await startResponder({ suites: [3, 17], v15: true });
});
afterAll(async () => {
  await responder?.stop();
});
const live = (): Responder => responder!;

describe.each([
  ['lanplus', () => lanHarness('lanplus', live)],
  ['lan', () => lanHarness('lan', live)],
  ['open', () => openHarness()],
] as const)('transport contract: -I %s', (_iface, make) => {
  it("opens, answers a request with the BMC's bytes, hands back a completion code, and closes", async () => {
    const h = make();
    const c = await h.open();
    try {
      const before = h.requests();
      const r = await c.transport.request(GET_DEVICE_ID);
      expect(r.cc).toBe(0);
      expect(Buffer.from(r.data).toString('hex')).toBe(DEVICE_ID.toString('hex'));
      // A completion code is the BMC's answer, not a transport failure.
      const refused = await c.transport.request(UNKNOWN_COMMAND);
      expect(refused.cc).toBe(0xc1);
      expect(h.requests() - before).toBe(2);
      expect(h.openSessions()).toBe(1);
    } finally {
      await c.close();
    }
    expect(h.openSessions()).toBe(0);
  });

  it('a lost request is sent again and answered once', async () => {
    const h = make();
    const c = await h.open();
    try {
      const before = h.requests();
      h.loseNext();
      const r = await c.transport.request(GET_DEVICE_ID);
      expect(r.cc).toBe(0);
      expect(Buffer.from(r.data)).toEqual(DEVICE_ID);
      expect(h.requests() - before).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('close is idempotent and never throws', async () => {
    const h = make();
    const c = await h.open();
    await c.close();
    await expect(c.close()).resolves.toBeUndefined();
    expect(h.openSessions()).toBe(0);
  });
});
