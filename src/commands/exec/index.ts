/**
 * `exec <file>`: the file's lines run one after another like command lines of their own, in one
 * session (src/ipmishell.c ipmi_exec_main). `#` starts a comment, blank lines are skipped, words
 * are split and unquoted as ipmitool splits them (src/cli/split-line.ts). Like ipmitool, a
 * failing line does not stop the file, except when the session itself cannot be opened or is
 * lost (every later line would wait for the same timeout). The exit status is that of the first
 * failing line (src/cli/main.ts, docs/exit-codes.md).
 */
import type { Context } from '../../runtime/context.js';
import { splitLine } from '../../runtime/split-line.js';
import { LocalError, UsageError } from '../../errors.js';
import type { Outcome } from '../../report.js';
import { strerror } from '../../strerror.js';
import { readInputFile } from '../../read-input.js';

async function readLines(path: string): Promise<string[]> {
  let text: string;
  try {
    text = readInputFile(path).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    // ipmitool: "File X does not exist"; other failures name the reason.
    if (code === 'ENOENT') throw new LocalError(`File ${path} does not exist`, 'exec-file');
    throw new LocalError(`Unable to open file ${path}: ${strerror(e)}`, 'exec-file');
  }
  // Each line keeps its newline: an unclosed quote turns it into a space, as in ipmitool.
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A file that runs itself would otherwise never end (ipmitool stops when it runs out of file descriptors). */
export const MAX_NESTING = 16;

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [path] = args;
  if (path === undefined) throw new UsageError('Usage: exec <filename>');
  const lines = ctx.lines;
  if (!lines) throw new Error('exec needs main() to run its lines');
  if (lines.depth >= MAX_NESTING) throw new LocalError(`exec: files nested more than ${MAX_NESTING} deep (${path})`, 'exec-nesting');
  for (const line of await readLines(path)) {
    const argv = splitLine(line, 'exec');
    if (argv.length === 0) continue;
    if ((await lines.run(argv)) === 'no-session') break;
  }
  return [];
}
