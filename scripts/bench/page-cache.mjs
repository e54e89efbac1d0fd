// @ts-check
/**
 * Executables measured in the state of an installed program, not of a file just written.
 *
 * Peak RSS of the Bun executable depends on how its 110 MiB file sits in the page cache: a file
 * just written (by the build, by cp) is held in large folios, and a process that maps it faults in
 * whole folios, so `power status` peaks at ~40 MiB; once the file has been read back from disk
 * (after a reboot, or after the kernel evicted it) the same command peaks at ~34 MiB
 * (docs/benchmarks.md, "Fast start, seventh pass"). The bench puts every measured executable in
 * the second state, the steady one, by evicting its pages (fsync, then
 * posix_fadvise(POSIX_FADV_DONTNEED)) before the warm-up runs read it back; `--no-evict` keeps
 * whatever state the files are in. Node has no posix_fadvise: python3 does it (the wait4 meter
 * needs python3 too).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const EVICT = `
import os, sys
for p in sys.argv[1:]:
    fd = os.open(p, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
`;

/**
 * Evicts the files' pages from the page cache; returns the real paths done, or throws with python3's
 * error.
 * @param {string[]} files
 * @returns {string[]}
 */
export function evictFromPageCache(files) {
  const real = [...new Set(files.map((f) => fs.realpathSync(f)))];
  const r = spawnSync('python3', ['-c', EVICT, ...real], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`evicting ${real.join(', ')} from the page cache failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return real;
}
