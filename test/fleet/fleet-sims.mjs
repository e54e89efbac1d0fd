// @ts-check
/**
 * Many simulated BMCs for fleet tests and `npm run bench -- --fleet`: ipmi_sim instances on
 * 127.0.1.1..N (test/sim/simlib.mjs), all on one UDP port so that `-H 127.0.1.[1-N]:PORT` names
 * them. Started a few at a time; a port taken on any address means another port is tried.
 */
import { startSim } from '../sim/simlib.mjs';

/**
 * @param {number} n at most 254
 * @param {{ prefix?: string, batch?: number }} [o]
 * @returns {Promise<{ sims: import('../sim/simlib.mjs').SimInstance[], port: number, hosts: string[], stop(): Promise<void> }>}
 */
export async function startFleetSims(n, o = {}) {
  const prefix = o.prefix ?? '127.0.1.';
  const batch = o.batch ?? 8;
  for (let attempt = 0; attempt < 4; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    /** @type {import('../sim/simlib.mjs').SimInstance[]} */
    const sims = [];
    try {
      for (let i = 1; i <= n; i += batch) {
        const group = [];
        for (let k = i; k < i + batch && k <= n; k++) group.push(startSim({ host: `${prefix}${k}`, port }));
        const settled = await Promise.allSettled(group);
        for (const s of settled) if (s.status === 'fulfilled') sims.push(s.value);
        const failed = settled.find((s) => s.status === 'rejected');
        if (failed) throw /** @type {PromiseRejectedResult} */ (failed).reason;
      }
      return { sims, port, hosts: sims.map((s) => s.host), stop: () => Promise.all(sims.map((s) => s.stop())).then(() => undefined) };
    } catch (e) {
      await Promise.all(sims.map((s) => s.stop()));
      if (attempt === 3) throw e;
    }
  }
  throw new Error('unreachable');
}
