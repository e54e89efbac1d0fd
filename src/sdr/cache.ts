/**
 * The automatic SDR cache: one file per BMC (host and port as given to -H/-p, the user does not
 * matter: every user reads the same repository) under $XDG_CACHE_HOME/ipmits/sdr, else
 * ~/.cache/ipmits/sdr. The file holds the records in `sdr dump` format, what they were read
 * against (the Get SDR Repository Info or Get Device SDR Info reply, the system GUID) and a
 * SHA-256 over everything, so a truncated or edited file is detected and never trusted.
 *
 *   "IPMITS-SDR-CACHE 1\n" <meta JSON> "\n" <records> <32-byte SHA-256 of all that precedes>
 *
 * Files are written to a temporary name and renamed (readers never see half a file), mode 0600
 * in a 0700 directory. The file calls and the digest come in a CacheIo (src/runtime/cache-io*.ts:
 * node:fs and node:crypto under Node; in the Bun executable the C library and Bun's hash where it
 * can, as node:fs and node:crypto cost it ~3 and ~7 MiB per run).
 */
import { dirname, join } from 'node:path';
import type { CacheIo, CacheIoLoader, CacheStat } from '../runtime/cache-files.js';
import { parseDump } from './dumpfile.js';
import { decodeRecord, type SdrRecord } from './records.js';

const MAGIC = 'IPMITS-SDR-CACHE 1\n';
const DIGEST = 32;

/** The default CacheIo: node:fs and node:crypto (src/runtime/cache-io.ts). */
export const defaultCacheIo: CacheIoLoader = async () => (await import('../runtime/cache-io.js')).nodeCacheIo;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export interface CacheMeta {
  /** "host:port" the cache belongs to (also in the file name). */
  bmc: string;
  /** Where the records came from. */
  source: 'repository' | 'device';
  /** Hex of the Get SDR Repository Info (or Get Device SDR Info) reply the records were read against. */
  info: string;
  /** Hex of the system GUID, null when the BMC has none. */
  guid: string | null;
  manufacturerId: number;
  productId: number;
  /** ISO time of writing (informational). */
  written: string;
  /**
   * The model key (src/sdr/share.ts) of the BMC the records were read from. A model file
   * (`model-<hash>.sdr`, bmc = where it was read, guid null) is found by it; a host file names it
   * so that `sdr cache clear -H` removes the model file too. Absent in files of older versions.
   */
  model?: string;
}

export interface CacheFile {
  meta: CacheMeta;
  records: Buffer[];
}

/** A cache file as read: its records also decoded (checking them decodes them). */
export interface CacheRead extends CacheFile {
  decoded: SdrRecord[];
}

/** The cache directory, or undefined when neither XDG_CACHE_HOME nor HOME is set. */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg?.startsWith('/')) return join(xdg, 'ipmits', 'sdr');
  const home = env.HOME;
  return home ? join(home, '.cache', 'ipmits', 'sdr') : undefined;
}

/** File name for a BMC: the host made safe for a file name, and the port. */
export function cacheFileName(host: string, port: number): string {
  return `${encodeURIComponent(host.toLowerCase())}_${port}.sdr`;
}

export function encodeCache(c: CacheFile, sha256: CacheIo['sha256']): Buffer {
  const head = Buffer.from(`${MAGIC}${JSON.stringify(c.meta)}\n`, 'utf8');
  const body = Buffer.concat([head, ...c.records]);
  return Buffer.concat([body, sha256(body)]);
}

/** Decode a cache file; a string says why it cannot be trusted. */
export function decodeCache(b: Buffer, sha256: CacheIo['sha256']): CacheRead | string {
  if (b.length < MAGIC.length + DIGEST || b.toString('latin1', 0, MAGIC.length) !== MAGIC) return 'not an ipmits SDR cache';
  const body = b.subarray(0, b.length - DIGEST);
  if (!sha256(body).equals(b.subarray(b.length - DIGEST))) return 'checksum mismatch (truncated or modified)';
  const nl = body.indexOf(0x0a, MAGIC.length);
  if (nl < 0) return 'no metadata';
  let meta: CacheMeta;
  try {
    meta = JSON.parse(body.toString('utf8', MAGIC.length, nl)) as CacheMeta;
  } catch {
    return 'bad metadata';
  }
  if (typeof meta.bmc !== 'string' || typeof meta.info !== 'string' || (meta.source !== 'repository' && meta.source !== 'device')) return 'bad metadata';
  if (meta.model !== undefined && typeof meta.model !== 'string') return 'bad metadata';
  const parsed = parseDump(body.subarray(nl + 1));
  if (parsed.errors.length) return `bad records: ${parsed.errors[0]}`;
  const decoded = decodeAll(parsed.records);
  if (typeof decoded === 'string') return `bad records: ${decoded}`;
  return { meta, records: parsed.records, decoded };
}

