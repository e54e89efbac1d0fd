// @ts-check
/**
 * The chaos scenarios. Each takes the run's settings and returns a report section (markdown
 * tables, see report.mjs). ipmits and ipmitool run the same command lines against the same
 * simulated BMC (test/sim) through the same seeded proxy (proxy.mjs).
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { startSim, fruImage, FRU0 } from '../../test/sim/simlib.mjs';
import { startChaosProxy, seedOf } from './proxy.mjs';
import { makeDamager } from './damage.mjs';
import { damageCampaign } from './inproc.mjs';
import { DOCUMENTED_EXITS, HOME, firstLine, pool, runClient, stats, verdict } from './run.mjs';

/**
 * @typedef {object} Settings
 * @property {boolean} long
 * @property {number} seed
 * @property {(s: string) => void} log
 * @property {import('./inproc.mjs').Ipmits} inproc
 * @property {number} concurrency
 * @property {boolean} smoke   a bounded CI run: a handful of runs per scenario
 * @property {Goal[]} goals     the issue's goals, filled by the scenarios for the report's summary
 *
 * @typedef {{ goal: string, ipmits: string, ipmitool: string, met: boolean | undefined }} Goal
 *
 * @typedef {{ title: string, body: string[] }} Section
 * @typedef {'ipmits'|'ipmitool'} Client
 */

export const CLIENTS = /** @type {const} */ (['ipmits', 'ipmitool']);

/** Login options for both clients (ipmi_sim: -C 3; ipmits without its SDR cache, as ipmitool). */
export function login(/** @type {Client} */ client, /** @type {{host: string, port: number}} */ at, extra = /** @type {string[]} */ ([])) {
  const a = ['-I', 'lanplus', '-C', '3', '-H', at.host, '-p', String(at.port), '-U', 'admin', '-P', 'adminpass', ...extra];
  return client === 'ipmits' ? [...a, '--no-cache'] : a;
}

/** Sessions open on ipmi_sim besides the one asking (Get Session Info, IPMI v2.0 §22.20). */
export async function openSessions(/** @type {import('../../test/sim/simlib.d.mts').SimInstance} */ sim) {
  const r = await sim.withSession((c) => c.request(0x06, 0x3d, [0]));
  return (r.data[2] & 0x3f) - 1;
}

/** ipmi_sim's session slots (lan.conf). */
const SIM_SLOTS = 63;

/** openSessions, or every slot when none is left to ask with (Get Session Challenge: C4h, out of space). */
async function openSessionsOrFull(/** @type {any} */ sim) {
  return openSessions(sim).catch((/** @type {Error} */ e) => {
    if (/cc 0xc4\b/.test(e.message)) return SIM_SLOTS;
    throw e;
  });
}

/** Wait until the BMC's session count is back to `base` (Close Session may be in flight), at most `ms`. */
async function sessionsAfter(/** @type {any} */ sim, /** @type {number} */ base, ms = 1500) {
  const until = Date.now() + ms;
  let n = await openSessionsOrFull(sim);
  while (n > base && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    n = await openSessionsOrFull(sim);
  }
  return Math.max(0, n - base);
}

const exitsOf = (/** @type {{code: number|null, signal?: string|null, killed: boolean}[]} */ runs) => {
  /** @type {Record<string, number>} */
  const m = {};
  for (const r of runs) {
    const k = r.killed ? 'killed' : r.code === null ? `died of ${r.signal}` : String(r.code);
    m[k] = (m[k] ?? 0) + 1;
  }
  return Object.entries(m)
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
};

const row = (/** @type {(string|number)[]} */ cells) => `| ${cells.join(' | ')} |`;
const head = (/** @type {string[]} */ cells) => [row(cells), row(cells.map(() => '---'))];

/** Clean output of each command line, per client (no proxy). */
async function cleanRuns(/** @type {any} */ sim, /** @type {string[][]} */ commands) {
  /** @type {Record<string, Record<string, string>>} */
  const clean = { ipmits: {}, ipmitool: {} };
  for (const client of CLIENTS) {
    for (const cmd of commands) {
      const r = await runClient(client, [...login(client, sim), ...cmd], { limitMs: 30_000 });
      if (r.code !== 0) throw new Error(`clean ${client} ${cmd.join(' ')} failed (${r.code}): ${r.stderr}`);
      clean[client][cmd.join(' ')] = r.stdout;
    }
  }
  return clean;
}

/**
 * Runs of one command mix through fresh proxies with the given faults, both clients.
 * @param {Settings} s @param {any} sim
 * @param {{ label: string, faults: import('./proxy.mjs').Faults | ((rnd: number) => import('./proxy.mjs').Faults), commands: string[][], runs: number, timeoutSec: number, clean: Record<string, Record<string, string>> }} c
 */
