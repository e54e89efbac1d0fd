/**
 * main(argv, io, deps): parse, dispatch, render, and map errors to exit codes.
 * The only place that prints errors and decides the exit status.
 */
import { HelpRequest, IpmiError, UsageError } from '../errors.js';
import type { Outcome, Report } from '../report.js';
import { renderJson } from '../output/json.js';
import { jsonOf, renderReport, type RenderMode } from '../output/index.js';
import type { Context, Deps, Io, LineHost, LineStatus } from '../runtime/context.js';
import { ExitCode, exitCodeFor, VerdictExit } from './exit-codes.js';
import { parseGlobalOptions } from './global-options.js';
import type { GlobalOptions } from '../runtime/options.js';
import type { CommandSet } from '../runtime/command-set.js';
import type { RunOnHost } from './fleet.js';
import { findFamily, foreignCommands, type FamilyEntry } from './registry.js';
import { commandList, optionUsage } from './usage.js';
import { VERSION } from './version.js';

export interface Hooks {
  /** Called with a cleanup to run if a signal ends the process early. */
  onCleanup?(cleanup: () => Promise<void>): void;
  /** Called when a fleet run is or turns out long (src/cli/fleet.ts): the process gives the JIT back. */
  onLongRun?(): void;
}

export async function main(argv: readonly string[], io: Io, deps: Deps, hooks: Hooks = {}): Promise<number> {
  let options: GlobalOptions | undefined;
  try {
    const parsed = parseGlobalOptions(argv);
    if (parsed.kind === 'help') {
      io.stderr.write(optionUsage());
      return ExitCode.Ok;
    }
    if (parsed.kind === 'version') {
      // --json -V: a document, as everything --json prints on stdout.
      io.stdout.write(styleOf(argv).format === 'json' ? `${JSON.stringify({ name: 'ipmits', version: VERSION })}\n` : `ipmits version ${VERSION}\n`);
      return ExitCode.Ok;
    }
    options = parsed.options;
    return await run(parsed.options, parsed.command, io, deps, hooks);
  } catch (e) {
    return reportError(e, io, options ?? styleOf(argv));
  }
}

/** How errors are written: the options' format and verbosity. */
type ErrorStyle = Pick<GlobalOptions, 'format' | 'verbose'>;

/** Before the options parse (a bad global option): --json or --format json anywhere in argv still asks for a JSON error. */
function styleOf(argv: readonly string[]): ErrorStyle {
  const f = argv.lastIndexOf('--format');
  return { format: argv.includes('--json') || (f >= 0 && argv[f + 1] === 'json') ? 'json' : 'text', verbose: 0 };
}

async function run(options: GlobalOptions, command: string[], io: Io, deps: Deps, hooks: Hooks): Promise<number> {
  if (lookUp(command[0]) === 'help') return dispatchHelp(io);
  // A hostrange runs on every host (src/cli/fleet.ts). Loaded only when -H could be one (a
  // bracket, list, @FILE or @group): one plain host loads no fleet code.
  if (options.host !== undefined && /[[,\s@]/.test(options.host)) {
    const fleet = await import('./fleet.js');
    if (fleet.isHostrange(options.host)) {
      // Loaded once for the run, not per host (an import() per host was ~4 % of 1024 hosts' CPU).
      const { Context } = await import('../runtime/context.js');
      return fleet.runFleetCommand(options, command, io, startingNow(deps), hostRunner(Context), hooks);
    }
  }
  // Loaded here, not at the top: -V, help and usage errors load no session, transport or crypto code.
  const { Context } = await import('../runtime/context.js');
  const lines = new Lines(options, io, deps, Context);
  hooks.onCleanup?.(() => lines.close());
  try {
    const code = await dispatch(command, lines.ctx);
    // exec and shell: the status of the first line that failed (docs/exit-codes.md).
    return code !== ExitCode.Ok ? code : lines.firstFailure;
  } finally {
    await lines.close();
  }
}

/** One command line (argv after the options) in a context: look up, run, print; errors are thrown. */
async function dispatch(command: string[], ctx: Context): Promise<number> {
  const [name, ...args] = command;
  const entry = lookUp(name);
  if (entry === 'help') return dispatchHelp(ctx.io);
  const family = await entry.load();
  let outcome: Outcome;
  try {
    outcome = await family.run(ctx, args);
  } catch (e) {
    // Help the user asked for by name (`chassis help`, `sel get help`) is not a failure (docs/exit-codes.md),
    // even where ipmitool prints the same help for a missing argument and exits 1.
    if (e instanceof HelpRequest && e.exitFailure && args.includes('help')) throw new HelpRequest(e.text);
    throw e;
  }
  return print(outcome, ctx);
}

/** The family a command word names, or 'help'; a missing or unknown word is a usage error (before any session). */
function lookUp(name: string | undefined): FamilyEntry | 'help' {
  if (name === undefined) throw new UsageError('No command provided!', 'commands');
  if (name === 'help') return 'help';
  const entry = findFamily(name);
  if (entry) return entry;
  if (foreignCommands.includes(name)) throw new UsageError(`Command '${name}' is not supported by ipmits`, undefined, 'unsupported-command');
  throw new UsageError(`Invalid command: ${name}`, 'commands', 'invalid-command');
}

function dispatchHelp(io: Io): number {
  io.stderr.write(commandList());
  return ExitCode.Ok;
}

/**
 * One parsed command line (argv after the global options) against a context: run, render into
 * ctx.io, and return its exit status; errors are printed, never thrown. The session stays open
 * (ctx.close() ends it). The fleet fan-out, exec and shell run their lines through this.
 */
export async function runLine(ctx: Context, argv: readonly string[]): Promise<number> {
  try {
    return await dispatch([...argv], ctx);
  } catch (e) {
    return reportError(e, ctx.io, ctx.options);
  }
}

/**
 * One host of a run over a hostrange (src/cli/fleet.ts): the command line in a context of its own
 * (exec works), closed afterwards or when `signal` aborts; errors are printed into `io` and returned.
 */
function hostRunner(contextClass: typeof Context): RunOnHost {
  return (options, command, io, deps, signal) => runOnHost(contextClass, options, command, io, deps, signal);
}

async function runOnHost(
  contextClass: typeof Context,
  options: GlobalOptions,
  command: readonly string[],
  io: Io,
  deps: Deps,
  signal: AbortSignal,
): Promise<{ code: number; error?: unknown }> {
  const lines = new Lines(options, io, deps, contextClass);
  const stop = (): void => void lines.close();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const code = await dispatch([...command], lines.ctx);
    return { code: code !== ExitCode.Ok ? code : lines.firstFailure };
  } catch (e) {
    return { code: reportError(e, io, options), error: e };
  } finally {
    signal.removeEventListener('abort', stop);
    await lines.close();
  }
}

