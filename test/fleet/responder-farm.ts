/**
 * The scale peer: the project's RMCP+ responder (test/responder) serving many BMCs from one
 * process, one per loopback address 127.0.X.Y on one UDP port, so that the hostrange
 * `127.0.[2-5].[1-254]:PORT` names them. A few answer slowly, drop packets or refuse the
 * password: those sit behind a loopback UDP proxy (own port) or have other users.
 */
import { startResponder, type Responder } from '../responder/responder.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';

export interface FarmOptions {
  /** BMCs on 127.0.2.1 upwards (254 per third octet). */
  count: number;
  /** Of those, behind a proxy that delays every reply by delayMs. */
  slow?: number;
  delayMs?: number;
  /** Behind a proxy dropping this share of datagrams each way (seeded). */
  dropping?: number;
  dropRate?: number;
  /** With another admin password: the login fails. */
  badPassword?: number;
}

export interface Farm {
  port: number;
  /** The hostrange of the plain BMCs (slow, dropping and refusing ones included, by address). */
  range: string;
  /** Labels of the BMCs reached through a proxy (127.0.0.1:PORT). */
  proxied: { slow: string[]; dropping: string[] };
  /** Labels (ADDRESS:PORT) of the BMCs refusing the password. */
  refusing: string[];
  stop(): Promise<void>;
}

const addr = (i: number): string => `127.0.${2 + Math.floor(i / 254)}.${1 + (i % 254)}`;

export async function startResponderFarm(o: FarmOptions): Promise<Farm> {
  for (let attempt = 0; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    const started: Responder[] = [];
    try {
      const bad = o.badPassword ?? 0;
      for (let i = 0; i < o.count; i += 64) {
        const batch = [];
        for (let k = i; k < Math.min(o.count, i + 64); k++) {
          const users = k >= o.count - bad ? [{ id: 2, name: 'admin', password: 'not-the-one', maxPriv: 4 as const }] : undefined;
          batch.push(startResponder({ host: addr(k), port, suites: [3, 17], ...(users ? { users } : {}) }));
        }
        started.push(...(await Promise.all(batch)));
      }
      const proxies: UdpProxy[] = [];
      const slow: string[] = [];
      const dropping: string[] = [];
      for (let k = 0; k < (o.slow ?? 0); k++) {
        const p = await startUdpProxy({ target: { host: addr(k), port }, delayMs: o.delayMs ?? 300 });
        proxies.push(p);
        slow.push(`${p.host}:${p.port}`);
      }
      for (let k = 0; k < (o.dropping ?? 0); k++) {
        const p = await startUdpProxy({ target: { host: addr(100 + k), port }, dropRate: o.dropRate ?? 0.3, seed: k + 1 });
        proxies.push(p);
        dropping.push(`${p.host}:${p.port}`);
      }
      const full = Math.floor(o.count / 254);
      const rest = o.count % 254;
      const parts: string[] = [];
      if (full > 0) parts.push(`${full === 1 ? '127.0.2' : `127.0.[2-${1 + full}]`}.[1-254]:${port}`);
      if (rest > 0) parts.push(`127.0.${2 + full}.[1-${rest}]:${port}`);
      const refusing = Array.from({ length: bad }, (_, j) => `${addr(o.count - bad + j)}:${port}`);
      return {
        port,
        range: parts.join(','),
        proxied: { slow, dropping },
        refusing,
        stop: async () => {
          await Promise.all(proxies.map((p) => p.close()));
          await Promise.all(started.map((r) => r.stop()));
        },
      };
    } catch (e) {
      await Promise.all(started.map((r) => r.stop()));
      if (attempt >= 3) throw e;
    }
  }
}

/** The per-host objects of a `--json` fleet run (one JSON document per line). */
export function jsonLines<T>(stdout: string): T[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);
}
