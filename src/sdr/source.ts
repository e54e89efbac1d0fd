/**
 * Where one invocation's SDR records come from, in this order: the -S file (ipmitool's dump
 * format) when `useFile`; the automatic cache (src/sdr/cache.ts) when a cache location is given
 * and the BMC's SDR repository info and GUID still match it; otherwise the BMC, after which the
 * cache is rewritten. An SdrSource loads once, so several callers cost the BMC nothing more.
 *
 * It takes what it needs (SdrDeps), not the CLI's Context: a verb builds the deps from its
 * context (src/commands/shared/sdr.ts), a fleet or a library user from its own.
 */
import { CommandError, DeadlineError, IpmiError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import type { IpmiCommand } from '../ipmi/command.js';
import { describeCompletionCode } from '../ipmi/completion-codes.js';
import { getDeviceId, type DeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { getSystemGuid } from '../ipmi/cmds/app/get-system-guid.js';
import { getDeviceSdrInfo } from '../ipmi/cmds/sensor/get-device-sdr-info.js';
import { getSdrRepositoryInfo } from '../ipmi/cmds/storage/get-sdr-repository-info.js';
import type { Clock, Logger, RandomSource } from '../io.js';
import { readInputFile } from '../read-input.js';
import { strerror } from '../strerror.js';
import { readCache, writeCache, type CacheFile, type CacheMeta } from './cache.js';
import type { CacheIo, CacheIoLoader } from '../runtime/cache-files.js';
import { modelFileName, modelKey, type SdrShare } from './share.js';
import { parseDump } from './dumpfile.js';
import { Pipeline, type Job, type Outcome } from './pipeline.js';
import { decodeRecord, type SdrRecord } from './records.js';
import { walkRepository } from './repository.js';

/** Requests in flight at once for independent reads (see src/sdr/pipeline.ts, measured in docs/benchmarks.md). */
export const DEFAULT_WINDOW = 8;

/** One BMC's automatic cache file. */
export interface SdrCacheLocation {
  dir: string;
  name: string;
  /** "host:port", written into the file's metadata. */
  bmc: string;
}

export interface SdrDeps {
  /** The session; asked for only when the BMC must be read (a -S file alone opens none). */
  client(): Promise<IpmiClient>;
  clock: Clock;
  random: RandomSource;
  log: Logger;
  /** The automatic cache of this BMC; undefined = no cache (disabled, no -H, no HOME). */
  cache: SdrCacheLocation | undefined;
  /** The cache's file calls and digest, loaded when the cache is first used. */
  cacheIo: CacheIoLoader;
  /** -S: ipmitool's SDR dump file. */
  file: string | undefined;
  /** The interface's retry timeout: a request slower than this was retransmitted (src/sdr/pipeline.ts). */
  timeoutMs: number;
  /** Requests in flight at once (1..32). */
  window: number;
  /**
   * Whether what the session reads is integrity-protected (an authenticated RMCP+ suite, an IPMI
   * v1.5 auth code, the local driver): only such records are written to the cache, so records
   * read over `-C 0` or `-A NONE` never reach a later authenticated session. Default: not protected.
   */
  integrityProtected?: () => Promise<boolean>;
  /** The SDR sets of a fleet run, shared by BMCs of one model (src/sdr/share.ts); undefined = none. */
  share?: SdrShare;
}

export interface LoadOptions {
  /** Honour -S (default true; `sensor list` and `sdr dump` read the BMC like ipmitool). */
  useFile?: boolean;
  /** Skip the automatic cache and read the BMC (default: use the cache when there is one). */
  fresh?: boolean;
}

const UNABLE = 'Unable to open SDR for reading';

const guidHex = (o: Outcome<Buffer>): string | null => (o.cc === 0 && o.value ? o.value.toString('hex') : null);

export class SdrSource {
  /** Lines for stderr (ipmitool's messages about the -S file). */
  readonly notes: string[] = [];
  /** The -S file did not parse to its end: the last of `notes` says why. */
  damaged = false;
  /** Why the records read from the BMC are not all of them (the walk ended early), in ipmitool's words; empty when complete. */
  readonly incomplete: string[] = [];
  /** Where the records came from (after load); 'model': another BMC of the same model (src/sdr/share.ts), in this run or from its model file. */
  origin: 'file' | 'cache' | 'model' | 'bmc' | undefined;
  /** The BMC's manufacturer (Get Device ID), for OEM sensor readings; 0 when unknown. */
  manufacturerId = 0;
  private loading: Promise<SdrRecord[]> | undefined;
  private requests: Pipeline | undefined;

  constructor(readonly deps: SdrDeps) {}

  /** All SDR records, in repository order. Throws CommandError ("Unable to open SDR for reading") when the BMC has none to give. */
  load(o: LoadOptions = {}): Promise<SdrRecord[]> {
    if (o.fresh) return this.fromBmc(undefined);
    this.loading ??= this.loadOnce(o.useFile !== false);
    return this.loading;
  }

  /** The request pipeline of this invocation (one window for all sdr/sensor reads). */
  async pipeline(): Promise<Pipeline> {
    if (!this.requests) {
      const d = this.deps;
      const client = await d.client();
      this.requests ??= new Pipeline(client, d.clock, Math.max(1, Math.min(32, d.window)), d.timeoutMs, (l) => d.log.verbose(1, l));
    }
    return this.requests;
  }

  private async loadOnce(useFile: boolean): Promise<SdrRecord[]> {
    const file = this.deps.file;
    if (useFile && file !== undefined) {
      const r = this.fromFile(file);
      if (r) return r;
    }
    return this.fromBmc(this.deps.cache);
  }

  /** ipmitool's ipmi_sdr_list_cache_fromfile: a missing file falls back to the BMC, a bad one keeps what parsed. */
  private fromFile(path: string): SdrRecord[] | undefined {
    let b: Buffer;
    try {
      b = readInputFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // fopen() of a directory succeeds on Linux and fread() then finds nothing: an empty list, no message.
      if (code === 'EISDIR') {
        this.origin = 'file';
        return [];
      }
      this.notes.push(code === 'ENOENT' ? `File ${path} does not exist` : `Unable to open file ${path}: ${strerror(e)}`);
      this.notes.push(`Unable to open SDR cache ${path} for reading`);
      return undefined;
    }
    const parsed = parseDump(b);
    this.notes.push(...parsed.errors);
    if (parsed.errors.length) this.damaged = true;
    this.origin = 'file';
    // ipmitool keeps only sensor, locator and entity association records from the file.
    return parsed.records.map(decodeRecord).filter((r) => r.kind !== 'oem' && r.kind !== 'unknown');
  }

  /** The cached records when the cache still matches the BMC. */
  private async fromCache(p: Pipeline, loc: SdrCacheLocation): Promise<SdrRecord[] | undefined> {
    const log = this.deps.log;
    const path = `${loc.dir}/${loc.name}`;
    const c = readCache(await this.deps.cacheIo(), path);
    if (typeof c === 'string') {
      // A directory or file others could write is refused out loud, as ssh refuses such files.
      if (c !== 'none') log.verbose(c.startsWith('not trusted') ? 0 : 1, `SDR cache ${path} ignored (${c}): reading the SDR repository`);
      return undefined;
    }
    const infoJob: Job<unknown, unknown> =
      c.meta.source === 'device' ? { cmd: getDeviceSdrInfo, req: undefined } : { cmd: getSdrRepositoryInfo, req: undefined };
    const [info, guid] = (await p.run([infoJob, { cmd: getSystemGuid, req: undefined }])) as [Outcome<{ raw: Buffer }>, Outcome<Buffer>];
    const infoHex = info.cc === 0 && info.value ? info.value.raw.toString('hex') : undefined;
    if (infoHex === c.meta.info && guidHex(guid) === c.meta.guid) {
      this.manufacturerId = c.meta.manufacturerId;
      this.origin = 'cache';
      log.verbose(2, `SDR cache ${path} is current (${c.records.length} records)`);
      return c.decoded;
    }
    log.verbose(1, `SDR cache ${path} is stale: reading the SDR repository`);
    return undefined;
  }

  private async fromBmc(loc: SdrCacheLocation | undefined): Promise<SdrRecord[]> {
    const d = this.deps;
    const p = await this.pipeline();
    if (loc) {
      const cached = await this.fromCache(p, loc);
      if (cached) return cached;
    }
    const client = await d.client();
    const [dev, info, guid] = (await p.run([
      { cmd: getDeviceId, req: undefined },
      { cmd: getSdrRepositoryInfo, req: undefined },
      { cmd: getSystemGuid, req: undefined },
    ] as Job<unknown, unknown>[])) as [Outcome<DeviceId>, Outcome<{ raw: Buffer }>, Outcome<Buffer>];
    const devid = requireDeviceId(dev);
    this.manufacturerId = devid.manufacturerId;
    const device = usesDeviceSdrs(devid);
    let infoRaw: Buffer;
    if (device) {
      const r = await tryCmd(client, getDeviceSdrInfo);
      if (r?.cc !== 0 || !r.value) throw new CommandError(UNABLE, r ? 'command-failed' : 'no-response', ['Err in cmd get sensor sdr info']);
      infoRaw = r.value.raw;
    } else {
      // No answer is `no-response`: the SEL's sensor names tell it from a BMC without SDRs (issue 15).
      if (info.error !== undefined || info.cc === undefined) {
        const silence = info.error instanceof IpmiError && info.error.layer === 'transport';
        throw new CommandError(UNABLE, silence ? 'no-response' : 'command-failed', ['Error obtaining SDR info']);
      }
      if (info.cc !== 0) throw new CommandError(UNABLE, 'command-failed', [`Error obtaining SDR info: ${describeCompletionCode(info.cc)}`]);
      infoRaw = info.value!.raw;
    }
    const source = device ? 'device' : 'repository';
    const protectedRead = (await d.integrityProtected?.()) ?? false;
    const key = loc && protectedRead ? modelKey(devid, source, infoRaw) : undefined;
    const io = key ? await d.cacheIo() : undefined;
    let shared: Buffer[] | undefined;
    let settle: ((records: Buffer[] | undefined) => void) | undefined;
    if (loc && key) {
      // Another host of this model reading the set now (a fleet run), else the model file.
      shared = await d.share?.pending(key);
      if (shared) d.log.verbose(1, `SDR records shared with another BMC of this model (${key})`);
      else {
        settle = d.share?.claim(key);
        shared = this.fromModelFile(io!, loc, key);
      }
    }
    try {
      let records: Buffer[];
      if (shared) {
        records = shared;
        this.origin = 'model';
      } else {
        const walk = await walkRepository(client, { device, clock: d.clock, random: d.random, log: (level, line) => d.log.verbose(level, line) });
        // A partial repository is said on stderr and fails the command (issue 15: never a silent short list).
        this.incomplete.push(...walk.errors);
        this.origin = 'bmc';
        records = walk.records;
        if (loc && walk.errors.length === 0 && !protectedRead) d.log.verbose(1, 'SDR cache not written: the session has no integrity protection');
        if (walk.errors.length > 0) return records.map(decodeRecord);
      }
      settle?.(records);
      if (loc && key && io) {
        const meta: CacheMeta = {
          bmc: loc.bmc,
          source,
          info: infoRaw.toString('hex'),
          guid: guidHex(guid),
          manufacturerId: devid.manufacturerId,
          productId: devid.productId,
          written: new Date(d.clock.now()).toISOString(),
          model: key,
        };
        if (this.origin === 'bmc') this.write(io, loc, modelFileName(key, io.sha256), { meta: { ...meta, guid: null }, records });
        this.write(io, loc, loc.name, { meta, records });
      }
      return records.map(decodeRecord);
    } finally {
      settle?.(undefined);
    }
  }

  private write(io: CacheIo, loc: SdrCacheLocation, name: string, c: CacheFile): void {
    const err = writeCache(io, loc.dir, name, c, this.deps.random);
    if (err) this.deps.log.verbose(err.startsWith('not trusted') ? 0 : 1, `SDR cache not written: ${err}`);
  }

  /** The model file of `key` when there is one and it is what it says (cache.ts checks its digest and records). */
  private fromModelFile(io: CacheIo, loc: SdrCacheLocation, key: string): Buffer[] | undefined {
    const path = `${loc.dir}/${modelFileName(key, io.sha256)}`;
    const c = readCache(io, path);
    if (typeof c === 'string') {
      if (c !== 'none') this.deps.log.verbose(c.startsWith('not trusted') ? 0 : 1, `SDR cache ${path} ignored (${c})`);
      return undefined;
    }
    if (c.meta.model !== key) {
      this.deps.log.verbose(1, `SDR cache ${path} ignored (written for another model)`);
      return undefined;
    }
    this.deps.log.verbose(1, `SDR records of this model from ${path} (${c.records.length} records)`);
    return c.records;
  }
}

function requireDeviceId(dev: Outcome<DeviceId>): DeviceId {
  if (dev.error !== undefined) {
    if (dev.error instanceof IpmiError && dev.error.layer !== 'transport') throw dev.error;
    throw new CommandError(UNABLE, 'no-response', ['Get Device ID command failed']);
  }
  if (dev.cc !== 0 || !dev.value) {
    const cc = dev.cc ?? 0;
    throw new CommandError(UNABLE, 'command-failed', [`Get Device ID command failed: 0x${cc.toString(16)} ${describeCompletionCode(cc)}`]);
  }
  return dev.value;
}

/** ipmitool's rule: device SDRs only when the BMC provides them and has no SDR repository. */
function usesDeviceSdrs(d: DeviceId): boolean {
  if (!d.providesDeviceSdrs) return false;
  if (d.additionalSupport & 0x02) return false;
  if (d.additionalSupport & 0x01) return true;
  throw new CommandError(UNABLE, 'command-failed', ['Error obtaining SDR info']);
}

/** No answer (but not the deadline) is undefined: the caller words the failure. */
export async function tryCmd<Req, Res>(
  client: IpmiClient,
  cmd: IpmiCommand<Req, Res>,
  req: Req = undefined as Req,
  opts: { lun?: number } = {},
): Promise<{ cc: number; value?: Res } | undefined> {
  try {
    return await client.try(cmd, req, opts);
  } catch (e) {
    if (e instanceof IpmiError && e.layer === 'transport' && !(e instanceof DeadlineError)) return undefined;
    throw e;
  }
}
