/**
 * event through ipmitool 1.8.19 and ipmits on the simulator: stdout, stderr, exit status, and
 * the Platform Event Message bytes each client sends (IPMI v2.0 §29.3 Table 29-5), captured
 * on an IPMI v1.5 session without authentication (cleartext). ipmi_sim refuses Platform Event
 * Messages on the LAN channel ("Invalid command"), so both report that refusal; the bytes on
 * the wire are what is compared. Known differences (docs/compatibility.md): the -v Timestamp line.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame, type Iface } from '../support/diff.js';
import { runIpmitool, runIpmits } from '../support/run.js';
import { useSim } from '../support/use-sim.js';

const simulator = useSim();

/** ipmitool prints the date twice on the Timestamp line (issue #398); ipmits prints date and time. */
const dateTwice = (ours: string): string => ours.replace(/^( Timestamp {13}: )(.+) (\d\d:\d\d:\d\d \S+)$/gm, '$1$2 $2');
const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS: string[][] = [
  ['event', 'help'],
  ['event', '1'],
  ['event', '2'],
  ['event', '3'],
  ['-c', 'event', '1'],
  ['event', '4'],
  ['event', '12'],
  ['event', 'file', '/nonexistent/events.txt'],
  ['event', 'Nope'],
  ['event', 'Nope', 'ucr'],
  ['event', 'Watchdog'],
  ['event', 'CPU2 Temp'],
  ['event', 'CPU2 Temp', 'list'],
  ['event', 'CPU2 Temp', 'ucr'],
  ['event', 'CPU2 Temp', 'unr', 'assert'],
  ['event', 'CPU2 Temp', 'lnc', 'deassert'],
  ['event', 'FAN4', 'lcr'],
  ['event', '12V', 'lnr', 'deassert'],
  ['event', 'CPU2 Temp', 'UCR'],
  ['event', 'CPU2 Temp', 'ucr', 'sideways'],
  ['event', 'PS1 Status'],
  ['event', 'PS1 Status', 'list'],
  ['event', 'PS1 Status', 'LIST'],
  ['event', 'PS1 Status', 'Presence detected'],
  ['event', 'PS1 Status', 'failure DETECTED', 'deassert'],
  ['event', 'PS1 Status', 'bogus'],
  ['event', 'PSU Redundancy', 'list'],
  ['event', 'PSU Redundancy', 'Redundancy Lost'],
  ['event', 'CPU1 Status', 'list'],
  ['event', 'Intrusion', 'General Chassis intrusion'],
];

describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
  const c = (...args: string[]): string[] => [...conn(simulator(), iface), ...args];

  it.each(RUNS.map((a) => [a.join(' '), a] as const))('%s', async (_, args) => {
    expectSame(await both(c(...args)));
  });

  it.each(['event', 'event file'])("%s without its argument: ipmitool's usage, exit 2 (ipmitool exits 0)", async (line) => {
    const p = await both(c(...line.split(' ')));
    expectSame(p, { exit: 'fixed' });
    expect(p.ours.code).toBe(2);
  });

  it('event file: valid lines sent in order, bad lines named', async () => {
    const f = path.join(dir, `events-${iface}.txt`);
    writeFileSync(f, '# comment only\n\n0x04 0x01 0x30 0x01 0x09 0xff 0xff # Temperature\n0x04 0x01\n0x04 zz 0x01\n');
    expectSame(await both(c('event', 'file', f)));
    writeFileSync(f, '0x04 0x01\n0x04 zz 0x01\n');
    expectSame(await both(c('event', 'file', f)));
    // A short line: ipmitool exits 0 (only a bad token as the last line fails it); ipmits 1.
    writeFileSync(f, '0x04 0x01\n');
    const p = await both(c('event', 'file', f));
    expectSame(p, { exit: 'fixed' });
    expect(p.ours).toMatchObject({ code: 1, stderr: 'Invalid Event: 04010000000000\n' });
  });

  it('-v: the sel get block, with the time on the Timestamp line', async () => {
    for (const args of [
      ['-v', 'event', '1'],
      ['-v', 'event', 'CPU2 Temp', 'ucr'],
      ['-v', 'event', 'PS1 Status', 'Presence detected'],
    ]) {
      const p = await both(c(...args));
      expect(p.ours.code === 0).toBe(p.theirs.code === 0);
      expect(dateTwice(p.ours.stdout)).toBe(p.theirs.stdout);
      expect(p.ours.stdout).toContain(' Timestamp             : S+ 70/001 00:00:00 GMT\n');
    }
  });

  it('--json event 1', async () => {
    const r = await runIpmits(c('--json', 'event', '1'));
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      sent: 0,
      events: [{ sensorType: 1, sensorNumber: 0x30, eventType: 1, event: 'Upper Critical going high', direction: 'asserted', generatorId: 0x41 }],
    });
  });
});

