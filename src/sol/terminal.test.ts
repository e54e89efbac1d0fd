/**
 * The terminal during `sol activate` with stty(1) faked: ipmitool's raw mode
 * (enter_raw_mode in lib/ipmi_sol.c), restored once, ~^Z and ~^X, nothing done
 * when stdin is not a terminal.
 */
import { describe, expect, it } from 'vitest';
import { RAW_STTY, sttyTerminal, type TerminalDeps } from './terminal.js';

function fake(): { deps: TerminalDeps; calls: string[]; exit: () => void } {
  const calls: string[] = [];
  let onExit: () => void = () => undefined;
  return {
    calls,
    exit: () => onExit(),
    deps: {
      stty: (args) => {
        calls.push(args.join(' '));
        return args[0] === '-g' ? 'saved:modes\n' : '';
      },
      stop: () => void calls.push('SIGTSTP'),
      onExit: (fn) => void (onExit = fn),
    },
  };
}

describe('sttyTerminal', () => {
  it("raw mode: ipmitool's flags (OPOST off, so console bytes reach the screen unchanged); restored once", () => {
    const f = fake();
    const t = sttyTerminal({ isTTY: true }, f.deps);
    t.enterRaw();
    expect(t.isRaw).toBe(true);
    expect(f.calls).toEqual(['-g', RAW_STTY.join(' ')]);
    expect(RAW_STTY).toEqual(expect.arrayContaining(['-opost', '-icrnl', '-isig', '-icanon', '-echo', '-ixon', 'min', '1', 'time', '0']));
    t.restore();
    t.restore();
    f.exit();
    expect(f.calls).toEqual(['-g', RAW_STTY.join(' '), 'saved:modes']);
    expect(t.isRaw).toBe(false);
  });

  it('~^Z: restore, stop, raw again on resume; ~^X: restore, stop, stay cooked', () => {
    const f = fake();
    const t = sttyTerminal({ isTTY: true }, f.deps);
    t.enterRaw();
    t.suspend(true);
    expect(f.calls.slice(2)).toEqual(['saved:modes', 'SIGTSTP', RAW_STTY.join(' ')]);
    expect(t.isRaw).toBe(true);
    t.suspend(false);
    expect(f.calls.slice(5)).toEqual(['saved:modes', 'SIGTSTP']);
    expect(t.isRaw).toBe(false);
  });

  it('the process exiting restores the terminal (every exit path)', () => {
    const f = fake();
    const t = sttyTerminal({ isTTY: true }, f.deps);
    t.enterRaw();
    f.exit();
    expect(f.calls[f.calls.length - 1]).toBe('saved:modes');
    expect(t.isRaw).toBe(false);
  });

  it('not a terminal: stty is never run', () => {
    const f = fake();
    const t = sttyTerminal({ isTTY: false }, f.deps);
    t.enterRaw();
    t.suspend(true);
    t.restore();
    expect(f.calls).toEqual(['SIGTSTP']);
    expect(t.isRaw).toBe(false);
  });
});