async function proxiedCell(s, sim, c) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const client of CLIENTS) {
    const jobs = Array.from({ length: c.runs }, (_, i) => ({ i, cmd: c.commands[i % c.commands.length] }));
    const base = await openSessions(sim);
    const runs = await pool(jobs, s.concurrency, async ({ i, cmd }) => {
      const seed = seedOf(s.seed, c.label, String(i));
      const faults = typeof c.faults === 'function' ? c.faults(seed) : c.faults;
      const proxy = await startChaosProxy(sim, faults, seed);
      try {
        const extra = client === 'ipmits' ? ['--timeout', String(c.timeoutSec)] : [];
        const r = await runClient(client, [...login(client, proxy, extra), ...cmd], { limitMs: c.timeoutSec * 1000 + 5000 });
        return { ...r, seed, cmd: cmd.join(' '), v: verdict(r, c.clean[client][cmd.join(' ')]), faults: proxy.counts() };
      } finally {
        proxy.close();
      }
    });
    const left = await sessionsAfter(sim, base);
    out[client] = { runs, left };
    s.log(`  ${c.label} ${client}: ${runs.filter((r) => r.v === 'correct').length}/${runs.length} correct`);
  }
  return out;
}

/** Share of runs that are correct and ended within `withinSec` (percent, one decimal). */
function share(/** @type {any[]} */ runs, /** @type {number} */ withinSec = Infinity) {
  if (!runs.length) return { pct: NaN, text: '-' };
  const n = runs.filter((r) => r.v === 'correct' && r.ms <= withinSec * 1000 + 500).length;
  const pct = (100 * n) / runs.length;
  return { pct, text: `${n}/${runs.length} (${pct.toFixed(1)} %)` };
}

/** Goals of a proxied cell: the share correct (>= min %), no silent wrong answer, no run past the deadline. */
function cellGoals(
  /** @type {Settings} */ s,
  /** @type {any} */ cell,
  /** @type {string} */ label,
  /** @type {number} */ min,
  /** @type {number} */ timeoutSec,
) {
  const a = share(cell.ipmits.runs, timeoutSec);
  const b = share(cell.ipmitool.runs, timeoutSec);
  if (min > 0) s.goals.push({ goal: `${label}: >= ${min} % correct within ${timeoutSec} s`, ipmits: a.text, ipmitool: b.text, met: a.pct >= min });
  const silent = (/** @type {Client} */ c) => cell[c].runs.filter((/** @type {any} */ r) => r.v === 'silent').length;
  s.goals.push({
    goal: `${label}: 0 silent wrong answers`,
    ipmits: String(silent('ipmits')),
    ipmitool: String(silent('ipmitool')),
    met: silent('ipmits') === 0,
  });
  const past = (/** @type {Client} */ c) => cell[c].runs.filter((/** @type {any} */ r) => r.ms > timeoutSec * 1000 + 500).length;
  s.goals.push({
    goal: `${label}: 0 runs past --timeout ${timeoutSec}`,
    ipmits: String(past('ipmits')),
    ipmitool: `${past('ipmitool')} (no --timeout)`,
    met: past('ipmits') === 0,
  });
}

function cellRows(/** @type {any} */ cell, /** @type {number} */ timeoutSec) {
  return CLIENTS.map((client) => {
    const { runs, left } = cell[client];
    const n = (/** @type {string} */ v) => runs.filter((/** @type {any} */ r) => r.v === v).length;
    const past = runs.filter((/** @type {any} */ r) => r.ms > timeoutSec * 1000 + 500).length;
    const st = stats(runs.map((/** @type {any} */ r) => r.ms));
    const pct = runs.length ? ((100 * n('correct')) / runs.length).toFixed(1) : '-';
    return row([
      client,
      runs.length,
      `${n('correct')} (${pct}%)`,
      n('silent'),
      n('failed'),
      n('mute') + n('killed'),
      past,
      st.median,
      st.max,
      left,
      exitsOf(runs),
    ]);
  });
}

const CELL_HEAD = [
  'client',
  'runs',
  'correct',
  'silent wrong (exit 0, other output)',
  'failed with a message',
  'mute or hung',
  'past --timeout (+0.5 s)',
  'median s',
  'max s',
  'sessions left open',
  'exit codes',
];

/** Examples of bad runs, so a reader can repeat one. */
function badExamples(/** @type {any} */ cell) {
  const lines = [];
  for (const client of CLIENTS) {
    for (const r of cell[client].runs.filter((/** @type {any} */ r) => r.v === 'silent' || r.v === 'mute' || r.v === 'killed').slice(0, 3)) {
      lines.push(
        `- ${client} \`${r.cmd}\` seed ${r.seed}: ${r.v}, exit ${r.code ?? r.signal}, ${(r.ms / 1000).toFixed(1)} s; stderr: ${firstLine(r.stderr) || '(empty)'}`,
      );
    }
  }
  return lines;
}

const MIX = [
  ['power', 'status'],
  ['mc', 'info'],
  ['sdr', 'elist'],
  ['sel', 'elist'],
  ['fru', 'print', '0'],
  ['chassis', 'status'],
];
const POWER = [['power', 'status']];

