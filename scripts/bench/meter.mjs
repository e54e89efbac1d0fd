// @ts-check
/**
 * Run one command and measure wall time, user and system CPU, and peak RSS.
 *
 * Three meters (see docs/benchmarks.md):
 *   time   GNU time (`/usr/bin/time -f '%e %U %S %M' -o FILE`). CPU and RSS come from
 *          the child's wait4() rusage. GNU time prints CPU with 10 ms resolution and
 *          truncates it. Wall time is hrtime around spawn -> exit of the whole
 *          `/usr/bin/time CMD`, so it includes the ~1 ms exec of time itself.
 *          This is the default when /usr/bin/time exists.
 *   wait4  A tiny python3 wrapper: fork, execvp, os.wait4. It reports wall time
 *          (perf_counter_ns around fork..wait4, so the python start-up is excluded),
 *          user and sys CPU in microseconds, and ru_maxrss.
 *   proc   No helper. Spawns the command directly and polls /proc/<pid>/stat
 *          (utime/stime, clock ticks) and /proc/<pid>/status (VmHWM) every ~1 ms.
 *          It can miss the last milliseconds before exit, so it under-reports.
 *          Fallback only.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

/**
 * @typedef {object} Measured
 * @property {number|null} code      exit code (null if killed by a signal)
 * @property {string|null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} wallMs
 * @property {number|null} userMs
 * @property {number|null} sysMs
 * @property {number|null} cpuMs     user + sys
 * @property {number|null} maxRssKb
 * @property {boolean} timedOut
 */

/**
 * @typedef {object} RunOpts
 * @property {NodeJS.ProcessEnv} env
 * @property {string} cwd
 * @property {number} timeoutMs
 * @property {string} [input]   written to the child's stdin (stdin is /dev/null otherwise)
 * @property {string} tmpDir    a scratch directory for the meter's own files
 */

const WAIT4_PY = String.raw`
import os, sys, time
argv = sys.argv[1:]
t0 = time.perf_counter_ns()
pid = os.fork()
if pid == 0:
    try:
        os.close(3)
        os.execvp(argv[0], argv)
    except OSError as e:
        sys.stderr.write("bench: cannot run %s: %s\n" % (argv[0], e))
    os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter_ns() - t0
os.write(3, ("%d %d %d %d %d\n" % (wall, round(ru.ru_utime * 1e6), round(ru.ru_stime * 1e6), ru.ru_maxrss, status)).encode())
`;

/**
 * Pick a meter. 'auto' = GNU time if installed (the project's documented choice),
 * else the python3 wait4 wrapper, else /proc polling.
 * @param {string} want 'auto' | 'time' | 'wait4' | 'proc'
 * @returns {{ name: 'time'|'wait4'|'proc', python?: string, description: string }}
 */