/**
 * The lines of `exec` and `shell`: each runs and prints like a command line of its own, in one
 * context (one session) that `set` may replace. Remembers the first failing line's status.
 */
class Lines implements LineHost {
  ctx: Context;
  firstFailure: number = ExitCode.Ok;
  depth = 0;

  constructor(
    options: GlobalOptions,
    private readonly io: Io,
    private readonly deps: Deps,
    private readonly contextClass: typeof Context,
  ) {
    this.ctx = new contextClass(options, io, deps, this);
  }

  get current(): Context {
    return this.ctx;
  }

  async commands(): Promise<CommandSet> {
    return (await import('./commands.js')).commandSet();
  }

  async run(argv: string[]): Promise<LineStatus> {
    let code: number;
    this.depth++;
    try {
      code = await runLine(this.ctx, argv);
    } finally {
      this.depth--;
    }
    if (code === ExitCode.Ok) return 'ok';
    if (this.firstFailure === ExitCode.Ok) this.firstFailure = code;
    if (code !== ExitCode.Connection && code !== ExitCode.Auth) return 'failed';
    // The session could not be opened or was lost: the next line starts a new one.
    await this.renew(this.ctx.options);
    return 'no-session';
  }

  async update(change: Partial<GlobalOptions>): Promise<void> {
    const next = { ...this.ctx.options, ...change };
    // node:util is loaded only here (exec and shell's `set`): it costs a Bun process ~3 ms and ~3 MiB.
    const { isDeepStrictEqual } = await import('node:util');
    if (SESSION_KEYS.some((k) => k in change && !isDeepStrictEqual(next[k], this.ctx.options[k]))) await this.renew(next);
    else Object.assign(this.ctx.options, change);
  }

  close(): Promise<void> {
    return this.ctx.close();
  }

  private async renew(options: GlobalOptions): Promise<void> {
    await this.ctx.close();
    this.ctx = new this.contextClass(options, this.io, startingNow(this.deps), this);
  }
}

/** Deps for a context opened later than the command started (a fleet host, a renewed session): its --timeout counts from now. */
function startingNow(deps: Deps): Deps {
  const { startedAt: _, ...rest } = deps;
  return rest;
}

/** Options the session is opened with: changing one through `set` means a new session. */
const SESSION_KEYS: readonly (keyof GlobalOptions)[] = [
  'interface',
  'host',
  'port',
  'username',
  'passwordSources',
  'kgSources',
  'privilege',
  'privilegeInvalid',
  'authType',
  'authTypeInvalid',
  'cipherSuite',
  'localAddr',
  'targetAddr',
  'targetChannel',
  'transitAddr',
  'transitChannel',
];

function renderMode(ctx: Context): RenderMode {
  const o = ctx.options;
  const color = o.color ?? (ctx.io.stdout.isTTY === true && ctx.deps.env.NO_COLOR === undefined);
  return { format: o.format, csv: o.csv, verbose: o.verbose, utc: o.utc, color: color && ctx.deps.env.NO_COLOR === undefined };
}

