import { describe, expect, it } from 'vitest';
import { parseGlobalOptions } from '../../cli/global-options.js';
import { parseRunOptions } from './index.js';

describe('watchdog run options', () => {
  it('defaults: 300 s, reset, a third of the countdown, no pre-timeout', () => {
    expect(parseRunOptions([], false)).toEqual({
      countdownSec: 300,
      intervalSec: 100,
      action: 'reset',
      preTimeoutSec: 0,
      preTimeoutInterrupt: 'none',
      force: false,
      armOnExit: false,
    });
  });

  it('--opt value and --opt=value; --pretimeout alone means NMI; the global --force counts', () => {
    expect(parseRunOptions(['--countdown=60', '--interval', '15', '--action', 'powercycle', '--pretimeout', '10', '--arm-on-exit'], true)).toEqual({
      countdownSec: 60,
      intervalSec: 15,
      action: 'powercycle',
      preTimeoutSec: 10,
      preTimeoutInterrupt: 'nmi',
      force: true,
      armOnExit: true,
    });
    expect(parseRunOptions(['--pretimeout', '5', '--pretimeout-action', 'smi'], false)).toMatchObject({ preTimeoutSec: 5, preTimeoutInterrupt: 'smi' });
    expect(parseRunOptions(['--pretimeout', '5', '--pretimeout-action', 'none'], false)).toMatchObject({ preTimeoutSec: 0, preTimeoutInterrupt: 'none' });
  });

  it('one line for each bad input', () => {
    expect(() => parseRunOptions(['--countdown', '0'], false)).toThrow('watchdog run: countdown 0 is out of range (1-6553 s)');
    expect(() => parseRunOptions(['--countdown', '10', '--interval', '10'], false)).toThrow(
      'watchdog run: interval 10 must be above 0 and below the countdown (10 s)',
    );
    expect(() => parseRunOptions(['--action', 'explode'], false)).toThrow("watchdog run: --action takes none, reset, poweroff, powercycle, not 'explode'");
    expect(() => parseRunOptions(['--countdown'], false)).toThrow('watchdog run: --countdown needs a number of seconds');
    expect(() => parseRunOptions(['--countdown', 'abc'], false)).toThrow("watchdog run: --countdown needs a number of seconds, not 'abc'");
    expect(() => parseRunOptions(['--force=yes'], false)).toThrow('watchdog run: --force takes no value');
    expect(() => parseRunOptions(['--bogus'], false)).toThrow("watchdog run: unknown option '--bogus'");
  });

  it('reach the family past the global parser (registry ownOptions); global long options stay global', () => {
    const p = parseGlobalOptions(['watchdog', 'run', '--countdown', '60', '--action=poweroff', '--json', '--force', '-I', 'open']);
    expect(p.kind).toBe('run');
    if (p.kind !== 'run') return;
    expect(p.command).toEqual(['watchdog', 'run', '--countdown', '60', '--action=poweroff']);
    expect(p.options.format).toBe('json');
    expect(p.options.force).toBe(true);
    expect(p.options.interface).toBe('open');
    // Other families keep ipmitool's behaviour: an unknown long option is a usage error.
    expect(() => parseGlobalOptions(['mc', 'info', '--countdown', '5'])).toThrow("ipmits: unrecognized option '--countdown'");
  });
});
