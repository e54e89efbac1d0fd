/**
 * `shell`: command lines typed or piped in, run like command lines of their own in one session
 * (src/ipmishell.c ipmi_shell_main). On a terminal: the `ipmitool> ` prompt, line editing,
 * history (without `set password` lines) and tab completion of families and sub-commands. From a
 * pipe: one line at a time as it arrives, no prompt, no echo, and the end of input ends the shell
 * (ipmitool spins there). `exit` or `quit` ends it too; `help` or `?` lists the commands.
 * An open session is kept alive while the shell waits (./keepalive.ts).
 */
import readline from 'node:readline';
import type { Context, LineHost } from '../../runtime/context.js';
import { splitLine } from '../../runtime/split-line.js';
import type { Outcome } from '../../report.js';
import { completer } from './completion.js';
import { KeepAlive } from './keepalive.js';

export const PROMPT = 'ipmitool> ';

type Step = 'next' | 'exit';

/** One line as ipmitool's shell reads it (no comments; exact `exit`/`quit`/`help`/`?`). */
async function step(lines: LineHost, line: string): Promise<Step> {
  if (line === 'quit' || line === 'exit') return 'exit';
  if (line === 'help' || line === '?') {
    await lines.run(['help']);
    return 'next';
  }
  const argv = splitLine(line, 'shell');
  if (argv.length > 0) await lines.run(argv);
  return 'next';
}

const isPasswordLine = (line: string): boolean => /^[ \t]*set[ \t]+pass(word)?\b/.test(line);

async function piped(ctx: Context, lines: LineHost): Promise<void> {
  const rl = readline.createInterface({ input: ctx.io.stdin, crlfDelay: Infinity, terminal: false });
  const keepAlive = new KeepAlive(lines, ctx.deps.clock);
  try {
    keepAlive.arm();
    for await (const line of rl) {
      await keepAlive.disarm();
      if ((await step(lines, line)) === 'exit') break;
      keepAlive.arm();
    }
  } finally {
    await keepAlive.disarm();
    rl.close();
  }
}

async function interactive(ctx: Context, lines: LineHost): Promise<void> {
  const input = ctx.io.stdin as NodeJS.ReadStream;
  const rl = readline.createInterface({
    input,
    output: (ctx.io.stdout.processStream?.() ?? ctx.io.stdout) as NodeJS.WriteStream,
    terminal: true,
    prompt: PROMPT,
    historySize: 500,
    removeHistoryDuplicates: true,
    completer: completer(lines, ctx.deps.env),
  });
  // A password typed after `set password` stays out of the history (it is in memory only anyway).
  rl.on('history', (history: string[]) => {
    if (history[0] !== undefined && isPasswordLine(history[0])) history.shift();
  });
  // Ctrl-C at the prompt drops the line being typed, as in bash.
  rl.on('SIGINT', () => {
    ctx.io.stdout.write('^C\n');
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    rl.prompt();
  });
  let ended = true;
  const keepAlive = new KeepAlive(lines, ctx.deps.clock);
  try {
    rl.prompt();
    keepAlive.arm();
    for await (const line of rl) {
      await keepAlive.disarm();
      // While a command runs the terminal is back in normal mode: Ctrl-C interrupts it (and closes the session).
      rl.pause();
      input.setRawMode?.(false);
      const s = await step(lines, line);
      input.setRawMode?.(true);
      rl.resume();
      if (s === 'exit') {
        ended = false;
        break;
      }
      rl.prompt();
      keepAlive.arm();
    }
  } finally {
    await keepAlive.disarm();
    rl.close();
  }
  // End of input (Ctrl-D): ipmitool ends the prompt line.
  if (ended) ctx.io.stdout.write('\n');
}

export async function run(ctx: Context, _args: string[]): Promise<Outcome> {
  const lines = ctx.lines;
  if (!lines) throw new Error('shell needs main() to run its lines');
  const tty = ctx.io.stdin.isTTY === true && ctx.io.stdout.isTTY === true;
  try {
    await (tty ? interactive(ctx, lines) : piped(ctx, lines));
  } finally {
    // After `exit` the rest of the input is not read: let the process end now.
    const input = ctx.io.stdin as NodeJS.ReadableStream & { destroy?: () => void };
    input.destroy?.();
  }
  return [];
}
