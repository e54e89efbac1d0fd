/**
 * SDR sets shared by BMCs of one model. Two BMCs hold the same SDR set when Get Device ID says
 * they are the same device with the same firmware (manufacturer, product, device ID and revision,
 * firmware and auxiliary revision, IPMI version, additional device support) and their Get SDR
 * Repository Info (or Get Device SDR Info) replies are equal byte for byte: version, record count,
 * free space, the most recent addition and erase timestamps. That text is the model key.
 *
 * Two places use it when a host's own cache is missing or stale (src/sdr/source.ts):
 * - a model file `model-<sha256 of the key>.sdr` beside the host files (cache.ts format, the key
 *   in its metadata), written after a complete walk over an integrity-protected session;
 * - an SdrShare, one per fleet run: the first host of a model reads the SDR set, the others of
 *   that model wait for it instead of walking their own repositories.
 * Timestamps are part of the key, so BMCs whose SDRs were added at different times (a BMC that
 * rebuilds its SDR at boot stamps its boot time) never share: the key is strict, not clever.
 */
import type { DeviceId } from '../ipmi/cmds/app/get-device-id.js';
import type { CacheIo } from '../runtime/cache-files.js';

export type SdrSetSource = 'repository' | 'device';

const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');

/** The model key: what must be equal for two BMCs to share one SDR set. */
export function modelKey(dev: DeviceId, source: SdrSetSource, info: Buffer): string {
  return [
    `${source} mfr ${dev.manufacturerId} product ${hex(dev.productId, 4)}`,
    `device ${hex(dev.deviceId, 2)} rev ${hex(dev.deviceRevision, 2)}`,
    `fw ${dev.firmwareMajor}.${hex(dev.firmwareMinor, 2)} aux ${dev.auxFirmware?.toString('hex') || '-'}`,
    `ipmi ${hex(dev.ipmiVersion, 2)} support ${hex(dev.additionalSupport, 2)}`,
    `info ${info.toString('hex')}`,
  ].join(' ');
}

/** The model file's name in the cache directory (no '_': host files are always HOST_PORT.sdr). */
export const modelFileName = (key: string, sha256: CacheIo['sha256']): string => `model-${sha256(Buffer.from(key, 'utf8')).toString('hex').slice(0, 32)}.sdr`;

/**
 * The SDR sets of one fleet run by model key: a set being read by one host, or read. Only sets
 * read completely over integrity-protected sessions are offered (issue 15: nothing read without
 * integrity protection reaches another session).
 */
export class SdrShare {
  private readonly sets = new Map<string, Promise<Buffer[] | undefined>>();

  /** Another host's read of `key` (its records, or undefined when it failed), or undefined when none is under way. */
  pending(key: string): Promise<Buffer[] | undefined> | undefined {
    return this.sets.get(key);
  }

  /**
   * Take `key`: hosts asking for it from now on wait for the returned settle(), which offers the
   * set (or undefined: the read failed or cannot be shared, and a later host may take the key).
   * Only the first settle() counts, so a `finally` may call it again.
   */
  claim(key: string): (records: Buffer[] | undefined) => void {
    let resolve!: (r: Buffer[] | undefined) => void;
    const p = new Promise<Buffer[] | undefined>((res) => {
      resolve = res;
    });
    this.sets.set(key, p);
    let settled = false;
    return (records) => {
      if (settled) return;
      settled = true;
      if (!records && this.sets.get(key) === p) this.sets.delete(key);
      resolve(records);
    };
  }
}
