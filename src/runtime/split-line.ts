/**
 * How ipmitool 1.8.19 turns a line of `exec` or `shell` into argv (src/ipmishell.c),
 * reproduced rule by rule, odd cases included:
 * - exec: everything from the first `#` is a comment, even inside quotes; words are
 *   separated by spaces only (a tab between words stays inside the word).
 * - shell: no comments; words are separated by spaces and tabs; empty words are dropped.
 * - Quotes: inside "…" or '…' whitespace does not split. A word that starts with a quote
 *   loses it and ends at the matching quote (what follows the closing quote in the same
 *   word is dropped); whitespace inside becomes a plain space, and so does a `~` (ipmitool
 *   marks quoted blanks with `~`). A quote in the middle of a word is kept as typed.
 * - An unclosed quote runs to the end of the line (exec: its trailing newline becomes a space).
 * Not reproduced: ipmitool's 2047-byte line and 64-word limits (longer lines are not cut).
 */

export type LineMode = 'exec' | 'shell';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

/** Whitespace inside quotes becomes `~`, as ipmitool marks it before splitting. */
function markQuoted(line: string): string {
  const out = [...line];
  let i = 0;
  while (i < out.length) {
    for (const q of ['"', "'"]) {
      if (out[i] === q) {
        i++;
        while (i < out.length && out[i] !== q) {
          if (isSpace(out[i]!)) out[i] = '~';
          i++;
        }
      }
    }
    i++;
  }
  return out.join('');
}

/** A word starting with a quote: drop it, stop at the closing quote, `~` back to a space. */
function unquote(word: string): string {
  const q = word[0];
  if (q !== '"' && q !== "'") return word;
  const end = word.indexOf(q, 1);
  return word.slice(1, end < 0 ? undefined : end).replace(/~/g, ' ');
}

/** One line (as read, possibly with its newline) to argv; [] for a blank or comment-only line. */
export function splitLine(line: string, mode: LineMode): string[] {
  let text = line;
  if (mode === 'exec') {
    const hash = text.indexOf('#');
    if (hash >= 0) text = text.slice(0, hash);
  }
  text = markQuoted(text);
  if (mode === 'exec') {
    // Leading and trailing whitespace goes; inside, only spaces separate words.
    let start = 0;
    let end = text.length;
    while (start < end && isSpace(text[start]!)) start++;
    while (end > start && isSpace(text[end - 1]!)) end--;
    return text
      .slice(start, end)
      .split(' ')
      .filter((w) => w !== '')
      .map(unquote);
  }
  return text
    .split(/[ \t]+/)
    .filter((w) => w !== '')
    .map(unquote)
    .filter((w) => w !== '');
}