export function pickMeter(want) {
  const hasTime = fs.existsSync(GNU_TIME);
  const python = () => {
    // Resolve the real interpreter once (pyenv and similar shims add tens of ms per start).
    const r = spawnSync('python3', ['-c', 'import os,sys; print(sys.executable) if hasattr(os, "wait4") else sys.exit(3)'], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  if (want === 'time' || (want === 'auto' && hasTime)) {
    if (!hasTime) throw new Error(`--meter time: ${GNU_TIME} not found (Debian package "time")`);
    return {
      name: 'time',
      description: `GNU ${GNU_TIME} -f '%e %U %S %M' (wait4 rusage; CPU at 10 ms resolution, truncated); wall = hrtime around spawn->exit`,
    };
  }
  if (want === 'wait4' || want === 'auto') {
    const py = python();
    if (py) return { name: 'wait4', python: py, description: `python3 os.wait4 wrapper (${py}): wall = fork..wait4 in the wrapper, CPU in us, ru_maxrss` };
    if (want === 'wait4') throw new Error('--meter wait4 needs python3 with os.wait4');
  }
  if (want === 'proc' || want === 'auto') {
    return {
      name: 'proc',
      description: '/proc/<pid>/stat utime+stime and /proc/<pid>/status VmHWM polled every ~1 ms (under-reports the tail); wall = hrtime around spawn->exit',
    };
  }
  throw new Error(`unknown meter ${want} (time, wait4, proc, auto)`);
}

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/**
 * Spawn argv under the meter. Never rejects on a failing command: the caller
 * looks at code / signal / timedOut.
 * @param {ReturnType<typeof pickMeter>} meter
 * @param {string[]} argv
 * @param {RunOpts} o
 * @returns {Promise<Measured>}
 */
export async function runMetered(meter, argv, o) {
  /** @type {string[]} */
  let full;
  let timeFile = '';
  /** @type {('ignore'|'pipe')[]} */
  const stdio = [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
  if (meter.name === 'time') {
    timeFile = path.join(o.tmpDir, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    full = [GNU_TIME, '-f', '%e %U %S %M', '-o', timeFile, ...argv];
  } else if (meter.name === 'wait4') {
    full = [/** @type {string} */ (meter.python), '-S', '-c', WAIT4_PY, ...argv];
    stdio.push('pipe');
  } else {
    full = argv;
  }

  const out = /** @type {Buffer[]} */ ([]);
  const err = /** @type {Buffer[]} */ ([]);
  const fd3 = /** @type {Buffer[]} */ ([]);
  const t0 = process.hrtime.bigint();
  const child = spawn(full[0] ?? '', full.slice(1), { cwd: o.cwd, env: o.env, stdio });
  /** @type {bigint} */
  let tExit = t0;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, o.timeoutMs);

  // proc meter: poll the child's counters until it exits
  let poll = /** @type {NodeJS.Timeout|null} */ (null);
  let pUser = 0,
    pSys = 0,
    pHwm = 0;
  if (meter.name === 'proc' && child.pid) {
    const pid = child.pid;
    const sample = () => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        pUser = Number(f[11]);
        pSys = Number(f[12]); // fields 14, 15 of stat(5)
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) pHwm = Math.max(pHwm, Number(m[1]));
      } catch {
        /* exited */
      }
    };
    sample();
    poll = setInterval(sample, 1);
  }

  child.stdout?.on('data', (d) => out.push(d));
  child.stderr?.on('data', (d) => err.push(d));
  child.stdio[3]?.on('data', (d) => fd3.push(/** @type {Buffer} */ (d)));
  if (o.input !== undefined) {
    child.stdin?.on('error', () => {});
    child.stdin?.end(o.input);
  }

  /** @type {{ code: number|null, signal: string|null, spawnError?: Error }} */
  const ex = await new Promise((resolve) => {
    child.once('error', (e) => resolve({ code: null, signal: null, spawnError: e }));
    child.once('exit', () => {
      tExit = process.hrtime.bigint();
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  if (poll) clearInterval(poll);

  /** @type {Measured} */
  const m = {
    code: ex.code,
    signal: ex.signal,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8') + (ex.spawnError ? `\nbench: cannot spawn ${full[0]}: ${ex.spawnError.message}\n` : ''),
    wallMs: Number(tExit - t0) / 1e6,
    userMs: null,
    sysMs: null,
    cpuMs: null,
    maxRssKb: null,
    timedOut,
  };

  if (meter.name === 'time') {
    const text = await fsp.readFile(timeFile, 'utf8').catch(() => '');
    await fsp.rm(timeFile, { force: true });
    // GNU time writes "Command exited with non-zero status N" / "Command terminated by signal N"
    // before the format line; the format line is the last one.
    const last = text.trim().split('\n').at(-1) ?? '';
    const f = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last);
    if (f) {
      m.userMs = Number(f[2]) * 1000;
      m.sysMs = Number(f[3]) * 1000;
      m.maxRssKb = Number(f[4]);
    }
    const sig = /terminated by signal (\d+)/.exec(text);
    if (sig && m.signal === null) m.signal = `signal ${sig[1]}`;
  } else if (meter.name === 'wait4') {
    const f = /^(\d+) (\d+) (\d+) (\d+) (\d+)/.exec(Buffer.concat(fd3).toString());
    if (f) {
      m.wallMs = Number(f[1]) / 1e6;
      m.userMs = Number(f[2]) / 1000;
      m.sysMs = Number(f[3]) / 1000;
      m.maxRssKb = Number(f[4]);
      const status = Number(f[5]);
      // decode the wait status like WIFEXITED/WEXITSTATUS/WTERMSIG
      if ((status & 0x7f) === 0) m.code = (status >> 8) & 0xff;
      else {
        m.code = null;
        m.signal = `signal ${status & 0x7f}`;
      }
    }
  } else {
    m.userMs = (pUser / CLK_TCK) * 1000;
    m.sysMs = (pSys / CLK_TCK) * 1000;
    m.maxRssKb = pHwm || null;
  }
  if (m.userMs !== null && m.sysMs !== null) m.cpuMs = m.userMs + m.sysMs;
  return m;
}

/** A scratch dir for meter files. */
export async function meterTmp() {
  return fsp.mkdtemp(path.join(os.tmpdir(), 'ipmits-bench-'));
}