async function print(outcome: Outcome, ctx: Context): Promise<number> {
  const reports: Report[] = Array.isArray(outcome) ? outcome : [outcome];
  // exec and shell print as their lines run: nothing is left to print.
  if (reports.length === 0) return ExitCode.Ok;
  const mode = renderMode(ctx);
  let failure: IpmiError | undefined;
  if (mode.format === 'json') {
    // One JSON document per invocation on stdout (several reports become an array) and, when
    // anything failed, one on stderr that carries the notes too (docs/json.md).
    if (reports.length === 1) ctx.io.stdout.write(await renderReport(reports[0]!, mode));
    else {
      const docs = [];
      for (const r of reports) docs.push(await jsonOf(r, mode));
      ctx.io.stdout.write(renderJson(docs));
    }
    const notes = reports.flatMap((r) => r.notes ?? []);
    failure = reports.find((r) => r.failure)?.failure;
    if (failure) writeJsonError(failure, ctx.io, notes);
    else for (const n of notes) ctx.io.stderr.write(`${n}\n`);
  } else {
    for (const r of reports) {
      for (const n of r.notes ?? []) ctx.io.stderr.write(`${n}\n`);
      ctx.io.stdout.write(await renderReport(r, mode));
      if (r.failure) {
        failure ??= r.failure;
        writeError(r.failure, ctx.io, ctx.options);
      }
    }
  }
  const verdict = reports.find((r) => r.verdict)?.verdict;
  if (verdict) return VerdictExit[verdict];
  return failure ? exitCodeFor(failure) : ExitCode.Ok;
}

function reportError(e: unknown, io: Io, options: ErrorStyle | undefined): number {
  const json = options?.format === 'json';
  if (e instanceof HelpRequest && !(json && e.exitFailure)) {
    // Help asked for is text on stderr, --json or not (docs/json.md).
    io.stderr.write(e.text);
    return exitCodeFor(e);
  }
  if (json) {
    // --json: the error document is the only thing on stderr.
    writeJsonError(e, io);
    return e instanceof IpmiError ? exitCodeFor(e) : ExitCode.Internal;
  }
  writeError(e, io, options);
  if (e instanceof UsageError && e.usage === 'options') io.stderr.write(optionUsage());
  if (e instanceof UsageError && e.usage === 'commands') io.stderr.write(commandList());
  else if (e instanceof UsageError && e.usage && e.usage !== 'options') io.stderr.write(e.usage);
  return exitCodeFor(e);
}

/** Text: preamble lines, the cause under -v, then the message (--json: writeJsonError). */
function writeError(e: unknown, io: Io, options: ErrorStyle | undefined): void {
  const verbose = options?.verbose ?? 0;
  if (!(e instanceof IpmiError)) {
    const err = e as Error;
    io.stderr.write(`ipmits: internal error: ${err?.message ?? String(e)}\n`);
    if (verbose > 0 && err?.stack) io.stderr.write(`${err.stack}\n`);
    return;
  }
  if (options?.format === 'json') return writeJsonError(e, io);
  for (const line of e.preamble) io.stderr.write(`${line}\n`);
  if (verbose > 0 && e.detail) io.stderr.write(`${e.detail}\n`);
  if (e.message) io.stderr.write(`${e.message}\n`);
}

/** For failures whose text output is data on stdout only (ipmitool's way): the JSON error's message. */
const SILENT_FAILURES: Readonly<Record<string, string>> = {
  'fru-device': 'A FRU device could not be read (see its status)',
  'no-reading': 'A sensor has no valid reading',
};

const firstLine = (text: string): string =>
  text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';

/**
 * --json: one document on stderr, whatever failed: `code`, `layer`, a `message` that is never
 * empty, `detail`, the `usage` text of a usage error or of help printed for a missing argument,
 * the `notes` (ipmitool's context lines and the command's stderr lines) and `exitCode`.
 */
function writeJsonError(e: unknown, io: Io, notes: readonly string[] = []): void {
  if (!(e instanceof IpmiError)) {
    const message = `internal error: ${(e as Error)?.message ?? String(e)}`;
    io.stderr.write(`${JSON.stringify({ error: { code: 'internal', layer: 'internal', message, exitCode: ExitCode.Internal } })}\n`);
    return;
  }
  const usage = e instanceof HelpRequest ? e.text : e instanceof UsageError && e.usage && e.usage !== 'options' && e.usage !== 'commands' ? e.usage : undefined;
  const message = e.message || firstLine(usage ?? '') || e.detail || (SILENT_FAILURES[e.code] ?? `${e.code} failed`);
  const lines = [...notes, ...e.preamble].filter((l) => l.trim() !== '');
  const error = {
    code: e.code,
    layer: e.layer,
    message,
    ...(e.detail && e.detail !== message ? { detail: e.detail } : {}),
    ...(usage !== undefined ? { usage } : {}),
    ...(lines.length ? { notes: lines } : {}),
    exitCode: exitCodeFor(e),
  };
  io.stderr.write(`${JSON.stringify({ error })}\n`);
}
