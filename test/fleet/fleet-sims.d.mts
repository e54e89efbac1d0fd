import type { SimInstance } from '../sim/simlib.mjs';

export function startFleetSims(
  n: number,
  o?: { prefix?: string; batch?: number },
): Promise<{ sims: SimInstance[]; port: number; hosts: string[]; stop(): Promise<void> }>;
