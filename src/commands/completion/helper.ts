/**
 * `ipmits [options] __complete -- WORD... CURRENT` (hidden): the completion scripts' helper.
 * Prints the candidates for CURRENT, one per line ("word<TAB>description"). Reads only local
 * files (the SDR cache of -H/-p or the -S file, the inventory); never opens a session.
 */
import { readFileSync } from 'node:fs';
import { groupHosts, loadInventory } from '../../fleet/inventory.js';
import { expandHostrange } from '../../fleet/hostrange.js';
import { report, type Outcome } from '../../report.js';
import type { Context } from '../../runtime/context.js';
import { cacheDir, cacheFileName, defaultCacheIo, readCache } from '../../sdr/cache.js';
import { parseDump } from '../../sdr/dumpfile.js';
import { decodeRecord, isSensorRecord } from '../../sdr/records.js';
import { complete, type Candidate, type NameContext, type NameSource } from './engine.js';

export interface Candidates {
  candidates: Candidate[];
}

/** At most this many names from one source (a hostrange may expand to thousands). */
const MAX_NAMES = 2000;

function sensorNames(records: readonly Buffer[]): string[] {
  const out: string[] = [];
  for (const bytes of records) {
    try {
      const r = decodeRecord(bytes);
      if (isSensorRecord(r) && r.name) out.push(r.name);
    } catch {
      // A record that does not decode names nothing.
    }
  }
  return out;
}

/** The names a completion may offer, from local files only. */
export function localNames(env: Readonly<Record<string, string | undefined>>): NameSource {
  return async (kind: string, at: NameContext) => {
    if (kind === '@sensor') {
      if (at.sdrFile) return sensorNames(parseDump(readFileSync(at.sdrFile)).records);
      const dir = cacheDir(env);
      if (!dir || !at.host) return [];
      const cache = readCache(await defaultCacheIo(), `${dir}/${cacheFileName(at.host, Number(at.port) || 623)}`);
      return typeof cache === 'string' ? [] : sensorNames(cache.records);
    }
    if (kind === '@host' || kind === '@group') {
      const inv = loadInventory(at.inventory, { env });
      if (!inv) return [];
      if (kind === '@group') return inv.groups.map((g) => `@group:${g.name}`).slice(0, MAX_NAMES);
      const deps = { readFile: (p: string) => readFileSync(p, 'utf8'), group: (name: string) => groupHosts(inv, name) };
      const hosts = new Set<string>();
      for (const spec of [...inv.hosts.map((h) => h.hosts), ...inv.groups.flatMap((g) => g.hosts)]) {
        for (const t of expandHostrange(spec, deps)) if (hosts.size < MAX_NAMES) hosts.add(t.label);
      }
      return [...hosts];
    }
    return [];
  };
}

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const commands = await ctx.lines?.commands();
  if (!commands || args.length === 0) return report<Candidates>('completion.candidates', { candidates: [] });
  const before = args.slice(0, -1);
  const current = args[args.length - 1]!;
  return report<Candidates>('completion.candidates', { candidates: await complete(commands, before, current, localNames(ctx.deps.env)) });
}
