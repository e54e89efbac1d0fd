/**
 * Tab completion in the interactive shell: the same engine as the shell scripts
 * (commands/completion/engine.ts) over the registry the entrance passes down
 * (LineHost.commands), plus the shell's own words. Sensor names come from the SDR cache of
 * the shell's -H, never from the BMC.
 */
import type { LineHost } from '../../runtime/context.js';
import { complete } from '../completion/engine.js';
import { localNames } from '../completion/helper.js';

/** Words the shell itself understands. */
const SHELL_WORDS = ['help', 'exit', 'quit'];

type Completer = (line: string, callback: (err: Error | null, result: [string[], string]) => void) => void;

/** node:readline's (asynchronous) completer: the candidates for the word being typed, and that word. */
export function completer(lines: LineHost, env: Readonly<Record<string, string | undefined>>): Completer {
  return (line, callback) => {
    const words = line.trimStart().split(/[ \t]+/);
    const current = words.pop() ?? '';
    const o = lines.current.options;
    const at = [...(o.host !== undefined ? ['-H', o.host, '-p', String(o.port)] : []), ...(o.sdrCacheFile ? ['-S', o.sdrCacheFile] : [])];
    lines
      .commands()
      .then((set) => complete(set, [...at, ...words], current, localNames(env)))
      .then(
        (found) => {
          const hits = [...new Set([...found.map((c) => c.word), ...(words.length === 0 ? SHELL_WORDS.filter((w) => w.startsWith(current)) : [])])];
          // One candidate: complete the word and the space after it (none after 'option=').
          callback(null, [hits.length === 1 ? [hits[0]!.endsWith('=') ? hits[0]! : `${hits[0]} `] : hits, current]);
        },
        () => callback(null, [[], current]),
      );
  };
}