/**
 * The records themselves, not only the file's checksum (anyone who can write the file can
 * recompute that): each a whole SDR (5-byte header, SDR version 51h, its stated length) that
 * decodes, record IDs unique. Returns them decoded, or why not.
 */
function decodeAll(records: readonly Buffer[]): SdrRecord[] | string {
  const ids = new Set<number>();
  const out: SdrRecord[] = [];
  for (const r of records) {
    const id = r.readUInt16LE(0);
    if (r.length < 5 || r.length !== 5 + r[4]!) return `record ${id.toString(16).padStart(4, '0')} has a wrong length`;
    if (r[2] !== 0x51) return `record ${id.toString(16).padStart(4, '0')} is not an SDR version 1.5 record`;
    if (ids.has(id)) return `record ID ${id.toString(16).padStart(4, '0')} appears twice`;
    ids.add(id);
    try {
      out.push(decodeRecord(r));
    } catch (e) {
      return `record ${id.toString(16).padStart(4, '0')} does not decode: ${(e as Error).message}`;
    }
  }
  return out;
}

/**
 * Why a cache directory or file cannot be trusted, as ssh refuses ~/.ssh files others could
 * write: it must be owned by this user (or root) and writable by no one else; a symbolic link
 * is refused too. Undefined when it is fine.
 */
function untrusted(io: CacheIo, path: string, uid: number | undefined = process.getuid?.()): string | undefined {
  let st: CacheStat;
  try {
    st = io.lstat(path);
  } catch (e) {
    // Not there (or a file where a directory should be): nothing to distrust; reading or writing says why.
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : `${path}: ${(e as Error).message}`;
  }
  if ((st.mode & S_IFMT) === S_IFLNK) return `${path} is a symbolic link`;
  if (uid !== undefined && st.uid !== uid && st.uid !== 0) return `${path} belongs to another user (uid ${st.uid})`;
  if (st.mode & 0o022) return `${path} is writable by ${st.mode & 0o002 ? 'others' : 'its group'} (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/** The cache directory and its `ipmits` parent, then the file: the first reason not to trust them. */
function untrustedPath(io: CacheIo, file: string): string | undefined {
  const dir = dirname(file);
  return untrusted(io, dirname(dir)) ?? untrusted(io, dir) ?? untrusted(io, file);
}

/**
 * Create `dir` and its missing parents one level at a time, mode 0700. Not mkdirSync's
 * `recursive`: under /proc (XDG_CACHE_HOME=/proc/self) it loops forever in native code, where
 * no signal gets through.
 */
function makeDir(io: CacheIo, dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      io.lstat(d);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw e;
      missing.unshift(d);
    }
  }
  for (const d of missing) io.mkdir(d, 0o700);
}

export function readCache(io: CacheIo, path: string): CacheRead | string {
  const why = untrustedPath(io, path);
  if (why) return `not trusted: ${why}`;
  let b: Buffer;
  try {
    b = io.read(path);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : `unreadable: ${(e as Error).message}`;
  }
  return decodeCache(b, io.sha256);
}

/** Write atomically; failures are reported, never fatal (the cache is an optimisation). */
export function writeCache(io: CacheIo, dir: string, name: string, c: CacheFile, random: (n: number) => Buffer): string | undefined {
  try {
    makeDir(io, dir);
    const why = untrustedPath(io, join(dir, name));
    if (why) return `not trusted: ${why}`;
    const tmp = join(dir, `.${name}.${random(6).toString('hex')}.tmp`);
    io.writeNew(tmp, encodeCache(c, io.sha256), 0o600);
    io.rename(tmp, join(dir, name));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Remove one BMC's cache file, or all of them; returns the paths removed. */
export function clearCache(io: CacheIo, dir: string, name?: string): string[] {
  let names: string[];
  try {
    names = name !== undefined ? [name] : io.readdir(dir).filter((n) => n.endsWith('.sdr') || n.endsWith('.tmp'));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const p = join(dir, n);
    try {
      io.rm(p);
      removed.push(p);
    } catch {
      // not there: nothing to clear
    }
  }
  return removed;
}
