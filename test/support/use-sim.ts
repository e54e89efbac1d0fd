/** One simulated BMC for a test file (or describe block): started before, stopped after. */
import { afterAll, beforeAll } from 'vitest';
import { startSim, type Sim, type SimOptions } from '../sim/sim.js';

export function useSim(opts: SimOptions = {}): () => Sim {
  let sim: Sim | undefined;
  beforeAll(async () => {
    sim = await startSim(opts);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('simulator not started yet (use it inside a test)');
    return sim;
  };
}
