// Test helpers: run real client binaries, exchange raw datagrams, and a loopback UDP
// proxy that can drop, duplicate or alter packets between a client and the responder.
import { spawn } from 'node:child_process';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

// A private HOME keeps ~/.freeipmi and ~/.local IANA files out of the picture.
const HOME = mkdtempSync(join(tmpdir(), 'ipmits-responder-'));
const ENV = { ...process.env, HOME, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };

/** Runs a command asynchronously (the responder lives in this process's event loop). */
export function run(cmd: string, args: string[], timeoutMs = 40_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('latin1');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('latin1');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

export function ipmitool(port: number, args: string[]): Promise<RunResult> {
  return run('ipmitool', ['-I', 'lanplus', '-H', '127.0.0.1', '-p', String(port), ...args]);
}

/** FreeIPMI tools: `-h host:port`, IPMI 2.0 driver. */
export function freeipmi(tool: string, port: number, args: string[]): Promise<RunResult> {
  return run(tool, ['-D', 'LAN_2_0', '-h', `127.0.0.1:${port}`, ...args]);
}

/** Sends datagrams from a fresh socket and collects what comes back within waitMs. */
export async function exchange(port: number, packets: Buffer[], waitMs = 250): Promise<Buffer[]> {
  const sock = createSocket('udp4');
  const got: Buffer[] = [];
  sock.on('message', (m) => got.push(m));
  await new Promise<void>((res) => sock.bind(0, '127.0.0.1', () => res()));
  for (const p of packets) sock.send(p, port, '127.0.0.1');
  await new Promise((res) => setTimeout(res, waitMs));
  await new Promise<void>((res) => sock.close(() => res()));
  return got;
}

/** IPMI checksum over a byte range (test-side, written independently of framing.ts). */
export function cks(bytes: number[]): number {
  return (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
}

/** An IPMI request message to the BMC from remote console software ID 0x81. */
export function ipmiMsg(netFn: number, cmd: number, data: number[], rqSeq = 1): number[] {
  const h = [0x20, netFn << 2];
  const b = [0x81, rqSeq << 2, cmd, ...data];
  return [...h, cks(h), ...b, cks(b)];
}

export type Direction = 'toBmc' | 'toClient';
/** Returns the datagrams to forward instead of `pkt` ([] drops it, [pkt, pkt] duplicates). */
export type Mangle = (pkt: Buffer, dir: Direction) => Buffer[];

export interface Proxy {
  port: number;
  log: Array<{ dir: Direction; pkt: Buffer }>;
  close(): Promise<void>;
}

/** A loopback UDP proxy in front of the responder at `target`. */
export async function startProxy(target: number, mangle: Mangle = (p) => [p]): Promise<Proxy> {
  const front = createSocket('udp4');
  const back = createSocket('udp4');
  const log: Proxy['log'] = [];
  let client: RemoteInfo | null = null;
  front.on('message', (m, from) => {
    client = from;
    log.push({ dir: 'toBmc', pkt: m });
    for (const p of mangle(m, 'toBmc')) back.send(p, target, '127.0.0.1');
  });
  back.on('message', (m) => {
    log.push({ dir: 'toClient', pkt: m });
    const to = client;
    if (to) for (const p of mangle(m, 'toClient')) front.send(p, to.port, to.address);
  });
  const bind = (s: Socket): Promise<void> => new Promise((res) => s.bind(0, '127.0.0.1', () => res()));
  await bind(front);
  await bind(back);
  const close = (s: Socket): Promise<void> => new Promise((res) => s.close(() => res()));
  return {
    port: front.address().port,
    log,
    close: async () => {
      await close(front);
      await close(back);
    },
  };
}

/** RMCP+ view of a datagram: payload type and session ID, or null for other formats. */
export function rmcpPlus(pkt: Buffer): { payloadType: number; sessionId: number; authenticated: boolean } | null {
  if (pkt.length < 16 || pkt.readUInt8(3) !== 0x07 || pkt.readUInt8(4) !== 0x06) return null;
  return {
    payloadType: pkt.readUInt8(5) & 0x3f,
    authenticated: (pkt.readUInt8(5) & 0x40) !== 0,
    sessionId: pkt.readUInt32LE(6),
  };
}