// ---------------------------------------------------------------------------
// The bytes on the wire

/** A forwarder that keeps the data of every Platform Event Message (NetFn 04h, cmd 02h) a client sends. */
async function eventTap(target: { host: string; port: number }): Promise<{ port: number; events: string[]; close(): void }> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  const events: string[] = [];
  let client: { address: string; port: number } | undefined;
  front.on('message', (m, from) => {
    client = { address: from.address, port: from.port };
    // RMCP (4) + IPMI v1.5 session header: auth type, sequence (4), session ID (4), [auth code (16)], length.
    const authType = m[4] ?? 0;
    const at = 4 + 9 + (authType !== 0 ? 16 : 0);
    const msg = m.subarray(at + 1, at + 1 + (m[at] ?? 0));
    if (msg.length >= 7 && msg[1]! >> 2 === 0x04 && msg[5] === 0x02) events.push(msg.subarray(6, msg.length - 1).toString('hex'));
    back.send(m, target.port, target.host);
  });
  back.on('message', (m) => {
    if (client) front.send(m, client.port, client.address);
  });
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', r));
  await new Promise<void>((r) => back.bind(0, '127.0.0.1', r));
  return {
    port: (front.address() as AddressInfo).port,
    events,
    close() {
      front.close();
      back.close();
    },
  };
}

describe('Platform Event Message bytes (IPMI v1.5 session, authentication NONE)', () => {
  const CASES: string[][] = [
    ['event', '1'],
    ['event', '2'],
    ['event', '3'],
    ['event', 'CPU2 Temp', 'ucr'],
    ['event', 'CPU2 Temp', 'unc', 'deassert'],
    ['event', 'FAN4', 'lcr'],
    ['event', 'FAN4', 'lnr', 'deassert'],
    ['event', '12V', 'unr'],
    ['event', 'PS1 Status', 'Failure detected', 'deassert'],
    ['event', 'PSU Redundancy', 'Redundancy Lost'],
  ];

  it.each(CASES.map((a) => [a.join(' '), a] as const))('%s', async (_, args) => {
    const sim = simulator();
    const tap = await eventTap({ host: sim.host, port: sim.port });
    try {
      const c = ['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(tap.port), '-U', 'admin', '-P', 'adminpass', ...args];
      await runIpmitool(c);
      const theirs = tap.events.splice(0);
      await runIpmits(c);
      const ours = tap.events.splice(0);
      // ipmitool retransmits nothing here (the BMC answers at once): one message each.
      expect(theirs.length).toBeGreaterThan(0);
      expect(ours[0]).toBe(theirs[0]);
    } finally {
      tap.close();
    }
  });

  it('known answer: event 1 is 04 01 30 01 09 ff ff (no generator ID on a LAN channel)', async () => {
    const sim = simulator();
    const tap = await eventTap({ host: sim.host, port: sim.port });
    try {
      await runIpmits(['-I', 'lan', '-A', 'NONE', '-H', '127.0.0.1', '-p', String(tap.port), '-U', 'admin', '-P', 'adminpass', 'event', '1']);
      expect(tap.events[0]).toBe('04013001' + '09ffff');
    } finally {
      tap.close();
    }
  });
});
