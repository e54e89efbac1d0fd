/**
 * Loads the ipmi_dev addon lazily (only when -I open is used): from the single
 * executable's embedded asset (a Node SEA asset, or a file embedded by `bun build --compile --asset`),
 * or from native/build/Release next to lib/ after npm install. Follows the recipe in scripts/sea/README.md: the asset bytes are
 * written to a private temporary directory, dlopen'ed, and deleted at once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osConstants, homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BINDING_ABI, type IpmiDevBinding } from './binding.js';

/** = ADDON_ASSET_KEY in scripts/build.mjs. */
const ADDON_ASSET_KEY = 'ipmi_dev.node';
/** From lib/native/addon.js (or src/native/addon.ts) to the node-gyp output. */
const INSTALLED_ADDON = '../../native/build/Release/ipmi_dev.node';

const requireHere = createRequire(import.meta.url);

export type AddonResult = { binding: IpmiDevBinding } | { unavailable: string };

interface SeaApi {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

function seaApi(): SeaApi | undefined {
  try {
    const sea = requireHere('node:sea') as SeaApi; // node:sea exists from Node 20.12
    return sea.isSea() ? sea : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The addon embedded in a Bun-compiled executable (scripts/build.mjs: --asset), at the root of its
 * read-only file system (/$bunfs/root/ipmi_dev.node); undefined under Node or in a Bun build without it.
 */
function bunEmbeddedAddon(): string | undefined {
  const files = (globalThis as { Bun?: { embeddedFiles?: ReadonlyArray<{ name?: string }> } }).Bun?.embeddedFiles;
  const main = process.argv[1];
  if (!files?.some((f) => f.name === ADDON_ASSET_KEY) || !main?.startsWith('/$bunfs/')) return undefined;
  return join(dirname(main), ADDON_ASSET_KEY);
}

/** True in a Bun-compiled executable: its program lives in Bun's embedded file system. */
function isBunExecutable(): boolean {
  return (globalThis as { Bun?: unknown }).Bun !== undefined && (process.argv[1]?.startsWith('/$bunfs/') ?? false);
}

const NOT_EMBEDDED = 'this executable was built without the native addon (build it with a C++ compiler: npm run build:addon, then npm run build)';

function dlopenBytes(bytes: Uint8Array, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  // A directory we can write and map code from (a noexec /tmp fails dlopen).
  const bases = [env.XDG_RUNTIME_DIR, tmpdir(), join(homedir(), '.cache', 'ipmits')];
  const errors: string[] = [];
  for (const base of bases) {
    if (!base) continue;
    let dir: string | undefined;
    try {
      mkdirSync(base, { recursive: true, mode: 0o700 });
      dir = mkdtempSync(join(base, 'ipmits-')); // private 0700 directory with a random name
      const file = join(dir, ADDON_ASSET_KEY);
      writeFileSync(file, bytes, { mode: 0o700 });
      const mod = { exports: {} as Record<string, unknown> };
      process.dlopen(mod, file, osConstants.dlopen.RTLD_NOW);
      return mod.exports; // the mapping survives the unlink below
    } catch (err) {
      errors.push(`${base}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new Error(`cannot load the embedded ${ADDON_ASSET_KEY} (${errors.join('; ')})`);
}

function loadExports(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> | string {
  const override = env.IPMITS_ADDON;
  if (override) {
    try {
      return requireHere(override) as Record<string, unknown>;
    } catch (e) {
      return `cannot load IPMITS_ADDON=${override}: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  const embedded = bunEmbeddedAddon();
  if (embedded) {
    try {
      // Bun maps the embedded file itself; copying it out is the fallback (as for the SEA).
      const mod = { exports: {} as Record<string, unknown> };
      process.dlopen(mod, embedded, osConstants.dlopen.RTLD_NOW);
      return mod.exports;
    } catch {
      try {
        return dlopenBytes(readFileSync(embedded), env);
      } catch (e) {
        return (e as Error).message;
      }
    }
  }
  if (isBunExecutable()) return NOT_EMBEDDED;
  const sea = seaApi();
  if (sea) {
    let bytes: ArrayBuffer | undefined;
    try {
      bytes = sea.getAsset(ADDON_ASSET_KEY);
    } catch {
      return NOT_EMBEDDED;
    }
    try {
      return dlopenBytes(new Uint8Array(bytes), env);
    } catch (e) {
      return (e as Error).message;
    }
  }
  try {
    return requireHere(INSTALLED_ADDON) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND') {
      return 'the native addon was not built at install (it needs a C++ compiler and Python: npm run build:addon)';
    }
    return `cannot load the native addon: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** A loader with its own cache: the addon is loaded at most once per loader. */
export function createAddonLoader(): (env: Readonly<Record<string, string | undefined>>) => AddonResult {
  let cached: AddonResult | undefined;
  return (env) => {
    if (cached) return cached;
    const exp = loadExports(env);
    if (typeof exp === 'string') cached = { unavailable: exp };
    else if (exp.abi !== BINDING_ABI) {
      cached = {
        unavailable: `the native addon is from another ipmits version (interface ${String(exp.abi)}, this one needs ${BINDING_ABI}): npm run build:addon`,
      };
    } else cached = { binding: exp as unknown as IpmiDevBinding };
    return cached;
  };
}

/** The process's loader (a dlopen'ed library stays loaded anyway). */
export const loadIpmiDev = createAddonLoader();
