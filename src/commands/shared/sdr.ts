/**
 * The SDR records of one invocation, for every verb that needs sensors: the SdrSource
 * (src/sdr/source.ts) built from the Context once, kept in the Context's slot so every verb
 * of a line (and `sel get` reading sensors after the records) shares one load.
 */
import { retryTimeoutMs } from '../../runtime/connect.js';
import { hasPayloads, type Transport } from '../../transport/transport.js';
import type { Context } from '../../runtime/context.js';
import { cacheDir, cacheFileName, clearCache, defaultCacheIo, readCache } from '../../sdr/cache.js';
import type { CacheIoLoader } from '../../runtime/cache-files.js';
import { DEFAULT_WINDOW, SdrSource, type SdrCacheLocation, type SdrDeps } from '../../sdr/source.js';
import { modelFileName, SdrShare } from '../../sdr/share.js';

const SDR_SOURCE = Symbol('sdr');

/** This BMC's automatic cache file (-H and -p name it); undefined without -H or a cache directory. */
function cacheLocation(ctx: Context): SdrCacheLocation | undefined {
  const dir = cacheDir(ctx.deps.env);
  const { host, port } = ctx.options;
  if (!dir || host === undefined) return undefined;
  return { dir, name: cacheFileName(host, port), bmc: `${host}:${port}` };
}

/**
 * Whether replies on this transport carry an integrity check: lanplus, the suite's integrity
 * algorithm; lan, an auth code other than NONE; the local driver (no authType) needs none.
 */
function integrityProtected(t: Transport): boolean {
  if (hasPayloads(t)) return t.payloadProtection.authenticated;
  if (!('authType' in t)) return true;
  const authType = (t as { authType?: number }).authType;
  return authType !== undefined && authType !== 0;
}

/** The SDR cache's file calls and digest: the runtime's (Deps.sdrCacheIo), else node:fs and node:crypto. */
function cacheIo(ctx: Context): CacheIoLoader {
  return ctx.deps.sdrCacheIo ?? defaultCacheIo;
}

/** What the SDR code needs, from the Context: no more. */
export function sdrDeps(ctx: Context): SdrDeps {
  const { env, clock, random } = ctx.deps;
  return {
    client: () => ctx.client(),
    clock,
    random,
    log: ctx.log,
    cache: ctx.options.cache ? cacheLocation(ctx) : undefined,
    cacheIo: cacheIo(ctx),
    file: ctx.options.sdrCacheFile,
    timeoutMs: retryTimeoutMs(ctx.options),
    window: Number(env.IPMITS_SDR_WINDOW) || DEFAULT_WINDOW,
    integrityProtected: async () => integrityProtected((await ctx.client()).transport),
    share: sdrShare(ctx),
  };
}

const SDR_SHARE = Symbol('sdr-share');

/** The SDR sets shared by the hosts of a fleet run (src/sdr/share.ts); undefined for one host. */
function sdrShare(ctx: Context): SdrShare | undefined {
  const shared = ctx.deps.shared;
  if (!shared) return undefined;
  if (!shared.has(SDR_SHARE)) shared.set(SDR_SHARE, new SdrShare());
  return shared.get(SDR_SHARE) as SdrShare;
}

/** This invocation's SDR records and readings source (made on first use). */
export const sdrOf = (ctx: Context): SdrSource => ctx.slot(SDR_SOURCE, () => new SdrSource(sdrDeps(ctx)));

/**
 * `sdr cache clear`: remove this BMC's cache file and the model file it was read from (with -H, so
 * that the next run reads this BMC's repository), or every cache file; returns the paths removed.
 */
export async function clearSdrCache(ctx: Context): Promise<{ dir: string | undefined; removed: string[] }> {
  const dir = cacheDir(ctx.deps.env);
  if (!dir) return { dir, removed: [] };
  const io = await cacheIo(ctx)();
  const host = ctx.options.host;
  if (host === undefined) return { dir, removed: clearCache(io, dir) };
  const name = cacheFileName(host, ctx.options.port);
  const c = readCache(io, `${dir}/${name}`);
  const model = typeof c !== 'string' && c.meta.model !== undefined ? modelFileName(c.meta.model, io.sha256) : undefined;
  return { dir, removed: [...clearCache(io, dir, name), ...(model ? clearCache(io, dir, model) : [])] };
}
