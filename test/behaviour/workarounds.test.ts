/**
 * -W workarounds (FreeIPMI's names): each broken-BMC behaviour reproduced, by a rewriting proxy in
 * front of ipmi_sim (IPMI v1.5) or by the RMCP+ responder's quirk modes (test/responder): the
 * login or command fails without the flag and succeeds with it. Quirks ipmits recognises safely
 * succeed without the flag too, and -v says what was worked around.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponder, type Responder } from '../responder/responder.js';
import type { ResponderQuirk } from '../responder/session.js';
import { startProxy, type Direction } from '../responder/harness.js';
import { runIpmits, type RunResult } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { startSim } from '../sim/sim.js';

const sim = useSim({ seedSel: false });

// ---- IPMI v1.5 packets: RMCP (4), auth type (1), sequence (4), session id (4), [auth code (16)], length (1), message

interface V15 {
  authType: number;
  seq: number;
  sid: number;
  msgAt: number;
}

function v15(p: Buffer): V15 | undefined {
  if (p.length < 14 || p[3] !== 0x07 || p[4] === 0x06) return undefined;
  const authType = p[4]!;
  const msgAt = authType === 0 ? 14 : 30;
  if (p.length < msgAt + 7) return undefined;
  return { authType, seq: p.readUInt32LE(5), sid: p.readUInt32LE(9), msgAt };
}

const sum = (b: Uint8Array): number => -b.reduce((a, x) => a + x, 0) & 0xff;

/** A reply's IPMI message: command and completion code, data (copy). */
function replyOf(p: Buffer, h: V15): { cmd: number; cc: number; data: Buffer } {
  return { cmd: p[h.msgAt + 5]!, cc: p[h.msgAt + 6]!, data: Buffer.from(p.subarray(h.msgAt + 7, p.length - 1)) };
}

/** The reply with new data bytes, its data checksum valid again. */
function withData(p: Buffer, h: V15, data: Buffer): Buffer {
  const head = Buffer.from(p.subarray(0, h.msgAt + 7));
  const body = Buffer.concat([head.subarray(h.msgAt + 3), data]);
  const out = Buffer.concat([head, data, Buffer.of(sum(body))]);
  out[h.msgAt - 1] = out.length - h.msgAt;
  return out;
}

const GET_CHANNEL_AUTH_CAPS = 0x38;
const ACTIVATE_SESSION = 0x3a;

type Rewrite = (p: Buffer, dir: Direction) => Buffer;

async function through(rewrite: Rewrite, args: string[], bmcPort = sim().port): Promise<RunResult> {
  const proxy = await startProxy(bmcPort, (p, dir) => [rewrite(p, dir)]);
  try {
    return await runIpmits(['-I', 'lan', '-H', '127.0.0.1', '-p', String(proxy.port), '-U', 'admin', '-P', 'adminpass', '-N', '1', '-R', '2', ...args], {
      timeoutMs: 30_000,
    });
  } finally {
    await proxy.close();
  }
}

/** Rewrites the data of one command's replies from the BMC. */
const onReply =
  (cmd: number, edit: (data: Buffer) => Buffer): Rewrite =>
  (p, dir) => {
    const h = dir === 'toClient' ? v15(p) : undefined;
    if (!h) return p;
    const r = replyOf(p, h);
    return r.cmd === cmd && r.cc === 0 ? withData(p, h, edit(r.data)) : p;
  };

const ok = (r: RunResult): void => {
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: 'Chassis Power is on\n' });
};
const fails = (r: RunResult): void => {
  expect(r.code, r.stdout + r.stderr).not.toBe(0);
  expect(r.stderr).not.toBe('');
};

