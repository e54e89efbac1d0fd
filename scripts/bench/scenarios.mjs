// @ts-check
/**
 * The benchmark scenarios: one array entry per scenario. A later issue adds a
 * row here; nothing else in scripts/bench.mjs needs to change.
 *
 * Fields (only `name` and `args` are required):
 *
 *   name       unique label, shown in the table and used by --scenario
 *   issue      the issue that asked for the scenario (shown in --json)
 *   args       string[]: appended to the common LAN arguments
 *                `-I lanplus -H 127.0.0.1 -p <proxy> -U admin -P adminpass -C 3`
 *              or (ctx, client) => string[]: the complete argument list, for
 *              per-client differences (ipmitool `-S cachefile` vs ipmits'
 *              cache option, `-I open`, ...)
 *   network    default true. false = no UDP (e.g. `-I open` in a guest): RT shows "-"
 *   setup      async (ctx) => void | (() => Promise<void>|void). Runs once before the
 *              scenario's warm-up; may return a cleanup function
 *   beforeEach async (ctx, client, run) => void. Runs before every run (warm-ups
 *              included) and is not timed, e.g. delete a cache for a "cold" run
 *              (run = -1 for warm-ups)
 *   input      string written to the client's stdin (stdin is /dev/null otherwise)
 *   env        extra environment for both clients
 *   normalize  (stdout, client) => string, applied before the stdout comparison
 *              (e.g. to blank out timestamps); default: none
 *   compare    default true; false = do not compare stdout
 *   timeoutMs  per-run limit (default --timeout, 30 s)
 *   targets    ipmits' stated targets from the issue:
 *                roundTrips: { max, note }   PASS/FAIL; a FAIL fails the run (exit 2)
 *                wallRatio / cpuRatio / rssRatio: { max, note }  ipmits/ipmitool
 *                  ratio; shown as ok/over, information only (timings never fail the run)
 *
 * ctx (see makeContext in scripts/bench.mjs):
 *   ctx.sim          the simulator (test/sim/simlib.mjs), ctx.sim.console(...) etc.
 *   ctx.proxy        { host, port } of the counting proxy
 *   ctx.lanArgs(o?)  the common arguments; o = { user, iface, cipher } overrides
 *   ctx.dir          a scratch directory for this scenario (removed afterwards)
 *   ctx.home         $HOME of both clients during this scenario (under ctx.dir);
 *                    XDG_CACHE_HOME is ctx.home/.cache
 * client: { id: 'ipmitool'|'ipmits-node'|'ipmits-dist', kind: 'ipmitool'|'ipmits', label }
 */

/**
 * @typedef {{ id: string, kind: 'ipmitool'|'ipmits', label: string }} Client
 * @typedef {{ sim: any, proxy: { host: string, port: number }, dir: string, home: string,
 *             lanArgs: (o?: { user?: string, iface?: string, cipher?: string }) => string[] }} Ctx
 * @typedef {{ max: number, note?: string }} Target
 * @typedef {object} Scenario
 * @property {string} name
 * @property {number} [issue]
 * @property {string[] | ((ctx: Ctx, client: Client) => string[])} args
 * @property {boolean} [network]
 * @property {(ctx: Ctx) => Promise<void | (() => unknown)> | void | (() => unknown)} [setup]
 * @property {(ctx: Ctx, client: Client, run: number) => Promise<void> | void} [beforeEach]
 * @property {string} [input]
 * @property {Record<string, string>} [env]
 * @property {(stdout: string, client: Client) => string} [normalize]
 * @property {boolean} [compare]
 * @property {number} [timeoutMs]
 * @property {{ roundTrips?: Target, wallRatio?: Target, cpuRatio?: Target, rssRatio?: Target }} [targets]
 */

/** @type {Scenario[]} */
export const SCENARIOS = [
  // --- issue 2: the first commands -----------------------------------------
  {
    name: 'power status',
    issue: 2,
    args: ['power', 'status'],
    targets: {
      roundTrips: { max: 5, note: 'issue 2: with -C given, at most 5 round trips (ipmitool: 11)' },
    },
  },
  {
    name: 'chassis status',
    issue: 2,
    args: ['chassis', 'status'],
  },
  {
    name: 'mc info',
    issue: 2,
    args: ['mc', 'info'],
  },

  // --- later issues append rows here, for example: ------------------------------
  // { name: 'sdr elist (cold cache)', issue: N, args: ['sdr', 'elist'],
  //   beforeEach: async (ctx) => { await fs.rm(path.join(ctx.home, '.cache'), { recursive: true, force: true }); } },
  // { name: 'sdr elist (warm cache)', issue: N,
  //   args: (ctx, client) => client.kind === 'ipmitool'
  //     ? [...ctx.lanArgs(), '-S', path.join(ctx.dir, 'sdr.cache'), 'sdr', 'elist']
  //     : [...ctx.lanArgs(), 'sdr', 'elist'],
  //   setup: async (ctx) => { /* dump the SDRs for ipmitool (`sdr dump FILE`) */ } },
  // { name: 'sensor list', issue: N, args: ['sensor', 'list'] },
  // { name: 'sel elist', issue: N, args: ['sel', 'elist'] },
  // { name: 'fru print', issue: N, args: ['fru', 'print'] },
  // { name: '-I open mc info (guest)', issue: N, network: false, args: () => ['-I', 'open', 'mc', 'info'] },
];