/** @param {Settings} s @returns {Promise<Section>} */
export async function loss(s) {
  const sim = await startSim({});
  try {
    const clean = await cleanRuns(sim, MIX);
    const n = (/** @type {number} */ d, /** @type {number} */ l) => (s.smoke ? 2 : s.long ? l : d);
    const all = [
      { rate: 0.1, commands: MIX, runs: n(36, 240), timeoutSec: 60, goal: '>= 99.5 % correct' },
      { rate: 0.2, commands: POWER, runs: n(30, 200), timeoutSec: 15, goal: '>= 99 % of `power status` correct within --timeout 15' },
      { rate: 0.3, commands: POWER, runs: n(30, 200), timeoutSec: 30, goal: '>= 90 % of `power status` correct within --timeout 30' },
    ];
    const cells = s.smoke ? all.slice(0, 1) : all;
    const body = [
      'Each datagram is dropped with the given probability in each direction (client -> BMC and BMC -> client).',
      'ipmits runs with `--timeout T`; ipmitool has no overall deadline and runs with its defaults (`-N 1 -R 4` for lanplus); both are killed at T + 5 s.',
      '"correct" = exit 0 and stdout byte-identical to the same client\'s clean run. "past --timeout" counts runs that ended more than 0.5 s after T (process start included).',
      '',
    ];
    for (const c of cells) {
      const cell = await proxiedCell(s, sim, {
        label: `loss-${c.rate}`,
        faults: { lossToBmc: c.rate, lossToClient: c.rate },
        commands: c.commands,
        runs: c.runs,
        timeoutSec: c.timeoutSec,
        clean,
      });
      body.push(
        `### ${c.rate * 100} % loss each way: ${c.commands.map((x) => `\`${x.join(' ')}\``).join(', ')}, --timeout ${c.timeoutSec} (goal: ${c.goal})`,
        '',
      );
      body.push(...head(CELL_HEAD), ...cellRows(cell, c.timeoutSec), '', ...badExamples(cell), '');
      cellGoals(
        s,
        cell,
        `${c.rate * 100} % loss, ${c.commands.length > 1 ? 'command mix' : '`power status`'}`,
        c.rate === 0.1 ? 99.5 : c.rate === 0.2 ? 99 : 90,
        c.timeoutSec,
      );
    }
    return { title: 'Loss', body };
  } finally {
    await sim.stop();
  }
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function duplication(s) {
  const sim = await startSim({});
  try {
    const clean = await cleanRuns(sim, MIX);
    const runs = s.smoke ? 2 : s.long ? 120 : 24;
    const cell = await proxiedCell(s, sim, { label: 'dup-reorder', faults: { dupRate: 0.25, reorderRate: 0.25 }, commands: MIX, runs, timeoutSec: 30, clean });
    cellGoals(s, cell, 'duplication and reordering', 100, 30);
    return {
      title: 'Duplication and reordering',
      body: [
        'Every datagram, each way, is sent twice with probability 0.25 and held back behind the next one (at most 50 ms) with probability 0.25. Goal: identical to a clean run.',
        '',
        ...head(CELL_HEAD),
        ...cellRows(cell, 30),
        '',
        ...badExamples(cell),
      ],
    };
  } finally {
    await sim.stop();
  }
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function damaged(s) {
  const sim = await startSim({});
  try {
    // 1. Through the proxy, both clients: a sample.
    const commands = [
      ['power', 'status'],
      ['sdr', 'elist'],
    ];
    const clean = await cleanRuns(sim, commands);
    /** @type {Map<string, number>} */
    const tally = new Map();
    const runs = s.smoke ? 0 : s.long ? 100 : 20;
    const cell = await proxiedCell(s, sim, {
      label: 'damage',
      commands,
      runs,
      timeoutSec: 15,
      clean,
      faults: () => ({ damage: makeDamager({ rate: 0.15, tally }) }),
    });
    // 2. In process, ipmits only: the volume.
    const at = ['-H', sim.host, '-p', String(sim.port), '-U', 'admin', '--timeout', '10'];
    const lines = [
      { name: 'lanplus -C 3 power status', argv: ['-I', 'lanplus', '-C', '3', ...at, '-P', 'adminpass', 'power', 'status'], forge: false, deadlineSec: 10 },
      {
        name: 'lanplus -C 3 sdr elist',
        argv: ['-I', 'lanplus', '-C', '3', ...at, '-P', 'adminpass', '--no-cache', 'sdr', 'elist'],
        forge: false,
        deadlineSec: 10,
      },
      { name: 'lan -A MD5 sel elist', argv: ['-I', 'lan', '-A', 'MD5', ...at, '-P', 'adminpass', '--no-cache', 'sel', 'elist'], forge: false, deadlineSec: 10 },
      {
        name: 'lanplus -C 0 sdr elist (forged)',
        argv: ['-I', 'lanplus', '-C', '0', ...at, '-P', 'adminpass', '--no-cache', 'sdr', 'elist'],
        forge: true,
        deadlineSec: 10,
      },
      { name: 'lan -A NONE fru print (forged)', argv: ['-I', 'lan', '-A', 'NONE', ...at, '-P', 'x', 'fru', 'print'], forge: true, deadlineSec: 10 },
    ];
    const total = s.smoke ? 40 : s.long ? 5_000 : 400;
    const t0 = Date.now();
    // A simulator of its own per command line: the runs through the proxy may have left sessions open
    // (30 s each), and a damaged Open Session reply leaves a session whose ID no client can trust: at the
    // campaign's pace one BMC's 63 slots fill up (the --long run of 89f5c9f: most runs then ended with exit 7).
    const own = await Promise.all(lines.map(() => startSim({})));
    lines.forEach((l, i) => {
      const at2 = ['-H', own[i].host, '-p', String(own[i].port), '-U', 'admin', '--timeout', '10'];
      l.argv.splice(l.argv.indexOf('-H'), at.length, ...at2);
    });
    const v = await damageCampaign(s.inproc, { lines, runs: total, rate: 0.35, seed: s.seed, concurrency: 4, log: s.log }).finally(() =>
      Promise.all(own.map((o) => o.stop())),
    );
    const secs = ((Date.now() - t0) / 1000).toFixed(0);
    const damagedTotal = v.rows.reduce((a, r) => a + r.damaged, 0);
    const tot = (/** @type {'crashes'|'overDeadline'|'silent'|'undocumented'} */ k) => v.rows.reduce((a, r) => a + r[k], 0);
    s.goals.push({
      goal: `damaged replies (${damagedTotal.toLocaleString('en-US')} in process): 0 crashes, 0 past the deadline, 0 silent wrong, only documented exits`,
      ipmits: `${tot('crashes') + v.uncaught.length} / ${tot('overDeadline')} / ${tot('silent')} / ${tot('undocumented')}`,
      ipmitool: '(process level only, above)',
      met: tot('crashes') + v.uncaught.length + tot('overDeadline') + tot('silent') + tot('undocumented') === 0,
    });
    s.log(`  damage in-process: ${damagedTotal} damaged replies in ${secs} s`);
    const body = [
      `Kinds: one bit flipped in every region (RMCP header, auth type, payload type, session id, sequence, length, payload, trailer / v1.5 auth code), truncation, extension, random bytes, empty datagrams, the reply with another session id, an earlier reply replayed; on unauthenticated sessions also forged messages with valid checksums (completion code, data bytes, data cut or grown, SDR record length 255, FRU count larger than the data). A damaged copy replaces the genuine reply or comes before it, half and half. See scripts/chaos/damage.mjs.`,
      '',
      '### Through the proxy (each reply damaged with probability 0.15), both clients, --timeout 15',
      '',
      ...head(CELL_HEAD),
      ...cellRows(cell, 15),
      '',
      ...badExamples(cell),
      '',
      `### In process, ipmits only: ${damagedTotal.toLocaleString('en-US')} damaged replies in ${v.rows.reduce((a, r) => a + r.runs, 0).toLocaleString('en-US')} runs (${secs} s)`,
      '',
      "ipmits' `main()` (the compiled CLI entry) runs in the harness process against ipmi_sim over loopback UDP; the damage is applied at the socket seam, and every wait is cut to 1/10 so that retransmissions cost little (the `--timeout 10` deadline stays on real time). Spawning a process per run would cost ~0.2 s each. Each reply is damaged with probability 0.35.",
      '"forged accepted" counts exit-0 runs with other output after a forged, checksum-valid message on a session without integrity protection: the BMC "said" it, no client can tell; those lines count crashes, hangs and exit codes only.',
      '',
      ...head([
        'command line',
        'runs',
        'damaged replies',
        'correct',
        'failed (non-zero)',
        'silent wrong',
        'forged accepted',
        'crashes',
        'past deadline',
        'undocumented exit',
        'exit codes',
        'max s',
      ]),
      ...v.rows.map((r) =>
        row([
          r.name,
          r.runs,
          r.damaged,
          r.correct,
          r.failed,
          r.silent,
          r.forgedAccepted,
          r.crashes,
          r.overDeadline,
          r.undocumented,
          Object.entries(r.exits)
            .map(([k, c]) => `${k}: ${c}`)
            .join(', '),
          (r.maxMs / 1000).toFixed(1),
        ]),
      ),
      '',
      `Uncaught exceptions in the harness process: ${v.uncaught.length}${v.uncaught.length ? ` (${v.uncaught.slice(0, 2).join('; ')})` : ''}.`,
      '',
      ...v.rows.flatMap((r) => r.examples.map((e) => `- ${r.name}: ${e}`)),
      '',
      'Damage kinds delivered in process: ' +
        [...v.tally]
          .sort((a, b) => b[1] - a[1])
          .map(([k, c]) => `${k} ${c}`)
          .join(', ') +
        '.',
    ];
    return { title: 'Damaged replies', body };
  } finally {
    await sim.stop();
  }
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function integrity(s) {
  const sim = await startSim({});
  try {
    const at = ['-H', sim.host, '-p', String(sim.port), '-U', 'admin', '-P', 'adminpass', '--timeout', '10'];
    const kinds = ['tamper', 'replay'];
    const lines = [
      { name: 'lanplus -C 3 sdr elist', argv: ['-I', 'lanplus', '-C', '3', ...at, '--no-cache', 'sdr', 'elist'], forge: false, deadlineSec: 10, kinds },
      { name: 'lanplus -C 1 sdr elist', argv: ['-I', 'lanplus', '-C', '1', ...at, '--no-cache', 'sdr', 'elist'], forge: false, deadlineSec: 10, kinds },
      { name: 'lan -A MD5 sdr elist', argv: ['-I', 'lan', '-A', 'MD5', ...at, '--no-cache', 'sdr', 'elist'], forge: false, deadlineSec: 10, kinds },
    ];
    const v = await damageCampaign(s.inproc, { lines, runs: s.smoke ? 12 : s.long ? 1500 : 150, rate: 0.3, seed: s.seed ^ 0x5eed, concurrency: 4, log: s.log });
    // ipmitool and ipmits through the proxy: tampered and replayed replies
    const commands = [['sdr', 'elist']];
    const clean = await cleanRuns(sim, commands);
    /** @type {Map<string, number>} */
    const tally = new Map();
    const cell = await proxiedCell(s, sim, {
      label: 'integrity',
      commands,
      runs: s.smoke ? 0 : s.long ? 60 : 12,
      timeoutSec: 20,
      clean,
      faults: () => ({ damage: makeDamager({ rate: 0.1, kinds, tally }) }),
    });
    const accepted = v.rows.reduce((a, r) => a + r.silent, 0);
    s.goals.push({
      goal: 'tampered or replayed replies accepted: 0',
      ipmits: `${accepted} of ${v.rows.reduce((a, r) => a + r.damaged, 0)}`,
      ipmitool: cell.ipmitool.runs.length
        ? `${cell.ipmitool.runs.filter((/** @type {any} */ r) => r.v === 'silent').length} silent wrong in ${cell.ipmitool.runs.length} runs`
        : '-',
      met: accepted === 0,
    });
    return {
      title: 'Integrity: tampered and replayed replies',
      body: [
        'A reply with one bit flipped where the integrity check covers it (payload, trailer, v1.5 auth code), or an earlier genuine reply of the same session replayed. Accepted = exit 0 with output other than the clean run.',
        '',
        '### In process (ipmits)',
        '',
        ...head(['session', 'runs', 'tampered/replayed replies', 'accepted (silent wrong)', 'correct', 'failed', 'crashes', 'exit codes']),
        ...v.rows.map((r) =>
          row([
            r.name,
            r.runs,
            r.damaged,
            r.silent,
            r.correct,
            r.failed,
            r.crashes,
            Object.entries(r.exits)
              .map(([k, c]) => `${k}: ${c}`)
              .join(', '),
          ]),
        ),
        '',
        '### Through the proxy, both clients (`sdr elist`, lanplus -C 3, each reply tampered or replayed with probability 0.1)',
        '',
        ...head(CELL_HEAD),
        ...cellRows(cell, 20),
        '',
        ...badExamples(cell),
      ],
    };
  } finally {
    await sim.stop();
  }
}