describe('-W parsing', () => {
  it('an unknown name: one line naming the known ones, usage exit 2, nothing sent', async () => {
    const r = await runIpmits(['-I', 'lan', '-H', '127.0.0.1', '-p', '9', '-W', 'authcap,bogus', 'power', 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      "Unknown workaround 'bogus' for -W (known: authcap, idzero, unexpectedauth, forcepermsg, endianseq, noauthcodecheck, nochecksumcheck, intel20, supermicro20, sun20, opensesspriv, integritycheckvalue, solpayloadsize, solport, solstatus)",
    );
  });
});

describe('IPMI v1.5 quirks through a rewriting proxy (ipmi_sim)', () => {
  it('authcap: capabilities that list no MD5 fail -A MD5; -W authcap logs in with MD5 anyway', async () => {
    const noMd5 = onReply(GET_CHANNEL_AUTH_CAPS, (d) => Buffer.concat([d.subarray(0, 1), Buffer.of(d[1]! & ~(1 << 2)), d.subarray(2)]));
    const without = await through(noMd5, ['-A', 'MD5', 'power', 'status']);
    fails(without);
    expect(without.stderr).toContain('Authentication type MD5 not supported');
    ok(await through(noMd5, ['-A', 'MD5', '-W', 'authcap', 'power', 'status']));
  });

  it('forcepermsg: "per-message authentication off" and a NONE Activate Session answer, but the BMC wants auth codes', async () => {
    // -A PASSWORD: the auth code is the password itself, so the proxy may rewrite the message.
    const lie: Rewrite = (p, dir) => {
      const caps = onReply(GET_CHANNEL_AUTH_CAPS, (d) => Buffer.concat([d.subarray(0, 2), Buffer.of(d[2]! | 0x10), d.subarray(3)]))(p, dir);
      return onReply(ACTIVATE_SESSION, (d) => Buffer.concat([Buffer.of(0), d.subarray(1)]))(caps, dir);
    };
    ok(await through(lie, ['-A', 'PASSWORD', '-W', 'forcepermsg', 'power', 'status']));
    // Without the flag ipmits sends unauthenticated requests, which kill ipmi_sim 2.0.33 (a
    // segfault on an auth type NONE packet in a PASSWORD session): a simulator of its own.
    const own = await startSim({ seedSel: false });
    try {
      fails(await through(lie, ['-A', 'PASSWORD', 'power', 'status'], own.port));
    } finally {
      await own.stop();
    }
  });

  it('per-message authentication "off" but Activate Session answers with MD5: recognised without a flag, said under -v', async () => {
    const caps = onReply(GET_CHANNEL_AUTH_CAPS, (d) => Buffer.concat([d.subarray(0, 2), Buffer.of(d[2]! | 0x10), d.subarray(3)]));
    const r = await through(caps, ['-A', 'MD5', '-v', 'power', 'status']);
    ok(r);
    expect(r.stderr).toMatch(/per-message authentication.*forcepermsg/);
  });

  it('noauthcodecheck: replies with wrong auth codes time out; -W noauthcodecheck takes them', async () => {
    const badCodes: Rewrite = (p, dir) => {
      const h = dir === 'toClient' ? v15(p) : undefined;
      if (!h || h.authType === 0) return p;
      const out = Buffer.from(p);
      out[13] = out[13]! ^ 0xff;
      return out;
    };
    fails(await through(badCodes, ['-A', 'MD5', 'power', 'status']));
    ok(await through(badCodes, ['-A', 'MD5', '-W', 'noauthcodecheck', 'power', 'status']));
  });

  it('nochecksumcheck: replies with a wrong data checksum fail; -W nochecksumcheck takes them', async () => {
    const badSum: Rewrite = (p, dir) => {
      const h = dir === 'toClient' ? v15(p) : undefined;
      if (!h) return p;
      const out = Buffer.from(p);
      out[out.length - 1] = out[out.length - 1]! ^ 0x5a;
      return out;
    };
    fails(await through(badSum, ['-A', 'NONE', 'power', 'status']));
    ok(await through(badSum, ['-A', 'NONE', '-W', 'nochecksumcheck', 'power', 'status']));
  });

  it('endianseq: session sequence numbers in the other byte order are taken with and without the flag', async () => {
    const swap: Rewrite = (p, dir) => {
      const h = dir === 'toClient' ? v15(p) : undefined;
      if (!h || h.sid === 0) return p;
      const out = Buffer.from(p);
      out.writeUInt32BE(h.seq, 5);
      return out;
    };
    ok(await through(swap, ['-A', 'NONE', 'power', 'status']));
    ok(await through(swap, ['-A', 'NONE', '-W', 'endianseq', 'power', 'status']));
  });

  it('idzero: a BMC that names its session 0 works without the flag, and -v says so', async () => {
    let real = 0;
    const zero: Rewrite = (p, dir) => {
      const h = v15(p);
      if (!h) return p;
      if (dir === 'toClient') {
        const r = replyOf(p, h);
        if (r.cmd === ACTIVATE_SESSION && r.cc === 0) {
          real = r.data.readUInt32LE(1);
          const d = Buffer.from(r.data);
          d.writeUInt32LE(0, 1);
          return withData(p, h, d);
        }
        if (h.sid !== 0 && h.sid === real) {
          const out = Buffer.from(p);
          out.writeUInt32LE(0, 9);
          return out;
        }
        return p;
      }
      // requests: the client's session 0 is the BMC's real one (after activation; before, 0 is pre-session)
      if (h.sid === 0 && real !== 0 && h.seq !== 0) {
        const out = Buffer.from(p);
        out.writeUInt32LE(real, 9);
        return out;
      }
      return p;
    };
    const r = await through(zero, ['-A', 'NONE', '-v', 'power', 'status']);
    ok(r);
    expect(r.stderr).toMatch(/session ID 0.*idzero/);
    real = 0;
    ok(await through(zero, ['-A', 'NONE', '-W', 'idzero', 'power', 'status']));
  });
});

describe('RMCP+ quirks of the responder', () => {
  const responders = new Map<string, Responder>();
  const quirks: ResponderQuirk[] = ['opensesspriv', 'intel20', 'supermicro20', 'sun20', 'integritycheckvalue'];
  beforeAll(async () => {
    for (const q of quirks) responders.set(q, await startResponder({ quirks: [q] }));
  });
  afterAll(async () => {
    for (const r of responders.values()) await r.stop();
  });

  const login = (q: ResponderQuirk, args: string[]): Promise<RunResult> =>
    runIpmits(['-I', 'lanplus', '-H', '127.0.0.1', '-p', String(responders.get(q)!.port), '-U', 'admin', '-P', 'password', ...args, 'chassis', 'status'], {
      timeoutMs: 30_000,
    });
  const up = (r: RunResult): void => expect({ code: r.code, err: r.stderr }).toEqual({ code: 0, err: expect.any(String) as string });
  const refused = (r: RunResult): void => {
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('Error: Unable to establish IPMI v2 / RMCP+ session');
  };

  it.each([
    ['opensesspriv', ['-C', '3'], 'opensesspriv'],
    ['intel20', ['-C', '3'], 'intel20'],
    ['supermicro20', ['-C', '3'], 'supermicro20'],
    ['sun20', ['-C', '3'], 'sun20'],
  ] as const)('%s: the login fails without -W and succeeds with it', async (q, suite, flag) => {
    refused(await login(q, [...suite]));
    up(await login(q, [...suite, '-W', flag]));
  });

  it('intel20 with HMAC-MD5 (suite 6): the user name padded, the password cut to 16 bytes', async () => {
    refused(await login('intel20', ['-C', '6']));
    up(await login('intel20', ['-C', '6', '-W', 'intel20']));
  });

  it('integritycheckvalue: cipher suite 0 with a non-empty RAKP 4 check value is recognised without the flag, said under -v', async () => {
    const r = await login('integritycheckvalue', ['-C', '0', '-v']);
    up(r);
    expect(r.stderr).toMatch(/integrity check value.*integritycheckvalue/);
    up(await login('integritycheckvalue', ['-C', '0', '-W', 'integritycheckvalue']));
  });

  it('ipmi_sim reports maximum privilege 0 in Open Session: ipmits goes on, -v says so', async () => {
    const r = await runIpmits([
      '-I',
      'lanplus',
      '-C',
      '3',
      '-H',
      sim().host,
      '-p',
      String(sim().port),
      '-U',
      'admin',
      '-P',
      'adminpass',
      '-v',
      'power',
      'status',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/maximum privilege 0.*opensesspriv/);
  });
});
