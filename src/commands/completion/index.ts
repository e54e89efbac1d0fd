/**
 * `completion bash|zsh|fish` (an ipmits addition): prints the shell's completion script. The
 * scripts are glue: at each TAB they ask `ipmits __complete` (helper.ts), whose one engine
 * (engine.ts) reads the command registry, every family's words and the local caches.
 * docs/completion.md says where each shell looks for them.
 */
import { HelpRequest, UsageError } from '../../errors.js';
import { report, type Outcome } from '../../report.js';
import type { Context } from '../../runtime/context.js';
import { wordList, type Words } from '../words.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const COMPLETION_HELP = `usage: completion <${SHELLS.join('|')}>
  Print a completion script for that shell. Install (one of):
    bash: ipmits completion bash > ~/.local/share/bash-completion/completions/ipmits
    zsh:  ipmits completion zsh > "\${fpath[1]}/_ipmits"
    fish: ipmits completion fish > ~/.config/fish/completions/ipmits.fish
`;

export interface CompletionScript {
  shell: Shell;
  /** The command the script completes and calls back (ipmits). */
  program: string;
}

export const words: Words = { ...wordList(SHELLS), help: null };

export async function run(_ctx: Context, args: string[]): Promise<Outcome> {
  const [shell, ...rest] = args;
  if (shell === undefined) throw new UsageError('Not enough parameters given.', COMPLETION_HELP);
  if (shell === 'help') throw new HelpRequest(COMPLETION_HELP);
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`Invalid completion shell: ${shell} (one of ${SHELLS.join(', ')})`, COMPLETION_HELP);
  if (rest.length) throw new UsageError(`completion ${shell}: unexpected argument '${rest[0]}'`, COMPLETION_HELP);
  return report<CompletionScript>('completion.script', { shell: shell as Shell, program: 'ipmits' });
}
