/**
 * ipmitool 1.8.19's line splitting for exec and shell. Every exec case was run through the real
 * ipmitool (`exec` of a file of `echo` lines) and printed the same as ipmits.
 */
import { describe, expect, it } from 'vitest';
import { splitLine } from './split-line.js';

describe('exec lines (as read, newline included)', () => {
  it.each<[string, string[]]>([
    ['power status\n', ['power', 'status']],
    ['  chassis   power status   # trailing comment\n', ['chassis', 'power', 'status']],
    ['# only a comment\n', []],
    ['\n', []],
    ['  \t  \n', []],
    ['power status', ['power', 'status']],
    ['power status\r\n', ['power', 'status']],
    [`raw "0x06" '0x01'\n`, ['raw', '0x06', '0x01']],
    ['echo "a  b" c\n', ['echo', 'a  b', 'c']],
    ['user set name 3 "John Smith"\n', ['user', 'set', 'name', '3', 'John Smith']],
  ])('%j', (line, argv) => {
    expect(splitLine(line, 'exec')).toEqual(argv);
  });

  it.each<[string, string, string[]]>([
    // The comment starts at the first #, quotes or not; the unclosed quote keeps its blank.
    ['# inside quotes', `echo 'x # y'\n`, ['echo', 'x ']],
    ['a quote inside a word is kept as typed, blanks marked ~', 'echo a"b c"d\n', ['echo', 'a"b~c"d']],
    ['what follows the closing quote is dropped', 'echo "ab"cd\n', ['echo', 'ab']],
    ['~ inside quotes is a space', 'echo "a~b"\n', ['echo', 'a b']],
    ['~ outside quotes stays', 'echo ~x\n', ['echo', '~x']],
    ['an empty quoted word is a word', 'echo ""   z\n', ['echo', '', 'z']],
    ['a tab inside quotes becomes a space', 'echo "a\tb"\n', ['echo', 'a b']],
    ['adjacent quoted parts: only the first', `echo 'it''s'\n`, ['echo', 'it']],
    ['the other quote inside quotes', `echo "it's here"\n`, ['echo', "it's here"]],
    ['an unclosed quote runs to the end, newline included', 'echo "unclosed  two\n', ['echo', 'unclosed  two ']],
    ['only spaces separate words', 'echo\ta b\n', ['echo\ta', 'b']],
  ])('%s', (_, line, argv) => {
    expect(splitLine(line, 'exec')).toEqual(argv);
  });
});

describe('shell lines (readline gives them without the newline)', () => {
  it.each<[string, string, string[]]>([
    ['spaces and tabs separate words', 'chassis\tpower  status', ['chassis', 'power', 'status']],
    ['no comments', 'power status # not a comment', ['power', 'status', '#', 'not', 'a', 'comment']],
    ['quotes as in exec', `echo "a  b" 'c d'`, ['echo', 'a  b', 'c d']],
    ['an empty quoted word is dropped', 'echo "" z', ['echo', 'z']],
    ['an unclosed quote runs to the end', 'echo "a b', ['echo', 'a b']],
    ['blank', '   ', []],
  ])('%s', (_, line, argv) => {
    expect(splitLine(line, 'shell')).toEqual(argv);
  });
});

describe("ipmitool's limits are not reproduced (docs/compatibility.md)", () => {
  it('more than 64 words and lines longer than 2047 bytes are kept whole', () => {
    const words = Array.from({ length: 70 }, (_, i) => `w${i}`);
    expect(splitLine(`echo ${words.join(' ')}\n`, 'exec')).toEqual(['echo', ...words]);
    expect(splitLine(`echo ${words.join(' ')}`, 'shell')).toEqual(['echo', ...words]);
    const long = 'x'.repeat(3000);
    expect(splitLine(`echo ${long}\n`, 'exec')).toEqual(['echo', long]);
  });
});