/** A port where nothing listens (bound and closed at once). */
async function deadPort() {
  const sock = dgram.createSocket('udp4');
  await new Promise((r) => sock.bind(0, '127.0.0.1', () => r(undefined)));
  const port = sock.address().port;
  await new Promise((r) => sock.close(() => r(undefined)));
  return port;
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function deadHosts(s) {
  const sim = await startSim({});
  try {
    const runs = s.smoke ? 1 : s.long ? 5 : 2;
    /** @type {{ name: string, target: () => Promise<{ host: string, port: number, close?: () => void }> }[]} */
    const kinds = [
      { name: 'nothing listening (ICMP port unreachable)', target: async () => ({ host: '127.0.0.1', port: await deadPort() }) },
      { name: 'silent host (every datagram dropped)', target: () => startChaosProxy(sim, { dark: true }, 1) },
      { name: 'BMC goes silent after 4 replies (mid-login / mid-command)', target: () => startChaosProxy(sim, { darkAfter: 4 }, 1) },
      { name: 'BMC goes silent after 30 replies (mid sdr elist)', target: () => startChaosProxy(sim, { darkAfter: 30 }, 1) },
    ];
    const body = [
      'ipmits with `--timeout 10` and without it (defaults `-N 1 -R 4`); ipmitool with its defaults. Command: `sdr elist`. Killed at 60 s (exit code "killed").',
      '',
      ...head(['host', 'client', 'runs', 'exit codes', 'median s', 'max s', 'stderr (first line)']),
    ];
    const variants = /** @type {[Client, string[]][]} */ ([
      ['ipmits', ['--timeout', '10']],
      ['ipmits', []],
      ['ipmitool', []],
    ]);
    const combos = kinds.flatMap((k, ki) =>
      s.smoke && ki > 0 ? [] : variants.filter(([c, e]) => !s.smoke || (c === 'ipmits' && e.length)).map(([client, extra]) => ({ k, client, extra })),
    );
    // All combinations at once: most of the time is spent waiting for retransmission timers.
    const results = await Promise.all(
      combos.map(async ({ k, client, extra }) => {
        const rs = await pool(
          Array.from({ length: runs }, (_, i) => i),
          runs,
          async () => {
            const t = await k.target();
            try {
              return await runClient(client, [...login(client, t, extra), 'sdr', 'elist'], { limitMs: 60_000 });
            } finally {
              t.close?.();
            }
          },
        );
        s.log(`  dead ${k.name} ${client} ${extra.join(' ')}: ${exitsOf(rs)}`);
        return { k, client, extra, rs };
      }),
    );
    const bounded = results.filter((x) => x.client === 'ipmits' && x.extra.length).flatMap((x) => x.rs);
    const worst = Math.max(...bounded.map((r) => r.ms));
    s.goals.push({
      goal: 'dead and silent hosts, `--timeout 10`: every run ends by the deadline with a message',
      ipmits: `${bounded.filter((r) => r.code !== 0 && r.stderr.trim()).length}/${bounded.length} with a message; longest ${(worst / 1000).toFixed(1)} s`,
      ipmitool: '(no --timeout)',
      met: worst <= 10_500 && bounded.every((r) => r.code !== 0 && r.stderr.trim()),
    });
    for (const { k, client, extra, rs } of results) {
      const st = stats(rs.map((r) => r.ms));
      body.push(
        row([k.name, `${client} ${extra.join(' ')}`, rs.length, exitsOf(rs), st.median, st.max, `\`${firstLine(rs[0].stderr) || firstLine(rs[0].stdout)}\``]),
      );
    }
    return { title: 'Dead and silent hosts', body };
  } finally {
    await sim.stop();
  }
}

const SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
const BANNER = '[SOL Session operational.  Use ~? for help]';

/** One `sol activate` that must start at once: banner within `ms`, then `~.`. */
async function solStartsAtOnce(/** @type {Client} */ client, /** @type {any} */ sim, ms = 3000) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let sawAt = -1;
  const t0 = performance.now();
  const done = runClient(client, [...login(client, sim), 'sol', 'activate'], {
    limitMs: ms + 5000,
    keepStdin: true,
    onSpawn: (c) => {
      child = c;
      let buf = '';
      c.stdout?.on('data', (d) => {
        buf += d.toString('latin1');
        if (sawAt < 0 && buf.includes(BANNER)) {
          sawAt = performance.now() - t0;
          c.stdin?.end('\n~.');
        }
      });
      c.stderr?.on('data', (d) => {
        buf += d.toString('latin1');
      });
    },
  });
  // ipmitool block-buffers its banner on a pipe until the console prints: poke the console.
  const poke = setInterval(() => {
    if (sawAt < 0) child?.stdin?.write('\r');
  }, 200);
  const timer = setTimeout(() => child?.stdin?.end('\n~.'), ms);
  const r = await done;
  clearInterval(poke);
  clearTimeout(timer);
  return { ok: sawAt >= 0 && sawAt <= ms, ms: sawAt, r };
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function signals(s) {
  const body = [
    'Each run starts the command, waits a random time between 0 and 1.2 x its clean duration (sol activate: 0-1.5 s), sends SIGINT, SIGTERM or SIGHUP (drawn from the seed), and waits for the exit. Afterwards: sessions still open on the BMC (Get Session Info), and for `sol activate` whether the next `sol activate` prints its banner within 3 s. "died of SIG..." = the process ended by the signal itself, before its handler was installed (no exit status).',
    '',
    ...head([
      'command',
      'client',
      'runs',
      'signalled before exit',
      'sessions left open after the runs',
      'runs leaving a session',
      'next `sol activate` at once',
      'exit codes',
      'undocumented exit',
    ]),
  ];
  const tally = { ipmits: { runs: 0, leaving: 0, sol: '-' }, ipmitool: { runs: 0, leaving: 0, sol: '-' } };
  for (const client of CLIENTS) {
    const sim = await startSim({ sol: true, seedSel: true });
    try {
      const fru = path.join(HOME, 'fru0.bin');
      fs.writeFileSync(fru, fruImage(FRU0));
      const commands = [
        ['sdr', 'elist'],
        ['sel', 'elist'],
        ['fru', 'write', '0', fru],
        ['sol', 'activate'],
      ];
      const n = s.smoke ? 2 : s.long ? (client === 'ipmits' ? 100 : 30) : 10;
      for (const cmd of commands) {
        const isSol = cmd[0] === 'sol';
        const clean = isSol ? undefined : await runClient(client, [...login(client, sim), ...cmd], { limitMs: 60_000 });
        const span = isSol ? 1500 : Math.max(50, clean.ms * 1.2);
        const base = await openSessions(sim);
        let signalled = 0;
        let leaving = 0;
        let atOnce = 0;
        let undocumented = 0;
        /** @type {any[]} */
        const rs = [];
        for (let i = 0; i < n; i++) {
          const seed = seedOf(s.seed, 'signal', client, cmd[0], String(i));
          const rnd = (await import('./proxy.mjs')).prng(seed);
          const wait = rnd() * span;
          const sig = SIGNALS[Math.floor(rnd() * 3)];
          let exited = false;
          const before = await openSessions(sim);
          const r = await runClient(client, [...login(client, sim), ...cmd], {
            limitMs: 30_000,
            keepStdin: isSol,
            onSpawn: (c) => {
              c.on('exit', () => (exited = true));
              setTimeout(() => {
                if (!exited) {
                  signalled++;
                  c.kill(sig);
                }
              }, wait);
            },
          });
          rs.push(r);
          if (r.code !== null && !DOCUMENTED_EXITS.has(r.code)) undocumented++;
          if ((await sessionsAfter(sim, before, 1000)) > 0) leaving++;
          if (isSol) {
            const next = await solStartsAtOnce(client, sim);
            if (next.ok) atOnce++;
            await sessionsAfter(sim, before, 1000);
          }
        }
        const left = await sessionsAfter(sim, base, 1500);
        body.push(row([cmd.slice(0, 2).join(' '), client, n, signalled, left, leaving, isSol ? `${atOnce}/${n}` : '-', exitsOf(rs), undocumented]));
        s.log(`  signals ${client} ${cmd.join(' ')}: ${leaving} runs left a session${isSol ? `, sol at once ${atOnce}/${n}` : ''}`);
        tally[client].runs += n;
        tally[client].leaving += leaving;
        if (isSol) tally[client].sol = `${atOnce}/${n}`;
      }
    } finally {
      await sim.stop();
    }
  }
  s.goals.push({
    goal: 'signals at random points: runs that leave a session open',
    ipmits: `${tally.ipmits.leaving} of ${tally.ipmits.runs}`,
    ipmitool: `${tally.ipmitool.leaving} of ${tally.ipmitool.runs}`,
    met: tally.ipmits.leaving === 0,
  });
  s.goals.push({
    goal: 'after a signalled `sol activate`, the next one starts at once',
    ipmits: tally.ipmits.sol,
    ipmitool: tally.ipmitool.sol,
    met: /^(\d+)\/\1$/.test(tally.ipmits.sol),
  });
  body.push(
    '',
    'ipmitool installs no handler for SIGHUP/SIGTERM on non-SOL commands: the process dies and its session stays open until the BMC times it out (ipmi_sim: 30 s); the count above is measured right after each run.',
  );
  return { title: 'Signals at random points', body };
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function concurrency(s) {
  const sizes = s.smoke ? [8] : s.long ? [20, 45, 70] : [20, 70];
  const body = [
    '`power status` started N times at once against one ipmi_sim (63 session slots), no proxy, `--timeout 30` for ipmits. Every run must succeed or fail with a clear cause; none may leave a session.',
    '',
    ...head([
      'N',
      'client',
      'succeeded',
      'failed with a message',
      'mute or hung',
      'sessions left open',
      'median s',
      'max s',
      'causes (first stderr line, count)',
    ]),
  ];
  /** @type {Record<Client, string[]>} */
  const conc = { ipmits: [], ipmitool: [] };
  let concMet = true;
  for (const size of sizes) {
    for (const client of CLIENTS) {
      const sim = await startSim({ seedSel: false });
      try {
        const base = await openSessions(sim);
        const extra = client === 'ipmits' ? ['--timeout', '30'] : [];
        const rs = await Promise.all(
          Array.from({ length: size }, () => runClient(client, [...login(client, sim, extra), 'power', 'status'], { limitMs: 60_000 })),
        );
        const left = await sessionsAfter(sim, base, 3000);
        const ok = rs.filter((r) => r.code === 0 && r.stdout === 'Chassis Power is on\n').length;
        const msg = rs.filter((r) => r.code !== 0 && !r.killed && r.stderr.trim()).length;
        /** @type {Map<string, number>} */
        const causes = new Map();
        for (const r of rs) if (r.code !== 0) causes.set(firstLine(r.stderr), (causes.get(firstLine(r.stderr)) ?? 0) + 1);
        const st = stats(rs.map((r) => r.ms));
        body.push(row([size, client, ok, msg, size - ok - msg, left, st.median, st.max, [...causes].map(([k, v]) => `\`${k}\` ×${v}`).join('; ') || '-']));
        s.log(`  concurrency ${size} ${client}: ${ok} ok, ${msg} failed clearly, ${left} left`);
        conc[client].push(`N=${size}: ${ok} ok, ${msg} clear failures, ${size - ok - msg} mute/hung, ${left} left open`);
        if (client === 'ipmits' && (size - ok - msg > 0 || left > 0)) concMet = false;
      } finally {
        await sim.stop();
      }
    }
  }
  s.goals.push({
    goal: 'concurrent clients: each succeeds or fails with a clear cause, none leaves a session',
    ipmits: conc.ipmits.join('; '),
    ipmitool: conc.ipmitool.join('; '),
    met: concMet,
  });
  return { title: 'Concurrent clients on one BMC', body };
}

/** Watch /proc/PID/cmdline while the process runs: the last time (ms after spawn) a secret was readable. */
function watchCmdline(/** @type {import('node:child_process').ChildProcess} */ c, /** @type {string[]} */ secrets, /** @type {{ lastSeenMs: number }} */ seen) {
  const t0 = performance.now();
  const tick = () => {
    if (c.exitCode !== null || c.signalCode !== null) return;
    try {
      const cmd = fs.readFileSync(`/proc/${c.pid}/cmdline`, 'latin1');
      if (secrets.some((x) => cmd.includes(x))) seen.lastSeenMs = performance.now() - t0;
    } catch {
      return;
    }
    setImmediate(tick);
  };
  tick();
}

/** Every file under a directory, read as latin1. */
function filesUnder(/** @type {string} */ dir) {
  /** @type {string[]} */
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(fs.readFileSync(path.join(e.parentPath ?? e.path, e.name), 'latin1'));
  }
  return out;
}

/** @param {Settings} s @returns {Promise<Section>} */
export async function secrets(s) {
  const kg = 'kgsecret-0123456';
  const sim = await startSim({ kg, seedSel: false });
  const pw = 'adminpass';
  const kgHex = Buffer.from(kg, 'latin1').toString('hex');
  const wrong = 'Wr0ng-Secret-pw';
  const all = [pw, kg, kgHex, kgHex.toUpperCase(), wrong];
  const label = (/** @type {string} */ x) => (x === pw ? 'the password' : x === wrong ? 'the wrong password' : 'the Kg');
  try {
    const at = ['-I', 'lanplus', '-C', '3', '-H', sim.host, '-p', String(sim.port), '-U', 'admin'];
    /** @type {{ name: string, clients: Client[], argv: string[], input?: string, where: 'all' }[]} */
    const cases = [
      {
        name: '-P and -k, `-vvvv sdr elist` (traces)',
        clients: ['ipmits', 'ipmitool'],
        argv: [...at, '-P', pw, '-k', kg, '-vvvv', 'sdr', 'elist'],
        where: 'all',
      },
      { name: '-P and -y HEX, `power status`', clients: ['ipmits', 'ipmitool'], argv: [...at, '-P', pw, '-y', kgHex, 'power', 'status'], where: 'all' },
      { name: 'wrong -P (error text)', clients: ['ipmits', 'ipmitool'], argv: [...at, '-P', wrong, '-k', kg, 'power', 'status'], where: 'all' },
      { name: 'wrong -P, `--json` (error document)', clients: ['ipmits'], argv: [...at, '-P', wrong, '-k', kg, '--json', 'power', 'status'], where: 'all' },
      { name: '`sdr elist` with the SDR cache (cache files)', clients: ['ipmits'], argv: [...at, '-P', pw, '-k', kg, 'sdr', 'elist'], where: 'all' },
      {
        name: '`shell` with `set password` (history, files)',
        clients: ['ipmits'],
        argv: [...at, '-P', 'x', '-k', kg, 'shell'],
        input: `set password ${pw}\npower status\nexit\n`,
        where: 'all',
      },
    ];
    const body = [
      `Secrets used: the password, the Kg as text (\`-k\`) and as hex (\`-y\`), a wrong password. Searched: /proc/PID/cmdline sampled in a tight loop while the process runs, stdout, stderr (with \`-vvvv\`), the \`--json\` error document, every file under the private HOME (SDR cache, history) after the run.`,
      '',
      ...head(['case', 'client', 'exit', 'cmdline: last seen (ms after spawn)', 'in stdout/stderr', 'in files under HOME']),
    ];
    /** @type {Record<Client, { leaks: number, cmdlineMs: number }>} */
    const worst = { ipmits: { leaks: 0, cmdlineMs: -1 }, ipmitool: { leaks: 0, cmdlineMs: -1 } };
    for (const c of cases) {
      for (const client of c.clients) {
        fs.rmSync(path.join(HOME, '.cache'), { recursive: true, force: true });
        const seen = { lastSeenMs: -1 };
        const r = await runClient(client, c.argv, { limitMs: 30_000, ...(c.input ? { input: c.input } : {}), onSpawn: (ch) => watchCmdline(ch, all, seen) });
        const inOut = all.filter((x) => r.stdout.includes(x) || r.stderr.includes(x));
        const files = filesUnder(HOME);
        const inFiles = all.filter((x) => files.some((f) => f.includes(x)));
        worst[client].leaks += inOut.length + inFiles.length;
        worst[client].cmdlineMs = Math.max(worst[client].cmdlineMs, seen.lastSeenMs);
        body.push(
          row([
            c.name,
            client,
            r.code ?? String(r.signal),
            seen.lastSeenMs < 0 ? 'never' : seen.lastSeenMs.toFixed(0),
            inOut.length ? inOut.map(label).join(', ') : 'none',
            inFiles.length ? inFiles.map(label).join(', ') : 'none',
          ]),
        );
      }
    }
    s.log('  secrets done');
    const said = (/** @type {Client} */ c) =>
      `${worst[c].leaks} in output or files; cmdline readable until ${worst[c].cmdlineMs < 0 ? 'never' : `${worst[c].cmdlineMs.toFixed(0)} ms`}`;
    s.goals.push({
      goal: 'secrets never in cmdline, traces, errors, JSON, cache, history',
      ipmits: said('ipmits'),
      ipmitool: said('ipmitool'),
      met: worst.ipmits.leaks === 0 && worst.ipmits.cmdlineMs < 0,
    });
    return { title: 'Secrets', body };
  } finally {
    await sim.stop();
  }
}

export const SCENARIOS = { loss, duplication, damaged, integrity, 'dead-hosts': deadHosts, signals, concurrency, secrets };
