/** Escape sequences as ipmitool 1.8.19's processSolUserInput treats them (lib/ipmi_sol.c). */
import { describe, expect, it } from 'vitest';
import { initialEscapeState, processEscapes, type EscapeEvent } from './escape.js';

const TILDE = 0x7e;
const run = (input: string, esc = TILDE, state = initialEscapeState()) => processEscapes(state, Buffer.from(input, 'latin1'), esc);
const show = (events: EscapeEvent[]): string[] => events.map((e) => (e.kind === 'data' ? `data:${e.data.toString('latin1')}` : `action:${e.action}`));

describe('escapes', () => {
  it('the very first byte counts as after a newline', () => {
    expect(show(run('~.').events)).toEqual(['action:terminate']);
  });
  it('only after CR or LF: "a~." is data', () => {
    expect(show(run('a~.').events)).toEqual(['data:a~.']);
    expect(show(run('a\r~.').events)).toEqual(['data:a\r', 'action:terminate']);
    expect(show(run('a\n~.').events)).toEqual(['data:a\n', 'action:terminate']);
  });
  it('input after ~. is dropped', () => {
    expect(show(run('\r~.rest').events)).toEqual(['data:\r', 'action:terminate']);
  });
  it('~~ sends one ~, ~x sends both, ~\\r sends both and stays at line start', () => {
    expect(show(run('~~').events)).toEqual(['data:~']);
    expect(show(run('~x').events)).toEqual(['data:~x']);
    const r = run('~\r');
    expect(show(r.events)).toEqual(['data:~\r']);
    expect(r.state).toEqual({ afterNewline: true, pending: false });
  });
  it('~B, ~?, ~^Z, ~^X; an action keeps the line-start state (~B~? works)', () => {
    expect(show(run('~B~?').events)).toEqual(['action:break', 'action:help']);
    expect(show(run('~\x1a').events)).toEqual(['action:suspend']);
    expect(show(run('~\x18').events)).toEqual(['action:suspend-keep-tty']);
  });
  it('a pending escape survives a read boundary', () => {
    const a = run('ls\r~');
    expect(show(a.events)).toEqual(['data:ls\r']);
    expect(a.state.pending).toBe(true);
    expect(show(run('.', TILDE, a.state).events)).toEqual(['action:terminate']);
  });
  it('-e changes the escape character; ~ is then plain data', () => {
    expect(show(run('~.', 0x26).events)).toEqual(['data:~.']);
    expect(show(run('&.', 0x26).events)).toEqual(['action:terminate']);
    expect(show(run('&&', 0x26).events)).toEqual(['data:&']);
  });
  it('bytes are never translated (no CR/LF mapping, 8-bit clean)', () => {
    const r = run('\x00\xff\r\n\x03');
    expect(r.events).toEqual([{ kind: 'data', data: Buffer.from([0, 0xff, 0x0d, 0x0a, 0x03]) }]);
  });
});
